import type { ComparisonOperator, SelectorNode } from './ast.js';
import { compileLike } from './like.js';

/**
 * What a lookup may return for an identifier. Numbers keep their Java kind when given as a typed
 * value (`{ type: 'int', value: 3 }`, the form message properties are stored in); a plain number
 * is exact when it is an integer and approximate otherwise; a bigint is a long. undefined or null
 * means the identifier has no value (NULL).
 */
export type SelectorValue =
  | boolean
  | number
  | bigint
  | string
  | null
  | undefined
  | { readonly type: string; readonly value: unknown };

/** Gives the value of a selector identifier (a header or property) for one message. */
export type SelectorLookup = (identifier: string) => SelectorValue;

/** An approximate (floating-point) number; exact numbers are plain numbers or bigints. */
class Approx {
  constructor(readonly value: number) {}
}

type Value = null | boolean | string | number | bigint | Approx;
type Evaluate = (lookup: SelectorLookup) => Value;

const LONG_MIN = -(2n ** 63n);

/** How a typed value's Java type reads in a selector: as itself, as an approximate number, or as NULL. */
const TYPED_KIND: Readonly<Record<string, 'plain' | 'approx' | undefined>> = {
  string: 'plain', int: 'plain', long: 'plain', short: 'plain', byte: 'plain', boolean: 'plain',
  double: 'approx', float: 'approx',
}; // char and byte[] have no selector meaning

function normalise(raw: SelectorValue): Value {
  switch (typeof raw) {
    case 'undefined':
      return null;
    case 'boolean':
    case 'string':
    case 'bigint':
      return raw;
    case 'number':
      return Number.isInteger(raw) ? raw : new Approx(raw);
    default: {
      if (raw === null) return null;
      if (raw.type === 'string') return raw.value as string;
      const kind = TYPED_KIND[raw.type];
      if (kind === 'plain') return raw.value as Value;
      return kind === 'approx' ? new Approx(raw.value as number) : null;
    }
  }
}

function isNumeric(value: Value): value is number | bigint | Approx {
  return typeof value === 'number' || typeof value === 'bigint' || value instanceof Approx;
}

function plain(value: number | bigint | Approx): number | bigint {
  return value instanceof Approx ? value.value : value;
}

type Ordering = (a: number | bigint, b: number | bigint) => boolean;
type Comparison = (left: Value, right: Value) => boolean | null;

