import { MessageFormatException } from '../../src/api/exceptions.js';
import { encodeMapBody } from '../../src/spi/public.js';

/**
 * A Java MapMessage as ActiveMQ's `jms-map-json` transformation writes it (XStream through
 * Jettison): `{"map":{"entry":[{"string":"k","int":42}, ...]}}`, one entry as an object rather than
 * an array, an empty map as `{"map":""}`, and a string value as `{"string":["k","v"]}`. Jettison
 * turns strings that look like numbers or booleans into JSON ones (`{"string":["zip",12]}`), so
 * every scalar is kept as its source text and read by the Java type XStream names.
 */

type Entries = Parameters<typeof encodeMapBody>[0];
type Typed = NonNullable<Entries extends ReadonlyMap<string, infer V> ? V : never>;

/** A JSON string, number, boolean or null as its text: long values beyond 2^53 stay exact. */
class Scalar {
  constructor(
    readonly text: string,
    readonly quoted: boolean,
  ) {}
}
type JsonObject = { readonly [key: string]: Json };
type Json = Scalar | readonly Json[] | JsonObject;

const malformed = (why: string) => new MessageFormatException(`Malformed jms-map-json body from ActiveMQ: ${why}`);

/** A small JSON reader (JSON.parse would round longs) that keeps scalars as text and objects in key order. */
function parseExact(text: string): Json {
  let at = 0;
  const space = () => {
    while (at < text.length && ' \t\r\n'.includes(text[at]!)) at++;
  };
  const value = (): Json => {
    space();
    const c = text[at];
    if (c === '{') {
      at++;
      const object: Record<string, Json> = Object.create(null) as Record<string, Json>;
      space();
      if (text[at] === '}') return at++, object;
      for (;;) {
        const key = value();
        if (!(key instanceof Scalar) || !key.quoted) throw malformed(`a key at ${at} is not a string`);
        space();
        if (text[at++] !== ':') throw malformed(`expected ':' at ${at - 1}`);
        object[key.text] = value();
        space();
        const next = text[at++];
        if (next === '}') return object;
        if (next !== ',') throw malformed(`expected ',' or '}' at ${at - 1}`);
      }
    }
    if (c === '[') {
      at++;
      const array: Json[] = [];
      space();
      if (text[at] === ']') return at++, array;
      for (;;) {
        array.push(value());
        space();
        const next = text[at++];
        if (next === ']') return array;
        if (next !== ',') throw malformed(`expected ',' or ']' at ${at - 1}`);
      }
    }
    if (c === '"') {
      const start = at;
      for (at++; at < text.length && text[at] !== '"'; at++) if (text[at] === '\\') at++;
      if (at++ >= text.length) throw malformed('an unterminated string');
      return new Scalar(JSON.parse(text.slice(start, at)) as string, true);
    }
    const match = /^(?:-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null)/.exec(text.slice(at, at + 400));
    if (!match) throw malformed(`unexpected ${c === undefined ? 'end' : JSON.stringify(c)} at ${at}`);
    at += match[0].length;
    return new Scalar(match[0], false);
  };
  const result = value();
  space();
  if (at !== text.length) throw malformed(`unexpected text at ${at}`);
  return result;
}

const isObject = (json: Json | undefined): json is JsonObject => json !== undefined && !Array.isArray(json) && !(json instanceof Scalar);

function scalar(json: Json | undefined, what: string): string {
  if (!(json instanceof Scalar)) throw malformed(`${what} is not a single value`);
  return json.text;
}

function number(text: string, what: string): number {
  const parsed = Number(text);
  if (text === '' || (Number.isNaN(parsed) && text !== 'NaN')) throw malformed(`${what} is not a number: ${text}`);
  return parsed;
}

function integer(text: string, what: string, bits: number): number {
  const value = number(text, what);
  if (!Number.isInteger(value) || Math.abs(value) > 2 ** (bits - 1)) throw malformed(`${what} is not a ${bits}-bit integer: ${text}`);
  return value;
}

