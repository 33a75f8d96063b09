import type { ArithmeticOperator, ComparisonOperator, SelectorNode } from './ast.js';
import { SELECTOR_HEADERS } from './ast.js';
import { selectorError, tokenize, type Token } from './lexer.js';

/** Deeper expressions are refused, so hostile input cannot overflow the stack. */
export const MAX_DEPTH = 200;

/** What an expression is known to produce before any message is seen. */
type StaticType = 'boolean' | 'numeric' | 'string' | 'unknown';

interface Typed {
  node: SelectorNode;
  type: StaticType;
  depth: number;
}

const LONG_MAX = 2n ** 63n - 1n;

/**
 * A recursive-descent parser for the JMS selector grammar (JMS 2.0 §3.8.1), with the static
 * type checks the spec implies: strings and booleans compare only with = and <>, arithmetic
 * needs numbers, LIKE/IN/IS NULL apply to identifiers, and the whole selector must be boolean.
 */
export function parseSelectorText(text: string): SelectorNode {
  const parser = new Parser(text, tokenize(text));
  const result = parser.expression(0);
  parser.expectEnd();
  if (result.type === 'numeric' || result.type === 'string') {
    throw selectorError(text, 0, `the selector is a ${result.type} expression, not a condition`);
  }
  return result.node;
}

