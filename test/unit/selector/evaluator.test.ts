import { expect } from 'chai';
import { DeliveryMode } from '../../../src/api/constants.js';
import { compileEnvelopeSelector } from '../../../src/codec/envelope-selector.js';
import { messageToEnvelope } from '../../../src/codec/message-codec.js';
import { JmsTextMessage } from '../../../src/message/index.js';
import { parseSelector, type SelectorValue } from '../../../src/selector/index.js';

type Truth = 'TRUE' | 'FALSE' | 'UNKNOWN';
type Values = Record<string, SelectorValue>;

function lookupOf(values: Values): (id: string) => SelectorValue {
  return (id) => (Object.prototype.hasOwnProperty.call(values, id) ? values[id] : undefined);
}

/** The three-valued result of a selector: TRUE when it matches, FALSE when NOT (it) matches, else UNKNOWN. */
function truth(text: string, values: Values = {}): Truth {
  const lookup = lookupOf(values);
  if (parseSelector(text).matches(lookup)) return 'TRUE';
  if (parseSelector(`NOT (${text})`).matches(lookup)) return 'FALSE';
  return 'UNKNOWN';
}

function matches(text: string, values: Values = {}): boolean {
  return parseSelector(text).matches(lookupOf(values));
}

const VALUE_OF: Record<Truth, SelectorValue> = { TRUE: true, FALSE: false, UNKNOWN: null };

