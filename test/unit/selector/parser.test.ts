import { expect } from 'chai';
import { InvalidSelectorException } from '../../../src/api/exceptions.js';
import type { SelectorNode } from '../../../src/selector/index.js';
import { compileSelector, parseSelector, selectorToString } from '../../../src/selector/index.js';

/** The right-hand side of `x = <literal>`. */
function literal(text: string): SelectorNode {
  const ast = parseSelector(`x = ${text}`).ast;
  if (ast.kind !== 'comparison') throw new Error(`expected a comparison, got ${ast.kind}`);
  return ast.right;
}

function selectorError(text: string): InvalidSelectorException {
  try {
    parseSelector(text);
  } catch (error) {
    if (error instanceof InvalidSelectorException) return error;
    throw new Error(`parsing ${JSON.stringify(text.slice(0, 80))} threw ${String(error)}, not InvalidSelectorException`);
  }
  throw new Error(`parsing ${JSON.stringify(text.slice(0, 80))} succeeded; expected InvalidSelectorException`);
}

function timed<T>(fn: () => T): { result: T; ms: number } {
  const start = performance.now();
  const result = fn();
  return { result, ms: performance.now() - start };
}

describe('selector parser', () => {
  describe('literals', () => {
    it('reads string literals with doubled single quotes as one quote', () => {
      expect(literal("'it''s'")).to.deep.equal({ kind: 'string', value: "it's" });
      expect(literal("''''")).to.deep.equal({ kind: 'string', value: "'" });
      expect(literal("''")).to.deep.equal({ kind: 'string', value: '' });
      expect(literal("'a \"b\" ü'")).to.deep.equal({ kind: 'string', value: 'a "b" ü' });
    });

    it('reads decimal, octal, hexadecimal and long exact numerics', () => {
      expect(literal('57')).to.deep.equal({ kind: 'exact', value: 57 });
      expect(literal('0')).to.deep.equal({ kind: 'exact', value: 0 });
      expect(literal('010')).to.deep.equal({ kind: 'exact', value: 8 });
      expect(literal('0777')).to.deep.equal({ kind: 'exact', value: 511 });
      expect(literal('0x1F')).to.deep.equal({ kind: 'exact', value: 31 });
      expect(literal('0XfF')).to.deep.equal({ kind: 'exact', value: 255 });
      expect(literal('10L')).to.deep.equal({ kind: 'exact', value: 10 });
      expect(literal('10l')).to.deep.equal({ kind: 'exact', value: 10 });
      expect(literal('-957')).to.deep.equal({ kind: 'exact', value: -957 });
      expect(literal('+62')).to.deep.equal({ kind: 'exact', value: 62 });
    });

    it('keeps exact numerics beyond 2^53 as bigints, up to the Java long range', () => {
      expect(literal('9223372036854775807')).to.deep.equal({ kind: 'exact', value: 2n ** 63n - 1n });
      expect(literal('-9223372036854775808')).to.deep.equal({ kind: 'exact', value: -(2n ** 63n) });
      expect(literal('9007199254740993')).to.deep.equal({ kind: 'exact', value: 9007199254740993n });
    });

    it('reads approximate numerics: 7E3, -57.9E2, 7., .7e4, 1.5f', () => {
      expect(literal('7E3')).to.deep.equal({ kind: 'approx', value: 7000 });
      expect(literal('-57.9E2')).to.deep.equal({ kind: 'approx', value: -5790 });
      expect(literal('7.')).to.deep.equal({ kind: 'approx', value: 7 });
      expect(literal('.7e4')).to.deep.equal({ kind: 'approx', value: 7000 });
      expect(literal('6.2')).to.deep.equal({ kind: 'approx', value: 6.2 });
      expect(literal('95.7e-2')).to.deep.equal({ kind: 'approx', value: 0.957 });
      expect(literal('1.5f')).to.deep.equal({ kind: 'approx', value: 1.5 });
      expect(literal('0.1f')).to.deep.equal({ kind: 'approx', value: Math.fround(0.1) });
      expect(literal('2d')).to.deep.equal({ kind: 'approx', value: 2 });
    });

    it('reads TRUE and FALSE in any letter case', () => {
      expect(literal('TRUE')).to.deep.equal({ kind: 'boolean', value: true });
      expect(literal('false')).to.deep.equal({ kind: 'boolean', value: false });
      expect(literal('True')).to.deep.equal({ kind: 'boolean', value: true });
    });

    const badLiterals: [string, RegExp][] = [
      ['09', /octal/],
      ['0x', /after a number/],
      ['9223372036854775808', /long range/],
      ['-9223372036854775809', /long range/],
      ['1e999', /out of range/],
      ['1.2.3', /after a number/],
      ['12abc', /after a number/],
      ["'unterminated", /unterminated string literal/],
    ];
    for (const [text, message] of badLiterals) {
      it(`refuses the literal ${text}`, () => {
        expect(selectorError(`x = ${text}`).message).to.match(message);
      });
    }
  });

  describe('identifiers and keywords', () => {
    it('keeps identifiers case-sensitive', () => {
      const ast = parseSelector("Color = 'red'").ast;
      expect(ast).to.deep.include({ left: { kind: 'identifier', name: 'Color' } });
      expect(parseSelector("Color = 'red'").matches((id) => (id === 'color' ? 'red' : null))).to.equal(false);
      expect(parseSelector("Color = 'red'").matches((id) => (id === 'Color' ? 'red' : null))).to.equal(true);
    });

    it('accepts Java identifier characters: $, _, letters and digits after the first', () => {
      for (const name of ['$x', '_y', 'a1', 'ñandú', 'JMSXGroupID', 'JMS_vendor', 'ANDY', 'order_or']) {
        const ast = parseSelector(`${name} = 1`).ast;
        expect(ast, name).to.deep.include({ left: { kind: 'identifier', name } });
      }
    });

    it('reads keywords in any letter case', () => {
      const upper = parseSelector("a BETWEEN 1 AND 2 OR NOT b IS NULL OR c LIKE 'x' ESCAPE '!' OR d IN ('y') OR e = TRUE").ast;
      const lower = parseSelector("a between 1 and 2 or not b is null or c like 'x' escape '!' or d in ('y') or e = true").ast;
      const mixed = parseSelector("a BeTwEeN 1 aNd 2 Or NoT b Is NuLl oR c LiKe 'x' EsCaPe '!' Or d In ('y') oR e = TrUe").ast;
      expect(lower).to.deep.equal(upper);
      expect(mixed).to.deep.equal(upper);
    });

    for (const word of ['NOT', 'and', 'Or', 'BETWEEN', 'like', 'IN', 'is', 'NULL', 'escape']) {
      it(`refuses the reserved word ${word} as an identifier`, () => {
        const error = selectorError(`${word} = 1`);
        expect(error.message).to.match(/expected .* at position \d+/);
      });
    }

    it('accepts the six selectable header identifiers', () => {
      for (const header of ['JMSDeliveryMode', 'JMSPriority', 'JMSMessageID', 'JMSTimestamp', 'JMSCorrelationID', 'JMSType']) {
        expect(() => parseSelector(`${header} IS NULL`), header).to.not.throw();
      }
    });

    for (const header of ['JMSDestination', 'JMSReplyTo', 'JMSExpiration', 'JMSRedelivered', 'JMSDeliveryTime', 'JMSFoo']) {
      it(`refuses the identifier ${header}, which is not selectable`, () => {
        expect(selectorError(`${header} IS NULL`).message).to.contain(header);
      });
    }
  });

  describe('grammar and precedence', () => {
    it('binds * and / tighter than + and -, and both tighter than comparisons', () => {
      const ast = parseSelector('a + b * c = d - e / f').ast;
      expect(selectorToString(ast)).to.equal('((a + (b * c)) = (d - (e / f)))');
    });

    it('binds NOT tighter than AND, and AND tighter than OR', () => {
      expect(selectorToString(parseSelector('a OR b AND NOT c').ast)).to.equal('(a OR (b AND (NOT c)))');
      expect(selectorToString(parseSelector('(a OR b) AND c').ast)).to.equal('((a OR b) AND c)');
    });

    it('evaluates arithmetic left to right', () => {
      expect(selectorToString(parseSelector('a - b - c = 0').ast)).to.equal('(((a - b) - c) = 0)');
      expect(selectorToString(parseSelector('a / b * c = 0').ast)).to.equal('(((a / b) * c) = 0)');
    });

    it('parses the NOT forms of BETWEEN, LIKE, IN and IS NULL', () => {
      expect(parseSelector('a NOT BETWEEN 1 AND 2').ast).to.deep.include({ kind: 'between', negated: true });
      expect(parseSelector("a NOT LIKE 'x%'").ast).to.deep.include({ kind: 'like', negated: true, pattern: 'x%', escape: null });
      expect(parseSelector("a NOT IN ('x', 'y')").ast).to.deep.include({ kind: 'in', negated: true, values: ['x', 'y'] });
      expect(parseSelector('a IS NOT NULL').ast).to.deep.equal({ kind: 'isNull', negated: true, identifier: 'a' });
    });

    it('parses LIKE with an ESCAPE character', () => {
      expect(parseSelector("a LIKE '\\_%' ESCAPE '\\'").ast).to.deep.equal({
        kind: 'like',
        negated: false,
        identifier: 'a',
        pattern: '\\_%',
        escape: '\\',
      });
    });

    it('prints an AST that parses back to the same AST', () => {
      const texts = [
        "color = 'red' AND qty BETWEEN 1 AND 10 AND region LIKE 'EU%'",
        "a NOT IN ('it''s', 'b') OR -b * 2.5 >= 7E3 OR c IS NOT NULL",
        "name LIKE '!%%' ESCAPE '!' AND NOT (x <> -9223372036854775808)",
        'flag OR TRUE = flag',
      ];
      for (const text of texts) {
        const ast = parseSelector(text).ast;
        expect(parseSelector(selectorToString(ast)).ast, text).to.deep.equal(ast);
      }
    });

    it('treats null, empty and blank text as no selector', () => {
      expect(compileSelector(null)).to.equal(null);
      expect(compileSelector(undefined)).to.equal(null);
      expect(compileSelector('')).to.equal(null);
      expect(compileSelector(' \t\n')).to.equal(null);
      expect(compileSelector('a = 1')).to.not.equal(null);
    });
  });

  describe('static type rules', () => {
    const refused: [string, string][] = [
      ['a string compared with a number', "'a' = 1"],
      ['a boolean compared with a string', "TRUE <> 'x'"],
      ['strings ordered with >', "'a' > 'b'"],
      ['booleans ordered with <', 'TRUE < FALSE'],
      ['arithmetic on a string', "'a' + 1 = 2"],
      ['arithmetic on a boolean', 'TRUE * 2 = 2'],
      ['unary minus on a string', "-'a' = 1"],
      ['BETWEEN with string bounds', "a BETWEEN 'a' AND 'z'"],
      ['a numeric selector', 'a + 1'],
      ['a string selector', "'abc'"],
      ['a number as an AND operand', 'a = 1 AND 2'],
      ['a string as an OR operand', "'x' OR a"],
      ['NOT of a number', 'NOT 1'],
      ['LIKE on a literal', "'a' LIKE 'a'"],
      ['IN on an expression', "a + 1 IN ('x')"],
      ['IS NULL on a literal', '1 IS NULL'],
      ['IN with a number', 'a IN (1, 2)'],
      ['an empty IN list', 'a IN ()'],
      ['LIKE with an identifier pattern', 'a LIKE b'],
      ['a two-character ESCAPE', "a LIKE 'x' ESCAPE 'ab'"],
      ['an escape character followed by a plain character', "a LIKE 'a!b' ESCAPE '!'"],
      ['a comparison with NULL', 'a = NULL'],
      ['NOT without BETWEEN, LIKE or IN after an operand', 'a NOT = 1'],
      ['a dangling operator', 'a = 1 AND'],
      ['trailing tokens', 'a = 1 b'],
      ['unbalanced parentheses', '(a = 1'],
      ['an unknown character', 'a = 1 # 2'],
      ['double quotes', 'a = "x"'],
    ];
    for (const [what, text] of refused) {
      it(`refuses ${what}: ${text}`, () => {
        expect(selectorError(text).message).to.match(/position \d+/);
      });
    }

    it('accepts a bare identifier and comparisons between booleans', () => {
      expect(() => parseSelector('flag')).to.not.throw();
      expect(() => parseSelector('flag = TRUE')).to.not.throw();
      expect(() => parseSelector('(a = 1) = (b = 2)')).to.not.throw();
      expect(() => parseSelector('a = b')).to.not.throw();
    });
  });

  describe('error messages', () => {
    it('name the position and what was expected', () => {
      const error = selectorError('color = ');
      expect(error.message).to.contain('position 9');
      expect(error.message).to.contain('expected an expression');
      expect(error.message).to.contain('end of input');
    });

    it('point at the offending token', () => {
      const error = selectorError("a = 1 AND b LIKE 5");
      expect(error.message).to.contain('position 18');
      expect(error.message).to.contain('string literal pattern after LIKE');
      expect(selectorError('a = 1 ) ').message).to.contain('position 7');
      expect(selectorError('a BETWEEN 1 OR 2').message).to.match(/expected AND in BETWEEN.*position 13/);
      expect(selectorError("x IN ('a' 'b')").message).to.match(/expected "\)".*position 11|expected ",".*position 11/);
    });

    it('point at the start of an unterminated string', () => {
      expect(selectorError("a = 'abc").message).to.match(/unterminated string literal at position 5/);
    });

    it('are InvalidSelectorExceptions with a stable code', () => {
      const error = selectorError('=');
      expect(error.code).to.equal('InvalidSelectorException');
      expect(error.name).to.equal('InvalidSelectorException');
    });

    it('shorten a huge selector in the message', () => {
      const error = selectorError(`${'a = 1 AND '.repeat(10_000)}`);
      expect(error.message.length).to.be.lessThan(1000);
    });
  });

  describe('hostile input', () => {
    it('refuses 100,000 nested parentheses quickly, without a RangeError', () => {
      const text = `${'('.repeat(100_000)}a = 1${')'.repeat(100_000)}`;
      const { result, ms } = timed(() => selectorError(text));
      expect(result.message).to.match(/nested/);
      expect(ms).to.be.lessThan(2000);
    });

    it('refuses 100,000 unbalanced opening parentheses', () => {
      expect(selectorError('('.repeat(100_000)).message).to.match(/position/);
    });

    it('refuses 100,000 chained NOTs and unary minuses', () => {
      expect(selectorError(`${'NOT '.repeat(100_000)}a`).message).to.match(/nested/);
      expect(selectorError(`${'- '.repeat(100_000)}a = 1`).message).to.match(/nested/);
      expect(selectorError(`${'+'.repeat(100_000)}a = 1`).message).to.match(/nested/);
    });

    it('refuses a 100,000-term arithmetic chain', () => {
      expect(selectorError(`a${' + 1'.repeat(100_000)} = 0`).message).to.match(/nested/);
    });

    it('parses and evaluates a 1 MB OR chain quickly', () => {
      const parts: string[] = [];
      let size = 0;
      for (let i = 0; size < 1_000_000; i++) {
        const part = `p${i % 1000} = ${i}`;
        parts.push(part);
        size += part.length + 4;
      }
      const text = parts.join(' OR ');
      expect(text.length).to.be.greaterThan(1_000_000);
      const { result: selector, ms } = timed(() => parseSelector(text));
      expect(ms).to.be.lessThan(5000);
      const last = parts.length - 1;
      expect(selector.matches((id) => (id === `p${last % 1000}` ? last : null))).to.equal(true);
      expect(selector.matches(() => -1)).to.equal(false);
    });

    it('parses a 1 MB string literal', () => {
      const value = `${'x'.repeat(1_000_000)}''y`;
      const selector = parseSelector(`s = '${value}'`);
      expect(selector.matches(() => `${'x'.repeat(1_000_000)}'y`)).to.equal(true);
      expect(selector.matches(() => 'x')).to.equal(false);
    });

    it('refuses 1 MB of garbage quickly', () => {
      const { result, ms } = timed(() => selectorError('#'.repeat(1_000_000)));
      expect(result.message).to.contain('position 1');
      expect(ms).to.be.lessThan(2000);
    });

    it('refuses a 1 MB unterminated string quickly', () => {
      const { result, ms } = timed(() => selectorError(`a = '${"x''".repeat(333_333)}`));
      expect(result.message).to.contain('unterminated');
      expect(ms).to.be.lessThan(2000);
    });
  });
});