function typed(type: string, json: Json | undefined, key: string): Typed | null {
  const what = `entry "${key}"`;
  if (type === 'null') return null;
  const text = scalar(json, what);
  switch (type) {
    case 'string':
      return { type: 'string', value: text };
    case 'char':
      if ([...text].length !== 1) throw malformed(`${what} is not one char: ${text}`);
      return { type: 'char', value: text };
    case 'boolean':
      if (text !== 'true' && text !== 'false') throw malformed(`${what} is not a boolean: ${text}`);
      return { type: 'boolean', value: text === 'true' };
    case 'byte':
      return { type: 'byte', value: integer(text, what, 8) };
    case 'short':
      return { type: 'short', value: integer(text, what, 16) };
    case 'int':
      return { type: 'int', value: integer(text, what, 32) };
    case 'long':
      if (!/^-?\d+$/.test(text)) throw malformed(`${what} is not a long: ${text}`);
      return { type: 'long', value: BigInt(text) };
    case 'float':
      return { type: 'float', value: Math.fround(number(text, what)) };
    case 'double':
      return { type: 'double', value: number(text, what) };
    case 'byte-array': // XStream's EncodedByteArrayConverter: base64
      if (!/^[A-Za-z0-9+/\s]*={0,2}$/.test(text)) throw malformed(`${what} is not base64: ${text}`);
      return { type: 'bytes', value: new Uint8Array(Buffer.from(text, 'base64')) };
    default:
      throw malformed(`${what} has a type jms-ts does not know: ${type}`);
  }
}

/** The entries of a `jms-map-json` body, with their Java types. */
export function decodeXStreamMap(body: Buffer): Entries {
  const root = parseExact(body.toString('utf8'));
  const map = isObject(root) ? root.map : undefined;
  if (map === undefined) throw malformed('no "map" at the top');
  const entries = new Map<string, Typed | null>();
  if (map instanceof Scalar) return entries; // {"map":""}
  if (!isObject(map)) throw malformed('"map" is an array');
  const entry = map.entry;
  const list: readonly Json[] = entry === undefined ? [] : Array.isArray(entry) ? entry : [entry as Json];
  for (const item of list) {
    if (!isObject(item)) throw malformed('an entry is not an object');
    const fields = Object.entries(item);
    const keyField = fields[0];
    if (keyField === undefined || keyField[0] !== 'string') throw malformed('an entry has no string key');
    if (fields.length === 1 && Array.isArray(keyField[1]) && keyField[1].length === 2) {
      const key = scalar(keyField[1][0], 'a key');
      entries.set(key, { type: 'string', value: scalar(keyField[1][1], `entry "${key}"`) });
      continue;
    }
    const key = scalar(keyField[1], 'a key');
    if (fields.length !== 2) throw malformed(`entry "${key}" has ${fields.length} fields`);
    entries.set(key, typed(fields[1]![0], fields[1]![1], key));
  }
  return entries;
}

/** The map's body in jms-ts's own map encoding, so the client layer decodes it like any other. */
export function xstreamMapToBody(body: Buffer): Uint8Array {
  return encodeMapBody(decodeXStreamMap(body));
}

/** What ActiveMQ's jms-map-json path does not keep in a String: NUL and surrogates (characters beyond the BMP). */
const BROKEN_BY_BROKER = /[\u0000\ud800-\udfff]/;

/** XStream's element name for each Java type a map entry may have; byte[] is left out (see toXStreamMap). */
const XSTREAM_TYPES: Readonly<Record<Exclude<Typed['type'], 'bytes'>, string>> = {
  string: 'string', char: 'char', boolean: 'boolean', byte: 'byte', short: 'short', int: 'int', long: 'long', float: 'float', double: 'double',
};

function javaText(value: Typed): string {
  if (typeof value.value === 'number' && Object.is(value.value, -0)) return '-0.0';
  return String(value.value); // NaN, Infinity, 1e+21 and bigints read back in Java exactly
}

/**
 * A map's entries as ActiveMQ's `jms-map-json` transformation reads them on SEND (XStream through
 * Jettison), so Java clients receive a MapMessage with the entries' Java types. Every value is a
 * JSON string: Java parses the text by the type named, so longs stay exact. Returns null for what
 * would not arrive intact: a byte[] entry (XStream's security on the broker refuses byte arrays and
 * the broker stores a TextMessage with a `transformation-error` property instead), and a key or
 * string with NUL or a character beyond the BMP (the broker's JSON path turns each into two U+FFFD).
 */
export function toXStreamMap(entries: Entries): string | null {
  const list: Record<string, string | string[]>[] = [];
  for (const [key, value] of entries) {
    if (BROKEN_BY_BROKER.test(key) || (typeof value?.value === 'string' && BROKEN_BY_BROKER.test(value.value))) return null;
    if (value === null) list.push({ string: key, null: '' });
    else if (value.type === 'bytes') return null;
    else if (value.type === 'string') list.push({ string: [key, value.value] });
    else list.push({ string: key, [XSTREAM_TYPES[value.type]]: javaText(value) });
  }
  return JSON.stringify({ map: list.length === 0 ? '' : { entry: list.length === 1 ? list[0] : list } });
}