class Parser {
  private index = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
  ) {}

  private get token(): Token {
    return this.tokens[this.index];
  }

  private fail(what: string, token: Token = this.token): never {
    const found = token.kind === 'end' ? 'end of input' : `"${this.text.slice(token.at, token.at + 40)}"`;
    throw selectorError(this.text, token.at, `${what}, found ${found}`);
  }

  private isKeyword(word: string): boolean {
    return this.token.kind === 'keyword' && this.token.value === word;
  }

  private isOperator(op: string): boolean {
    return this.token.kind === 'operator' && this.token.value === op;
  }

  private expect(op: string): void {
    if (!this.isOperator(op)) this.fail(`expected "${op}"`);
    this.index++;
  }

  expectEnd(): void {
    if (this.token.kind !== 'end') this.fail('expected AND, OR or the end of the selector');
  }

  private guard(depth: number, at: Token): number {
    if (depth > MAX_DEPTH) throw selectorError(this.text, at.at, `expression nested more than ${MAX_DEPTH} levels deep`);
    return depth;
  }

  private condition(operand: Typed, at: Token, what: string): void {
    if (operand.type === 'numeric' || operand.type === 'string') {
      throw selectorError(this.text, at.at, `${what} needs a condition, not a ${operand.type} expression`);
    }
  }

  expression(depth: number): Typed {
    return this.chain('OR', depth, () => this.chain('AND', depth, () => this.notExpression(depth)));
  }

  private chain(word: 'AND' | 'OR', depth: number, next: () => Typed): Typed {
    const start = this.token;
    const first = next();
    if (!this.isKeyword(word)) return first;
    this.condition(first, start, word);
    const operands = [first.node];
    let deepest = first.depth;
    while (this.isKeyword(word)) {
      this.index++;
      const at = this.token;
      const operand = next();
      this.condition(operand, at, word);
      operands.push(operand.node);
      deepest = Math.max(deepest, operand.depth);
    }
    const kind = word === 'AND' ? 'and' : 'or';
    return { node: { kind, operands }, type: 'boolean', depth: this.guard(deepest + 1, start) };
  }

  private notExpression(depth: number): Typed {
    if (!this.isKeyword('NOT')) return this.predicate(depth);
    const at = this.token;
    this.index++;
    const operand = this.notExpression(this.guard(depth + 1, at));
    this.condition(operand, at, 'NOT');
    return { node: { kind: 'not', operand: operand.node }, type: 'boolean', depth: this.guard(operand.depth + 1, at) };
  }

  private predicate(depth: number): Typed {
    const start = this.token;
    const left = this.sum(depth);
    const negated = this.isKeyword('NOT');
    if (negated) this.index++;
    if (this.isKeyword('BETWEEN')) return this.between(left, negated, start, depth);
    if (this.isKeyword('LIKE')) return this.like(left, negated, start);
    if (this.isKeyword('IN')) return this.inList(left, negated, start);
    if (negated) this.fail('expected BETWEEN, LIKE or IN after NOT');
    if (this.isKeyword('IS')) return this.isNull(left, start);
    if (this.token.kind === 'operator' && ['=', '<>', '<', '<=', '>', '>='].includes(this.token.value)) {
      const operator = this.token.value as ComparisonOperator;
      const at = this.token;
      this.index++;
      const right = this.sum(depth);
      this.checkComparison(operator, left, right, at);
      return {
        node: { kind: 'comparison', operator, left: left.node, right: right.node },
        type: 'boolean',
        depth: this.guard(Math.max(left.depth, right.depth) + 1, at),
      };
    }
    return left;
  }

  private checkComparison(operator: ComparisonOperator, left: Typed, right: Typed, at: Token): void {
    if (operator === '=' || operator === '<>') {
      const known = [left.type, right.type].filter((t) => t !== 'unknown');
      if (known.length === 2 && known[0] !== known[1]) {
        throw selectorError(this.text, at.at, `cannot compare a ${left.type} with a ${right.type}`);
      }
      return;
    }
    for (const side of [left, right]) {
      if (side.type === 'string' || side.type === 'boolean') {
        throw selectorError(this.text, at.at, `${operator} compares numbers only, not a ${side.type}`);
      }
    }
  }

  private identifierOf(left: Typed, start: Token, what: string): string {
    if (left.node.kind !== 'identifier') throw selectorError(this.text, start.at, `${what} needs an identifier on its left`);
    return left.node.name;
  }

  private between(left: Typed, negated: boolean, start: Token, depth: number): Typed {
    this.index++;
    const low = this.sum(depth);
    if (!this.isKeyword('AND')) this.fail('expected AND in BETWEEN');
    this.index++;
    const high = this.sum(depth);
    for (const side of [left, low, high]) {
      if (side.type === 'string' || side.type === 'boolean') {
        throw selectorError(this.text, start.at, `BETWEEN compares numbers only, not a ${side.type}`);
      }
    }
    return {
      node: { kind: 'between', negated, operand: left.node, low: low.node, high: high.node },
      type: 'boolean',
      depth: this.guard(Math.max(left.depth, low.depth, high.depth) + 1, start),
    };
  }

  private like(left: Typed, negated: boolean, start: Token): Typed {
    const identifier = this.identifierOf(left, start, 'LIKE');
    this.index++;
    const pattern = this.token;
    if (pattern.kind !== 'string') this.fail('expected a string literal pattern after LIKE');
    this.index++;
    let escape: string | null = null;
    if (this.isKeyword('ESCAPE')) {
      this.index++;
      const escapeToken = this.token;
      if (escapeToken.kind !== 'string' || [...escapeToken.value].length !== 1) this.fail('expected a one-character string literal after ESCAPE');
      escape = escapeToken.value;
      this.index++;
      checkEscapes(this.text, pattern, escape);
    }
    return { node: { kind: 'like', negated, identifier, pattern: pattern.value, escape }, type: 'boolean', depth: 1 };
  }

  private inList(left: Typed, negated: boolean, start: Token): Typed {
    const identifier = this.identifierOf(left, start, 'IN');
    this.index++;
    this.expect('(');
    const values: string[] = [];
    for (;;) {
      const item = this.token;
      if (item.kind !== 'string') this.fail('expected a string literal in the IN list');
      values.push(item.value);
      this.index++;
      if (this.isOperator(')')) break;
      this.expect(',');
    }
    this.index++;
    return { node: { kind: 'in', negated, identifier, values }, type: 'boolean', depth: 1 };
  }

  private isNull(left: Typed, start: Token): Typed {
    const identifier = this.identifierOf(left, start, 'IS NULL');
    this.index++;
    const negated = this.isKeyword('NOT');
    if (negated) this.index++;
    if (!this.isKeyword('NULL')) this.fail('expected NULL after IS');
    this.index++;
    return { node: { kind: 'isNull', negated, identifier }, type: 'boolean', depth: 1 };
  }

  private sum(depth: number): Typed {
    return this.arithmetic(['+', '-'], depth, () => this.product(depth));
  }

  private product(depth: number): Typed {
    return this.arithmetic(['*', '/'], depth, () => this.unary(depth));
  }

  private arithmetic(operators: string[], depth: number, next: () => Typed): Typed {
    let left = next();
    while (this.token.kind === 'operator' && operators.includes(this.token.value)) {
      const at = this.token;
      const operator = at.value as ArithmeticOperator;
      this.index++;
      const right = next();
      for (const side of [left, right]) {
        if (side.type === 'string' || side.type === 'boolean') {
          throw selectorError(this.text, at.at, `${operator} needs numbers, not a ${side.type}`);
        }
      }
      left = {
        node: { kind: 'arithmetic', operator, left: left.node, right: right.node },
        type: 'numeric',
        depth: this.guard(Math.max(left.depth, right.depth) + 1, at),
      };
    }
    return left;
  }

  private unary(depth: number): Typed {
    if (this.isOperator('+') || this.isOperator('-')) {
      const at = this.token;
      const minus = at.value === '-';
      this.index++;
      const next = this.token;
      if (minus && next.kind === 'exact') {
        this.index++;
        const value = -next.value;
        return { node: { kind: 'exact', value: exactValue(value) }, type: 'numeric', depth: 1 };
      }
      const operand = this.unary(this.guard(depth + 1, at));
      if (operand.type === 'string' || operand.type === 'boolean') {
        throw selectorError(this.text, at.at, `unary ${at.value} needs a number, not a ${operand.type}`);
      }
      if (!minus) return operand;
      if (operand.node.kind === 'approx') return { node: { kind: 'approx', value: -operand.node.value }, type: 'numeric', depth: 1 };
      return { node: { kind: 'negate', operand: operand.node }, type: 'numeric', depth: this.guard(operand.depth + 1, at) };
    }
    return this.primary(depth);
  }

  private primary(depth: number): Typed {
    const token = this.token;
    switch (token.kind) {
      case 'string':
        this.index++;
        return { node: { kind: 'string', value: token.value }, type: 'string', depth: 1 };
      case 'exact':
        this.index++;
        if (token.value > LONG_MAX) throw selectorError(this.text, token.at, `numeric literal ${token.text} is out of the long range`);
        return { node: { kind: 'exact', value: exactValue(token.value) }, type: 'numeric', depth: 1 };
      case 'approx':
        this.index++;
        return { node: { kind: 'approx', value: token.value }, type: 'numeric', depth: 1 };
      case 'identifier':
        this.index++;
        checkIdentifier(this.text, token);
        return { node: { kind: 'identifier', name: token.value }, type: 'unknown', depth: 1 };
      case 'keyword':
        if (token.value === 'TRUE' || token.value === 'FALSE') {
          this.index++;
          return { node: { kind: 'boolean', value: token.value === 'TRUE' }, type: 'boolean', depth: 1 };
        }
        return this.fail('expected an expression');
      case 'operator':
        if (token.value === '(') {
          this.index++;
          const inner = this.expression(this.guard(depth + 1, token));
          this.expect(')');
          return { ...inner, depth: this.guard(inner.depth + 1, token) };
        }
        return this.fail('expected an expression');
      default:
        return this.fail('expected an expression');
    }
  }
}

function exactValue(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

function checkIdentifier(text: string, token: Token): void {
  const name = token.value as string;
  if (name.startsWith('JMS') && !SELECTOR_HEADERS.has(name) && !name.startsWith('JMSX') && !name.startsWith('JMS_')) {
    throw selectorError(
      text,
      token.at,
      `"${name}" cannot be used: selectors may name the headers ${[...SELECTOR_HEADERS].join(', ')}, JMSX and JMS_ properties`,
    );
  }
}

function checkEscapes(text: string, pattern: Token, escape: string): void {
  const chars = [...(pattern.value as string)];
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] !== escape) continue;
    const next = chars[i + 1];
    if (next !== '_' && next !== '%' && next !== escape) {
      throw selectorError(text, pattern.at, `the escape character "${escape}" must be followed by _, % or itself in the LIKE pattern`);
    }
    i++;
  }
}