const ORDERINGS: Readonly<Record<ComparisonOperator, Ordering>> = {
  '=': (a, b) => a == b,
  '<>': (a, b) => a != b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

/**
 * Three-valued comparison for one operator, chosen once when the selector is compiled; values of
 * different kinds compare as false (JMS 2.0 §3.8.1.2).
 */
function comparison(operator: ComparisonOperator): Comparison {
  const ordering = ORDERINGS[operator];
  const equality = operator === '=' ? true : operator === '<>' ? false : null;
  return (left, right) => {
    if (left === null || right === null) return null;
    const a = left instanceof Approx ? left.value : left;
    const b = right instanceof Approx ? right.value : right;
    const aNumeric = typeof a === 'number' || typeof a === 'bigint';
    const bNumeric = typeof b === 'number' || typeof b === 'bigint';
    if (aNumeric && bNumeric) return ordering(a, b);
    if (aNumeric || bNumeric || typeof a !== typeof b || equality === null) return false;
    return (a === b) === equality; // strings and booleans: only = and <> have a meaning
  };
}

const COMPARISONS: Readonly<Record<ComparisonOperator, Comparison>> = {
  '=': comparison('='),
  '<>': comparison('<>'),
  '<': comparison('<'),
  '<=': comparison('<='),
  '>': comparison('>'),
  '>=': comparison('>='),
};

function exactResult(value: bigint): number | bigint {
  const wrapped = BigInt.asIntN(64, value);
  return wrapped >= BigInt(Number.MIN_SAFE_INTEGER) && wrapped <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(wrapped) : wrapped;
}

/** Java numeric promotion: a double if either side is approximate, else long arithmetic. */
function arithmetic(operator: string, left: Value, right: Value): Value {
  if (!isNumeric(left) || !isNumeric(right)) return null;
  if (left instanceof Approx || right instanceof Approx) {
    const a = Number(plain(left));
    const b = Number(plain(right));
    return new Approx(operator === '+' ? a + b : operator === '-' ? a - b : operator === '*' ? a * b : a / b);
  }
  if (typeof left === 'number' && typeof right === 'number') {
    const result = operator === '+' ? left + right : operator === '-' ? left - right : operator === '*' ? left * right : right === 0 ? null : Math.trunc(left / right);
    if (result === null) return null; // division by zero: Java throws, the selector yields unknown
    if (Number.isSafeInteger(result)) return result;
  }
  const a = BigInt(left);
  const b = BigInt(right);
  if (operator === '/' && b === 0n) return null;
  return exactResult(operator === '+' ? a + b : operator === '-' ? a - b : operator === '*' ? a * b : a / b);
}

function asCondition(value: Value): boolean | null {
  return typeof value === 'boolean' ? value : null;
}

/** The value of a literal node, or undefined when the node is not a literal. */
function literalValue(node: SelectorNode): Value | undefined {
  switch (node.kind) {
    case 'string':
    case 'boolean':
    case 'exact':
      return node.value;
    case 'approx':
      return new Approx(node.value);
    default:
      return undefined;
  }
}

function numericLiteral(node: SelectorNode): number | bigint | undefined {
  return node.kind === 'exact' || node.kind === 'approx' ? node.value : undefined;
}

/**
 * Shortcuts for the shapes selectors mostly have (a property against literals): one closure
 * instead of a tree of them. Each gives exactly what the general form gives.
 */
function compileShortcut(node: SelectorNode): Evaluate | null {
  if (node.kind === 'comparison' && node.left.kind === 'identifier' && node.right.kind === 'string' && (node.operator === '=' || node.operator === '<>')) {
    const name = node.left.name;
    const text = node.right.value;
    const equal = node.operator === '=';
    return (lookup) => {
      const value = normalise(lookup(name));
      if (value === null) return null;
      return typeof value === 'string' ? (value === text) === equal : false;
    };
  }
  if (node.kind === 'comparison' && node.left.kind === 'identifier') {
    const constant = literalValue(node.right);
    if (constant === undefined) return null;
    const name = node.left.name;
    const compareValues = COMPARISONS[node.operator];
    return (lookup) => compareValues(normalise(lookup(name)), constant);
  }
  if (node.kind === 'between' && node.operand.kind === 'identifier') {
    const low = numericLiteral(node.low);
    const high = numericLiteral(node.high);
    if (low === undefined || high === undefined) return null;
    const { negated } = node;
    const name = node.operand.name;
    return (lookup) => {
      const value = normalise(lookup(name));
      if (value === null) return null;
      const x = value instanceof Approx ? value.value : value;
      if (typeof x !== 'number' && typeof x !== 'bigint') return false; // each comparison is false
      return negated ? x < low || x > high : x >= low && x <= high;
    };
  }
  return null;
}

/** Compiles the AST into nested closures, so a selector is parsed once and evaluated cheaply. */
export function compileNode(node: SelectorNode): Evaluate {
  const shortcut = compileShortcut(node);
  if (shortcut !== null) return shortcut;
  switch (node.kind) {
    case 'string':
    case 'boolean':
    case 'exact':
    case 'approx': {
      const value = literalValue(node)!;
      return () => value;
    }
    case 'identifier': {
      const name = node.name;
      return (lookup) => normalise(lookup(name));
    }
    case 'negate': {
      const operand = compileNode(node.operand);
      return (lookup) => {
        const value = operand(lookup);
        if (value instanceof Approx) return new Approx(-value.value);
        if (typeof value === 'number') return value === 0 ? 0 : -value;
        if (typeof value === 'bigint') return value === LONG_MIN ? value : exactResult(-value);
        return null;
      };
    }
    case 'arithmetic': {
      const left = compileNode(node.left);
      const right = compileNode(node.right);
      const operator = node.operator;
      return (lookup) => arithmetic(operator, left(lookup), right(lookup));
    }
    case 'comparison': {
      const left = compileNode(node.left);
      const right = compileNode(node.right);
      const compareValues = COMPARISONS[node.operator];
      return (lookup) => compareValues(left(lookup), right(lookup));
    }
    case 'between': {
      const operand = compileNode(node.operand);
      const low = compileNode(node.low);
      const high = compileNode(node.high);
      const negated = node.negated;
      return (lookup) => {
        const value = operand(lookup);
        // JMS 2.0 §3.8.1.2: NOT BETWEEN is `value < low OR value > high`, not the negation of BETWEEN,
        // so a value of another type (each comparison false) matches neither form.
        if (negated) return or(COMPARISONS['<'](value, low(lookup)), COMPARISONS['>'](value, high(lookup)));
        return and(COMPARISONS['>='](value, low(lookup)), COMPARISONS['<='](value, high(lookup)));
      };
    }
    case 'in': {
      const values = new Set(node.values);
      const { identifier, negated } = node;
      return (lookup) => {
        const value = normalise(lookup(identifier));
        if (value === null) return null;
        if (typeof value !== 'string') return false;
        return values.has(value) !== negated;
      };
    }
    case 'like': {
      const matches = compileLike(node.pattern, node.escape);
      const { identifier, negated } = node;
      return (lookup) => {
        const value = normalise(lookup(identifier));
        if (value === null) return null;
        if (typeof value !== 'string') return false;
        return matches(value) !== negated;
      };
    }
    case 'isNull': {
      const { identifier, negated } = node;
      return (lookup) => (normalise(lookup(identifier)) === null) !== negated;
    }
    case 'not': {
      const operand = compileNode(node.operand);
      return (lookup) => not(asCondition(operand(lookup)));
    }
    case 'and': {
      const operands = node.operands.map(compileNode);
      return (lookup) => {
        let result: boolean | null = true;
        for (let i = 0; i < operands.length; i++) {
          const value = asCondition(operands[i](lookup));
          if (value === false) return false;
          if (value === null) result = null;
        }
        return result;
      };
    }
    case 'or': {
      const operands = node.operands.map(compileNode);
      return (lookup) => {
        let result: boolean | null = false;
        for (let i = 0; i < operands.length; i++) {
          const value = asCondition(operands[i](lookup));
          if (value === true) return true;
          if (value === null) result = null;
        }
        return result;
      };
    }
  }
}

function and(a: boolean | null, b: boolean | null): boolean | null {
  if (a === false || b === false) return false;
  return a === null || b === null ? null : true;
}

function or(a: boolean | null, b: boolean | null): boolean | null {
  if (a === true || b === true) return true;
  return a === null || b === null ? null : false;
}

function not(value: boolean | null): boolean | null {
  return value === null ? null : !value;
}
