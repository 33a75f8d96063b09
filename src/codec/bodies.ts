import { MessageFormatException } from '../api/exceptions.js';
import type { TypedValue } from '../message/index.js';

/**
 * Map, Stream and Object bodies as tagged JSON that keeps Java types. A typed value is
 * `[code, value]` with the codes of Java's type descriptors: z boolean, b byte, s short, c char,
 * i int, j long (decimal string), f float, d double (a string for NaN, ±Infinity and -0),
 * t string, y byte[] (base64); a null entry is `null`.
 *   map:    [[name, code, value], ...]        stream: [[code, value] | null, ...]
 *   object: JSON primitives as themselves; ["a", ...items] array, ["o", key, value, ...] object,
 *           ["j", "123"] bigint, ["y", base64] Uint8Array, ["D", ms] Date, ["d", "NaN"] special number.
 * Decoding builds values from data only: no code runs and no key reaches a prototype.
 */
const CODES = { boolean: 'z', byte: 'b', short: 's', char: 'c', int: 'i', long: 'j', float: 'f', double: 'd', string: 't', bytes: 'y' } as const;
const TYPES: Record<string, TypedValue['type']> = Object.fromEntries(Object.entries(CODES).map(([type, code]) => [code, type])) as Record<string, TypedValue['type']>;
const MAX_DEPTH = 256;

function encodeNumber(value: number): number | string {
  return Number.isFinite(value) && !Object.is(value, -0) ? value : String(Object.is(value, -0) ? '-0' : value);
}

function decodeNumber(value: unknown, what: string): number {
  if (typeof value === 'number') return value;
  if (value === 'NaN' || value === 'Infinity' || value === '-Infinity' || value === '-0') return Number(value);
  throw malformed(what, `${JSON.stringify(value)} is not a number`);
}

function malformed(what: string, why: string): MessageFormatException {
  return new MessageFormatException(`Malformed ${what} body: ${why}`);
}

function encodeTyped(value: TypedValue): [string, unknown] {
  switch (value.type) {
    case 'long':
      return ['j', value.value.toString()];
    case 'float':
    case 'double':
      return [CODES[value.type], encodeNumber(value.value)];
    case 'bytes':
      return ['y', Buffer.from(value.value).toString('base64')];
    default:
      return [CODES[value.type], value.value];
  }
}

function decodeTyped(code: unknown, value: unknown, what: string): TypedValue {
  const type = typeof code === 'string' ? TYPES[code] : undefined;
  switch (type) {
    case 'boolean':
      if (typeof value !== 'boolean') break;
      return { type, value };
    case 'byte':
    case 'short':
    case 'int':
      if (!Number.isInteger(value)) break;
      return { type, value: value as number };
    case 'float':
      return { type, value: Math.fround(decodeNumber(value, what)) };
    case 'double':
      return { type, value: decodeNumber(value, what) };
    case 'long':
      if (typeof value !== 'string' || !/^-?\d+$/.test(value)) break;
      return { type, value: BigInt(value) };
    case 'char':
      if (typeof value !== 'string' || value.length !== 1) break;
      return { type, value };
    case 'string':
      if (typeof value !== 'string') break;
      return { type, value };
    case 'bytes':
      if (typeof value !== 'string') break;
      return { type, value: new Uint8Array(Buffer.from(value, 'base64')) };
    default:
      throw malformed(what, `unknown type code ${JSON.stringify(code)}`);
  }
  throw malformed(what, `${JSON.stringify(value)} is not a valid ${type}`);
}

/** The key of a body that stands for one an adapter could not read from its broker (undecodableBody). */
const UNDECODABLE = 'jmsts_undecodable';

function parse(bytes: Uint8Array, what: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  } catch (error) {
    throw malformed(what, (error as Error).message);
  }
  const reason = (parsed as Record<string, unknown> | null)?.[UNDECODABLE];
  if (typeof reason === 'string' && !Array.isArray(parsed)) throw new MessageFormatException(reason);
  return parsed;
}

/**
 * A map, stream or object body that an adapter could not turn into jms-ts's encoding: the message
 * is still delivered, and reading its body throws MessageFormatException with `reason`.
 */
