import { MessageFormatException, NullPointerException, NumberFormatException } from '../api/exceptions.js';
import { javaDoubleToString, javaFloatToString, parseJavaDouble, parseJavaInteger, parseJavaLong } from './java-number.js';
import type { TypedValue, ValueType } from './typed-value.js';

/**
 * The JMS conversion tables: which Java type may be read as which (JMS 2.0 §3.5.4 for
 * properties, §3.11.3 for map and stream bodies; the property table is the same without char
 * and byte[]). Every other pair throws MessageFormatException.
 */
const ALLOWED: Record<ValueType, ReadonlySet<ValueType>> = {
  boolean: new Set(['boolean', 'string']),
  byte: new Set(['byte', 'short', 'int', 'long', 'string']),
  short: new Set(['short', 'int', 'long', 'string']),
  char: new Set(['char', 'string']),
  int: new Set(['int', 'long', 'string']),
  long: new Set(['long', 'string']),
  float: new Set(['float', 'double', 'string']),
  double: new Set(['double', 'string']),
  string: new Set(['boolean', 'byte', 'short', 'int', 'long', 'float', 'double', 'string']),
  bytes: new Set(['bytes']),
};

export interface ReadResult {
  boolean: boolean;
  byte: number;
  short: number;
  char: string;
  int: number;
  long: bigint;
  float: number;
  double: number;
  string: string | null;
  bytes: Uint8Array | null;
}

/**
 * Reads `stored` as `target`, following the table. A missing value (null) reads as Java's
 * `valueOf(null)` would: false, null, NumberFormatException for integers, NullPointerException
 * for float, double and char.
 */
export function convert<T extends ValueType>(stored: TypedValue | null | undefined, target: T, what: string): ReadResult[T] {
  if (stored == null) return readNull(target, what) as ReadResult[T];
  if (!ALLOWED[stored.type].has(target)) {
    throw new MessageFormatException(`${what}: a ${stored.type} value cannot be read as ${target}`);
  }
  if (stored.type === target) return (stored.type === 'bytes' ? stored.value.slice() : stored.value) as ReadResult[T];
  if (target === 'string') return toJavaString(stored) as ReadResult[T];
  if (stored.type === 'string') return parseString(stored.value, target, what) as ReadResult[T];
  // Widening numeric conversions.
  if (target === 'long') return BigInt(stored.value as number) as ReadResult[T];
  return stored.value as ReadResult[T];
}

function readNull(target: ValueType, what: string): ReadResult[ValueType] {
  switch (target) {
    case 'boolean':
      return false;
    case 'string':
    case 'bytes':
      return null;
    case 'byte':
    case 'short':
    case 'int':
    case 'long':
      throw new NumberFormatException(`${what}: no value (null) cannot be read as ${target}`);
    default:
      throw new NullPointerException(`${what}: no value (null) cannot be read as ${target}`);
  }
}

function parseString(text: string, target: ValueType, what: string): ReadResult[ValueType] {
  try {
    switch (target) {
      case 'boolean':
        return text.toLowerCase() === 'true';
      case 'byte':
      case 'short':
      case 'int':
        return parseJavaInteger(text, target);
      case 'long':
        return parseJavaLong(text);
      case 'float':
        return Math.fround(parseJavaDouble(text));
      default:
        return parseJavaDouble(text);
    }
  } catch (error) {
    if (error instanceof NumberFormatException) throw new NumberFormatException(`${what}: ${error.message}`);
    throw error;
  }
}

/** Java's String.valueOf for each type. */
export function toJavaString(value: TypedValue): string {
  switch (value.type) {
    case 'float':
      return javaFloatToString(value.value);
    case 'double':
      return javaDoubleToString(value.value);
    case 'bytes':
      throw new MessageFormatException('a byte[] value cannot be read as a string');
    default:
      return String(value.value);
  }
}

/** The plain value a getObject/getObjectProperty call returns (byte[] copied). */
export function plainValue(value: TypedValue | null | undefined): boolean | number | bigint | string | Uint8Array | null {
  if (value == null) return null;
  return value.type === 'bytes' ? value.value.slice() : value.value;
}