describe('selector evaluation', () => {
  describe('three-valued logic', () => {
    const T: Truth = 'TRUE';
    const F: Truth = 'FALSE';
    const U: Truth = 'UNKNOWN';
    const order = [T, F, U];
    // JMS 2.0 §3.8.1.2, tables 3-4 to 3-6 (rows: left operand, columns: right operand).
    const AND: Truth[][] = [
      [T, F, U],
      [F, F, F],
      [U, F, U],
    ];
    const OR: Truth[][] = [
      [T, T, T],
      [T, F, U],
      [T, U, U],
    ];
    const NOT: Truth[] = [F, T, U];

    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        it(`${order[i]} AND ${order[j]} is ${AND[i][j]}`, () => {
          expect(truth('a AND b', { a: VALUE_OF[order[i]], b: VALUE_OF[order[j]] })).to.equal(AND[i][j]);
        });
        it(`${order[i]} OR ${order[j]} is ${OR[i][j]}`, () => {
          expect(truth('a OR b', { a: VALUE_OF[order[i]], b: VALUE_OF[order[j]] })).to.equal(OR[i][j]);
        });
      }
      it(`NOT ${order[i]} is ${NOT[i]}`, () => {
        expect(truth('NOT a', { a: VALUE_OF[order[i]] })).to.equal(NOT[i]);
      });
    }

    it('applies the tables to n-ary chains in any order', () => {
      expect(truth('a AND b AND c', { a: true, b: null, c: false })).to.equal('FALSE');
      expect(truth('a AND b AND c', { a: true, b: null, c: true })).to.equal('UNKNOWN');
      expect(truth('a OR b OR c', { a: false, b: null, c: true })).to.equal('TRUE');
      expect(truth('a OR b OR c', { a: false, b: null, c: false })).to.equal('UNKNOWN');
    });

    it('treats a non-boolean identifier used as a condition as unknown', () => {
      expect(truth('a', { a: 1 })).to.equal('UNKNOWN');
      expect(truth('a', { a: 'true' })).to.equal('UNKNOWN');
      expect(truth('a OR TRUE', { a: 'x' })).to.equal('TRUE');
    });

    it('makes comparisons and arithmetic with a missing value unknown', () => {
      expect(truth('a = 1')).to.equal('UNKNOWN');
      expect(truth('a <> 1')).to.equal('UNKNOWN');
      expect(truth('a + 1 = 2')).to.equal('UNKNOWN');
      expect(truth('-a < 0')).to.equal('UNKNOWN');
      expect(truth("a = 'x'", { a: null })).to.equal('UNKNOWN');
      expect(truth('a = b', { a: 1 })).to.equal('UNKNOWN');
    });

    it('matches only when the selector is TRUE', () => {
      expect(matches('a = 1')).to.equal(false);
      expect(matches('NOT (a = 1)')).to.equal(false);
      expect(matches('a = 1', { a: 1 })).to.equal(true);
    });
  });

  describe('arithmetic', () => {
    it('follows the usual precedence and Java integer division', () => {
      expect(truth('a + b * 2 = 7', { a: 1, b: 3 })).to.equal('TRUE');
      expect(truth('(a + b) * 2 = 8', { a: 1, b: 3 })).to.equal('TRUE');
      expect(truth('10 / 4 = 2')).to.equal('TRUE');
      expect(truth('-7 / 2 = -3')).to.equal('TRUE');
      expect(truth('10 / 4.0 = 2.5')).to.equal('TRUE');
      expect(truth('a - b - c = 5', { a: 10, b: 3, c: 2 })).to.equal('TRUE');
    });

    it('negates identifiers and expressions', () => {
      expect(truth('-a = -5', { a: 5 })).to.equal('TRUE');
      expect(truth('-(a - 10) = 5', { a: 5 })).to.equal('TRUE');
      expect(truth('- -a = 5', { a: 5 })).to.equal('TRUE');
      expect(truth('-a = 1.5', { a: -1.5 })).to.equal('TRUE');
    });

    it('promotes to floating point when either side is approximate', () => {
      expect(truth('a * 0.5 = 1.5', { a: 3 })).to.equal('TRUE');
      expect(truth('a / 2 = 1.5', { a: { type: 'double', value: 3 } })).to.equal('TRUE');
      expect(truth('a / 2 = 1', { a: { type: 'int', value: 3 } })).to.equal('TRUE');
    });

    it('computes with longs beyond 2^53 exactly', () => {
      expect(truth('a + 1 = 9007199254740993', { a: 9007199254740992n })).to.equal('TRUE');
      expect(truth('a * 2 = 18014398509481984', { a: 9007199254740992 })).to.equal('TRUE');
      expect(truth('a - 1 = 9223372036854775806', { a: 2n ** 63n - 1n })).to.equal('TRUE');
    });

    it('makes integer division by zero unknown instead of throwing', () => {
      expect(truth('a / 0 = 1', { a: 5 })).to.equal('UNKNOWN');
      expect(truth('a / b > 0', { a: 5n, b: 0n })).to.equal('UNKNOWN');
    });

    it('gives arithmetic on a string or boolean value unknown', () => {
      expect(truth('a + 1 = 2', { a: '1' })).to.equal('UNKNOWN');
      expect(truth('a * 2 = 2', { a: true })).to.equal('UNKNOWN');
    });
  });

  describe('comparisons', () => {
    it('compares numbers of every Java kind with each other', () => {
      expect(truth('a = 3', { a: { type: 'byte', value: 3 } })).to.equal('TRUE');
      expect(truth('a = 3.0', { a: { type: 'short', value: 3 } })).to.equal('TRUE');
      expect(truth('a = 3', { a: { type: 'long', value: 3n } })).to.equal('TRUE');
      expect(truth('a = 1.5', { a: { type: 'float', value: 1.5 } })).to.equal('TRUE');
      expect(truth('a > 2', { a: 2.5 })).to.equal('TRUE');
      expect(truth('a < 9223372036854775807', { a: 2n ** 62n })).to.equal('TRUE');
      expect(truth('a >= 7E3 AND a <= 7000', { a: 7000 })).to.equal('TRUE');
      expect(truth('a <> 4', { a: 4 })).to.equal('FALSE');
    });

    it('compares strings and booleans with = and <> only, case-sensitively', () => {
      expect(truth("a = 'red'", { a: 'red' })).to.equal('TRUE');
      expect(truth("a = 'red'", { a: 'Red' })).to.equal('FALSE');
      expect(truth("a <> 'red'", { a: 'blue' })).to.equal('TRUE');
      expect(truth('a = TRUE', { a: true })).to.equal('TRUE');
      expect(truth('a <> FALSE', { a: true })).to.equal('TRUE');
      expect(truth("a = 'it''s'", { a: "it's" })).to.equal('TRUE');
    });

    it('never converts strings to numbers or numbers to strings', () => {
      expect(truth('a = 5', { a: '5' })).to.equal('FALSE');
      expect(truth('a > 4', { a: '5' })).to.equal('FALSE');
      expect(truth("a = '5'", { a: 5 })).to.equal('FALSE');
      expect(truth('a = 1', { a: true })).to.equal('FALSE');
      expect(truth("a = 'true'", { a: true })).to.equal('FALSE');
      expect(truth('a = b', { a: '1', b: 1 })).to.equal('FALSE');
    });

    it('compares two identifiers of the same kind', () => {
      expect(truth('a = b', { a: 'x', b: 'x' })).to.equal('TRUE');
      expect(truth('a < b', { a: 1, b: 2.5 })).to.equal('TRUE');
      expect(truth('a < b', { a: 'a', b: 'b' })).to.equal('FALSE');
    });

    it('ignores char and byte[] values, which selectors cannot see', () => {
      expect(truth("a = 'x'", { a: { type: 'char', value: 'x' } })).to.equal('UNKNOWN');
      expect(truth('a IS NULL', { a: { type: 'bytes', value: new Uint8Array(1) } })).to.equal('TRUE');
    });
  });

  describe('BETWEEN', () => {
    it('is inclusive at both ends', () => {
      for (const [qty, expected] of [[0, 'FALSE'], [1, 'TRUE'], [5, 'TRUE'], [10, 'TRUE'], [11, 'FALSE']] as const) {
        expect(truth('qty BETWEEN 1 AND 10', { qty }), String(qty)).to.equal(expected);
        expect(truth('qty NOT BETWEEN 1 AND 10', { qty }), String(qty)).to.equal(expected === 'TRUE' ? 'FALSE' : 'TRUE');
      }
    });

    it('works with approximate values, arithmetic bounds and mixed kinds', () => {
      expect(truth('a BETWEEN 1.5 AND 2.5', { a: 2 })).to.equal('TRUE');
      expect(truth('a BETWEEN b - 1 AND b + 1', { a: 2.9, b: 2 })).to.equal('TRUE');
      expect(truth('a BETWEEN -10 AND -5', { a: -7n })).to.equal('TRUE');
      expect(truth('a BETWEEN 5 AND 1', { a: 3 })).to.equal('FALSE');
    });

    it('is unknown for a missing value, in both forms', () => {
      expect(truth('a BETWEEN 1 AND 2')).to.equal('UNKNOWN');
      expect(truth('a NOT BETWEEN 1 AND 2')).to.equal('UNKNOWN');
      expect(truth('a BETWEEN b AND 2', { a: 1 })).to.equal('UNKNOWN');
    });

    it('is unknown when one bound is unknown and the other comparison is true', () => {
      expect(truth('a BETWEEN 1 AND b', { a: 5 })).to.equal('UNKNOWN');
      expect(truth('a BETWEEN b AND 2', { a: 5 })).to.equal('FALSE');
    });

    it('NOT BETWEEN is `a < low OR a > high`, so a string value matches neither form (JMS 2.0 §3.8.1.2)', () => {
      expect(matches('a BETWEEN 1 AND 2', { a: '1' })).to.equal(false);
      expect(matches('a NOT BETWEEN 1 AND 2', { a: '1' })).to.equal(false);
      expect(matches('a NOT BETWEEN 1 AND 2', { a: 3 })).to.equal(true);
      expect(matches('a NOT BETWEEN 1 AND 2', { a: 1.5 })).to.equal(false);
      expect(matches('a NOT BETWEEN 1 AND b', { a: 0 })).to.equal(true); // true OR unknown
      expect(matches('a NOT BETWEEN 1 AND b', { a: 5 })).to.equal(false); // false OR unknown
    });

    it('is false for a string value', () => {
      expect(truth('a BETWEEN 1 AND 2', { a: '1' })).to.equal('FALSE');
    });
  });

  describe('IN', () => {
    it('matches any listed string, case-sensitively', () => {
      expect(truth("country IN ('UK', 'US', 'France')", { country: 'UK' })).to.equal('TRUE');
      expect(truth("country IN ('UK', 'US', 'France')", { country: 'Peru' })).to.equal('FALSE');
      expect(truth("country IN ('UK', 'US', 'France')", { country: 'uk' })).to.equal('FALSE');
      expect(truth("country NOT IN ('UK', 'US', 'France')", { country: 'UK' })).to.equal('FALSE');
      expect(truth("country NOT IN ('UK', 'US', 'France')", { country: 'Peru' })).to.equal('TRUE');
    });

    it('handles escaped quotes and the empty string in the list', () => {
      expect(truth("a IN ('it''s', '')", { a: "it's" })).to.equal('TRUE');
      expect(truth("a IN ('it''s', '')", { a: '' })).to.equal('TRUE');
    });

    it('is unknown for a missing value, in both forms', () => {
      expect(truth("a IN ('x')")).to.equal('UNKNOWN');
      expect(truth("a NOT IN ('x')")).to.equal('UNKNOWN');
    });

    it('is false for a non-string value', () => {
      expect(truth("a IN ('1')", { a: 1 })).to.equal('FALSE');
    });
  });

  describe('LIKE', () => {
    it("matches '12%3' as in the JMS specification", () => {
      expect(truth("phone LIKE '12%3'", { phone: '123' })).to.equal('TRUE');
      expect(truth("phone LIKE '12%3'", { phone: '12993' })).to.equal('TRUE');
      expect(truth("phone LIKE '12%3'", { phone: '1234' })).to.equal('FALSE');
    });

    it("matches 'l_se' as in the JMS specification", () => {
      expect(truth("word LIKE 'l_se'", { word: 'lose' })).to.equal('TRUE');
      expect(truth("word LIKE 'l_se'", { word: 'loose' })).to.equal('FALSE');
    });

    it("matches '\\_%' ESCAPE '\\' as in the JMS specification", () => {
      expect(truth("underscored LIKE '\\_%' ESCAPE '\\'", { underscored: '_foo' })).to.equal('TRUE');
      expect(truth("underscored LIKE '\\_%' ESCAPE '\\'", { underscored: 'bar' })).to.equal('FALSE');
      expect(truth("underscored LIKE '\\_%' ESCAPE '\\'", { underscored: 'x_' })).to.equal('FALSE');
    });

    it('matches escaped %, escaped escape characters and literal characters', () => {
      expect(truth("a LIKE '100!%' ESCAPE '!'", { a: '100%' })).to.equal('TRUE');
      expect(truth("a LIKE '100!%' ESCAPE '!'", { a: '1000' })).to.equal('FALSE');
      expect(truth("a LIKE 'a!!b' ESCAPE '!'", { a: 'a!b' })).to.equal('TRUE');
      expect(truth("a LIKE 'a.c'", { a: 'abc' })).to.equal('FALSE');
      expect(truth("a LIKE 'a.c'", { a: 'a.c' })).to.equal('TRUE');
      expect(truth("a LIKE '[x]*'", { a: '[x]*' })).to.equal('TRUE');
      expect(truth("a LIKE '^$'", { a: '^$' })).to.equal('TRUE');
    });

    it('matches % against the empty string and _ against exactly one character', () => {
      expect(truth("a LIKE '%'", { a: '' })).to.equal('TRUE');
      expect(truth("a LIKE '_'", { a: '' })).to.equal('FALSE');
      expect(truth("a LIKE '_'", { a: 'é' })).to.equal('TRUE');
      expect(truth("a LIKE '_'", { a: '😀' })).to.equal('TRUE');
      expect(truth("a LIKE 'a%b%c'", { a: 'abc' })).to.equal('TRUE');
      expect(truth("a LIKE 'a%b%c'", { a: 'acb' })).to.equal('FALSE');
      expect(truth("a LIKE '%_%_%'", { a: 'x' })).to.equal('FALSE');
      expect(truth("a LIKE '%_%_%'", { a: 'xy' })).to.equal('TRUE');
    });

    it('is case-sensitive, and negated by NOT LIKE', () => {
      expect(truth("region LIKE 'EU%'", { region: 'eu-west' })).to.equal('FALSE');
      expect(truth("region NOT LIKE 'EU%'", { region: 'eu-west' })).to.equal('TRUE');
      expect(truth("region NOT LIKE 'EU%'", { region: 'EU-west' })).to.equal('FALSE');
    });

    it('is unknown for a missing value, in both forms', () => {
      expect(truth("a LIKE 'x%'")).to.equal('UNKNOWN');
      expect(truth("a NOT LIKE 'x%'")).to.equal('UNKNOWN');
    });

    it('answers hostile patterns against long strings quickly', () => {
      const long = 'a'.repeat(100_000);
      const start = performance.now();
      expect(truth("s LIKE '%a%a%a%a%a%a%a%a%a%b'", { s: long })).to.equal('FALSE');
      expect(truth("s LIKE '%a%a%a%a%a%a%a%a%a%b'", { s: `${long}b` })).to.equal('TRUE');
      expect(truth("s LIKE '%_%_%_%_%_%_%_%_%b'", { s: long })).to.equal('FALSE');
      expect(truth("s LIKE '%aaaaaaaaaaaaaaaaaaab%'", { s: long })).to.equal('FALSE');
      expect(truth("s LIKE '%a%%%%%%%%%%%%%%%%%%%%%%a%%%%%%%%%%%%%%%%%c'", { s: long })).to.equal('FALSE');
      expect(performance.now() - start).to.be.lessThan(2000);
    });

    it('answers a pattern with thousands of % segments quickly', () => {
      const pattern = `${'%a'.repeat(5000)}%b`;
      const start = performance.now();
      expect(truth(`s LIKE '${pattern}'`, { s: 'a'.repeat(20_000) })).to.equal('FALSE');
      expect(truth(`s LIKE '${pattern}'`, { s: `${'a'.repeat(5000)}b` })).to.equal('TRUE');
      expect(performance.now() - start).to.be.lessThan(2000);
    });
  });

  describe('IS NULL', () => {
    it('is true for a missing or null value and false otherwise, never unknown', () => {
      expect(truth('a IS NULL')).to.equal('TRUE');
      expect(truth('a IS NULL', { a: null })).to.equal('TRUE');
      expect(truth('a IS NULL', { a: 0 })).to.equal('FALSE');
      expect(truth('a IS NULL', { a: '' })).to.equal('FALSE');
      expect(truth('a IS NULL', { a: false })).to.equal('FALSE');
      expect(truth('a IS NOT NULL')).to.equal('FALSE');
      expect(truth('a IS NOT NULL', { a: 'x' })).to.equal('TRUE');
    });
  });

  describe('header identifiers on a real message', () => {
    function select(text: string, configure: (m: JmsTextMessage) => void): boolean {
      const m = new JmsTextMessage('body');
      configure(m);
      return compileEnvelopeSelector(text)!(messageToEnvelope(m));
    }

    it("sees JMSDeliveryMode as 'PERSISTENT' or 'NON_PERSISTENT'", () => {
      expect(select("JMSDeliveryMode = 'PERSISTENT'", () => {})).to.equal(true);
      expect(select("JMSDeliveryMode = 'PERSISTENT'", (m) => m.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT))).to.equal(false);
      expect(select("JMSDeliveryMode = 'NON_PERSISTENT'", (m) => m.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT))).to.equal(true);
      expect(select('JMSDeliveryMode = 2', () => {})).to.equal(false);
    });

    it('sees JMSPriority and JMSTimestamp as numbers', () => {
      expect(select('JMSPriority > 6', (m) => m.setJMSPriority(7))).to.equal(true);
      expect(select('JMSPriority > 6', (m) => m.setJMSPriority(4))).to.equal(false);
      expect(select('JMSPriority = 4', () => {})).to.equal(true);
      expect(select('JMSTimestamp BETWEEN 1000 AND 2000', (m) => m.setJMSTimestamp(1500))).to.equal(true);
    });

    it('sees JMSMessageID, JMSCorrelationID and JMSType as strings or null', () => {
      expect(select("JMSMessageID LIKE 'ID:%'", (m) => m.setJMSMessageID('ID:abc:1'))).to.equal(true);
      expect(select('JMSMessageID IS NULL', () => {})).to.equal(true);
      expect(select("JMSCorrelationID = 'c-1'", (m) => m.setJMSCorrelationID('c-1'))).to.equal(true);
      expect(select("JMSType IN ('a', 'b')", (m) => m.setJMSType('b'))).to.equal(true);
      expect(select('JMSType IS NULL', () => {})).to.equal(true);
    });

    it('sees properties with their Java types, and JMSX properties', () => {
      const configure = (m: JmsTextMessage): void => {
        m.setByteProperty('b', 3);
        m.setLongProperty('l', 2n ** 60n);
        m.setFloatProperty('f', 0.5);
        m.setStringProperty('s', '5');
        m.setBooleanProperty('flag', true);
        m.setStringProperty('JMSXGroupID', 'g1');
      };
      expect(select('b * 2 = 6 AND l > 1000 AND f = 0.5 AND flag', configure)).to.equal(true);
      expect(select('s = 5', configure)).to.equal(false);
      expect(select("s = '5' AND JMSXGroupID = 'g1'", configure)).to.equal(true);
      expect(select("JMSXGroupID <> 'g1'", configure)).to.equal(false);
    });

    it('does not see a property whose name only differs in case', () => {
      expect(select('qty = 1', (m) => m.setIntProperty('QTY', 1))).to.equal(false);
      expect(select('qty IS NULL', (m) => m.setIntProperty('QTY', 1))).to.equal(true);
    });
  });

  it('evaluates the benchmark selector correctly', () => {
    const text = "color = 'red' AND qty BETWEEN 1 AND 10 AND region LIKE 'EU%'";
    expect(truth(text, { color: 'red', qty: 5, region: 'EU-west' })).to.equal('TRUE');
    expect(truth(text, { color: 'red', qty: 11, region: 'EU-west' })).to.equal('FALSE');
    expect(truth(text, { color: 'red', qty: 5, region: 'US' })).to.equal('FALSE');
    expect(truth(text, { color: 'red', qty: 5 })).to.equal('UNKNOWN');
    expect(truth(text, { color: 'blue' })).to.equal('FALSE');
  });
});