export function undecodableBody(reason: string): Uint8Array {
  return toBytes({ [UNDECODABLE]: reason });
}

const toBytes = (value: unknown): Uint8Array => Buffer.from(JSON.stringify(value), 'utf8');

export function encodeMapBody(entries: ReadonlyMap<string, TypedValue | null>): Uint8Array {
  const rows: unknown[] = [];
  for (const [name, value] of entries) rows.push(value === null ? [name, null] : [name, ...encodeTyped(value)]);
  return toBytes(rows);
}

export function decodeMapBody(bytes: Uint8Array): Map<string, TypedValue | null> {
  const rows = parse(bytes, 'map');
  if (!Array.isArray(rows)) throw malformed('map', 'expected an array of entries');
  const entries = new Map<string, TypedValue | null>();
  for (const row of rows) {
    if (!Array.isArray(row) || typeof row[0] !== 'string') throw malformed('map', 'an entry is not [name, type, value]');
    entries.set(row[0], row[1] === null ? null : decodeTyped(row[1], row[2], 'map'));
  }
  return entries;
}

export function encodeStreamBody(items: readonly (TypedValue | null)[]): Uint8Array {
  return toBytes(items.map((item) => (item === null ? null : encodeTyped(item))));
}

export function decodeStreamBody(bytes: Uint8Array): (TypedValue | null)[] {
  const rows = parse(bytes, 'stream');
  if (!Array.isArray(rows)) throw malformed('stream', 'expected an array of items');
  return rows.map((row) => {
    if (row === null) return null;
    if (!Array.isArray(row)) throw malformed('stream', 'an item is not [type, value]');
    return decodeTyped(row[0], row[1], 'stream');
  });
}

function encodeObject(value: unknown): unknown {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0) ? value : ['d', encodeNumber(value)];
  if (typeof value === 'bigint') return ['j', value.toString()];
  if (value instanceof Uint8Array) return ['y', Buffer.from(value).toString('base64')];
  if (value instanceof Date) return ['D', value.getTime()];
  if (Array.isArray(value)) return ['a', ...value.map(encodeObject)];
  const row: unknown[] = ['o'];
  for (const key of Object.keys(value as object)) row.push(key, encodeObject((value as Record<string, unknown>)[key]));
  return row;
}

function decodeObject(value: unknown, depth: number): unknown {
  if (value === null || typeof value === 'boolean' || typeof value === 'string' || typeof value === 'number') return value;
  if (depth > MAX_DEPTH) throw malformed('object', `nested deeper than ${MAX_DEPTH} levels`);
  if (!Array.isArray(value) || value.length === 0) throw malformed('object', `unexpected ${JSON.stringify(value)}`);
  switch (value[0]) {
    case 'a':
      return value.slice(1).map((item) => decodeObject(item, depth + 1));
    case 'o': {
      const object: Record<string, unknown> = {};
      for (let i = 1; i < value.length; i += 2) {
        if (typeof value[i] !== 'string') throw malformed('object', 'an object key is not a string');
        Object.defineProperty(object, value[i], { value: decodeObject(value[i + 1], depth + 1), enumerable: true, writable: true, configurable: true });
      }
      return object;
    }
    case 'j':
      if (typeof value[1] !== 'string' || !/^-?\d+$/.test(value[1])) throw malformed('object', 'bad bigint');
      return BigInt(value[1]);
    case 'y':
      if (typeof value[1] !== 'string') throw malformed('object', 'bad byte array');
      return new Uint8Array(Buffer.from(value[1], 'base64'));
    case 'D':
      if (typeof value[1] !== 'number') throw malformed('object', 'bad date');
      return new Date(value[1]);
    case 'd':
      return decodeNumber(value[1], 'object');
    default:
      throw malformed('object', `unknown tag ${JSON.stringify(value[0])}`);
  }
}

export function encodeObjectBody(value: unknown): Uint8Array {
  return toBytes(encodeObject(value));
}

export function decodeObjectBody(bytes: Uint8Array): unknown {
  return decodeObject(parse(bytes, 'object'), 0);
}
