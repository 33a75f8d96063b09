import { javaFloatToString } from '../../src/spi/public.js';
import type { SelectorValue } from '../../src/spi/public.js';

/**
 * The numeric value domains a selector identifier can have on ActiveMQ, each an ordered sequence of
 * values numbered by ordinals (bigint), so a comparison can be solved by bisection into ranges of
 * ordinals, and each range written as bounds the broker compares the same way.
 *
 * With `convert_string_expressions:` (the prefix ActiveMQ's STOMP transport gives every selector),
 * ActiveMQ compares a String property with a number by parsing it as the literal's class
 * (Integer.valueOf for an int literal, Long.valueOf, Double.valueOf), and Doubles with compareTo,
 * whose order is -Infinity < … < -0.0 < 0.0 < … < Infinity < NaN. The bounds below are written for
 * that: Long-typed literals for integers (an int literal would make "2^40" unparseable), double
 * literals with a fraction for floating-point values.
 */
export type NumericType = 'byte' | 'short' | 'int' | 'long' | 'float' | 'double';

export interface OrderedDomain {
  readonly type: NumericType;
  readonly exact: boolean;
  /** Ordinals of the finite values (for floating point: without -0.0, which is a special point). */
  readonly min: bigint;
  readonly max: bigint;
  /** The value a jms-ts consumer's evaluator sees, for an ordinal. */
  value(ordinal: bigint): SelectorValue;
  /** A broker literal equal to the value at this ordinal, as the broker reads the operand. */
  literal(ordinal: bigint): string;
}

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
const INT_MIN = -(2n ** 31n);
const INT_MAX = 2n ** 31n - 1n;

/** A literal ActiveMQ parses as a Long: it makes small integers Integers, so add and take away 2^31. */
export function longLiteral(value: bigint): string {
  if (value === LONG_MIN) return '(-9223372036854775807 - 1)';
  if (value >= INT_MIN && value <= INT_MAX) return `(${value} + 2147483648 - 2147483648)`;
  return value < 0n ? `(-${-value})` : String(value);
}

/** A double literal ActiveMQ parses to exactly this value (a fraction or exponent keeps it a Double). */
export function doubleLiteral(value: number): string {
  if (Number.isNaN(value)) return '(0.0 / 0.0)';
  if (value === Infinity) return '(1.0 / 0.0)';
  if (value === -Infinity) return '(-1.0 / 0.0)';
  if (Object.is(value, -0)) return '(-0.0)';
  const text = String(Math.abs(value));
  const literal = /[.e]/.test(text) ? text : `${text}.0`;
  return value < 0 ? `(-${literal})` : literal;
}

function exactDomain(type: NumericType, min: bigint, max: bigint): OrderedDomain {
  return {
    type,
    exact: true,
    min,
    max,
    value: (ordinal) => ({ type, value: type === 'long' ? ordinal : Number(ordinal) }),
    literal: longLiteral,
  };
}

const scratch = new DataView(new ArrayBuffer(8));

function doubleOrdinalValue(ordinal: bigint): number {
  scratch.setBigUint64(0, ordinal < 0n ? -ordinal : ordinal);
  const magnitude = scratch.getFloat64(0);
  return ordinal < 0n ? -magnitude : magnitude;
}

function floatOrdinalValue(ordinal: bigint): number {
  scratch.setUint32(0, Number(ordinal < 0n ? -ordinal : ordinal));
  const magnitude = scratch.getFloat32(0);
  return ordinal < 0n ? -magnitude : magnitude;
}

scratch.setFloat64(0, Number.MAX_VALUE);
const DOUBLE_MAX_ORDINAL = scratch.getBigUint64(0);
scratch.setFloat32(0, 3.4028234663852886e38);
const FLOAT_MAX_ORDINAL = BigInt(scratch.getUint32(0));

function floatingDomain(type: 'float' | 'double', maxOrdinal: bigint, valueOf: (ordinal: bigint) => number, brokerValue: (value: number) => number): OrderedDomain {
  return {
    type,
    exact: false,
    min: -maxOrdinal,
    max: maxOrdinal,
    value: (ordinal) => ({ type, value: valueOf(ordinal) }),
    literal: (ordinal) => doubleLiteral(brokerValue(valueOf(ordinal))),
  };
}

const DOUBLE = floatingDomain('double', DOUBLE_MAX_ORDINAL, doubleOrdinalValue, (value) => value);
/** A float travels as Java's Float.toString; the broker reads that with Double.valueOf, which keeps the order. */
const FLOAT = floatingDomain('float', FLOAT_MAX_ORDINAL, floatOrdinalValue, (value) => Number(javaFloatToString(value)));

export const DOMAINS: Readonly<Record<NumericType, OrderedDomain>> = {
  byte: exactDomain('byte', -128n, 127n),
  short: exactDomain('short', -32768n, 32767n),
  int: exactDomain('int', INT_MIN, INT_MAX),
  long: exactDomain('long', LONG_MIN, LONG_MAX),
  float: FLOAT,
  double: DOUBLE,
};

/** JMSPriority: ActiveMQ keeps 0-9 (it lowers anything above 9 to 9, as jms-ts does on receipt). */
export const PRIORITY_DOMAIN = exactDomain('int', 0n, 9n);

/**
 * The ordinals in (from, to] where `key` changes, for a key that is monotone there (each value
 * occupies one run). Found by bisection; more than `limit` changes is refused with null.
 */
export function changePoints(from: bigint, to: bigint, key: (ordinal: bigint) => string, limit: number): bigint[] | null {
  const points: bigint[] = [];
  let start = from;
  let startKey = key(start);
  while (start < to && key(to) !== startKey) {
    let low = start;
    let high = to;
    while (high - low > 1n) {
      const middle = low + (high - low) / 2n;
      if (key(middle) === startKey) low = middle;
      else high = middle;
    }
    if (points.push(high) > limit) return null;
    start = high;
    startKey = key(start);
  }
  return points;
}
