import { MessageFormatException } from '../api/exceptions.js';
import type { MapValue } from '../api/message.js';
import { checkBoolean, checkChar, checkInteger, checkLong, checkNumber } from './java-number.js';
import type { TypedValue, ValueType } from './typed-value.js';

/** Builds a checked typed value for a map entry or stream item of the given Java type. */
export function typed(type: ValueType, value: unknown, what: string): TypedValue {
  switch (type) {
    case 'boolean':
      return { type, value: checkBoolean(value as boolean, what) };
    case 'byte':
    case 'short':
    case 'int':
      return { type, value: checkInteger(type, value as number, what) };
    case 'long':
      return { type, value: checkLong(value as bigint, what) };
    case 'float':
      return { type, value: Math.fround(checkNumber(value as number, what)) };
    case 'double':
      return { type, value: checkNumber(value as number, what) };
    case 'char':
      return { type, value: checkChar(value as string, what) };
    case 'string':
      if (typeof value !== 'string') throw new MessageFormatException(`${what}: ${String(value)} is not a string`);
      return { type, value };
    case 'bytes':
      if (!(value instanceof Uint8Array)) throw new MessageFormatException(`${what}: not a Uint8Array`);
      return { type, value: value.slice() };
  }
}

/**
 * The typed value setObject stores for a plain value: boolean, string, bigint (long),
 * Uint8Array (byte[]), and number as int when it is an integer in int range, else double.
 */
export function typedFromObject(value: MapValue, what: string): TypedValue | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Uint8Array) return typed('bytes', value, what);
  switch (typeof value) {
    case 'boolean':
      return typed('boolean', value, what);
    case 'string':
      return typed('string', value, what);
    case 'bigint':
      return typed('long', value, what);
    case 'number':
      return Number.isInteger(value) && value >= -2147483648 && value <= 2147483647
        ? typed('int', value, what)
        : typed('double', value, what);
    default:
      throw new MessageFormatException(`${what}: a ${typeof value} is not a JMS map or stream value type`);
  }
}
