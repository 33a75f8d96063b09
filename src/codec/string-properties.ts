import { MessageFormatException } from '../api/exceptions.js';
import { javaDoubleToString, javaFloatToString } from '../message/index.js';
import type { PropertyType, PropertyValue } from '../spi/envelope.js';
import { WIRE, WIRE_NAMES } from './wire-names.js';

/**
 * Typed properties on brokers whose headers are strings (STOMP) or bytes (Kafka). Each value is
 * written in its plain Java string form, so other clients read natural values (a Java JMS client's
 * getIntProperty("qty") converts "3"); one extra header, WIRE.types, lists the non-string
 * properties with Java type codes (`qty:i,flag:z`) so jms-ts restores their types exactly.
 */
const CODES: Record<Exclude<PropertyType, 'string'>, string> = { boolean: 'z', byte: 'b', short: 's', int: 'i', long: 'j', float: 'f', double: 'd' };
const TYPES: Record<string, PropertyType> = { z: 'boolean', b: 'byte', s: 'short', i: 'int', j: 'long', f: 'float', d: 'double' };
/** Java's ranges: a header marked with a type must hold a value of that type. */
const RANGES = { byte: [-128n, 127n], short: [-32768n, 32767n], int: [-2147483648n, 2147483647n], long: [-(2n ** 63n), 2n ** 63n - 1n] } as const;

/** The WIRE.types header value for these properties (`qty:i,flag:z`), or null when all are strings. */
export function formatPropertyTypes(properties: ReadonlyMap<string, PropertyValue>): string | null {
  const types: string[] = [];
  for (const [name, value] of properties) if (value.type !== 'string') types.push(`${name}:${CODES[value.type]}`);
  return types.length > 0 ? types.join(',') : null;
}

/** Reads a WIRE.types header value back into property name → type. */
export function parsePropertyTypes(header: string | undefined): Map<string, PropertyType> {
  const types = new Map<string, PropertyType>();
  for (const entry of (header ?? '').split(',')) {
    if (entry === '') continue;
    const colon = entry.lastIndexOf(':');
    const type = TYPES[entry.slice(colon + 1)];
    if (colon <= 0 || !type) throw new MessageFormatException(`Malformed ${WIRE.types} header entry "${entry}"`);
    types.set(entry.slice(0, colon), type);
  }
  return types;
}

function valueToString(value: PropertyValue): string {
  switch (value.type) {
    case 'float':
      return javaFloatToString(value.value);
    case 'double':
      return Number.isFinite(value.value) && !Object.is(value.value, -0) ? String(value.value) : javaDoubleToString(value.value);
    default:
      return String(value.value);
  }
}

export function propertiesToStrings(properties: ReadonlyMap<string, PropertyValue>): Record<string, string> {
  const headers: Record<string, string> = {};
  // Defined, not assigned: a property named __proto__ must stay a key.
  for (const [name, value] of properties) Object.defineProperty(headers, name, { value: valueToString(value), enumerable: true, writable: true, configurable: true });
  const types = formatPropertyTypes(properties);
  if (types !== null) headers[WIRE.types] = types;
  return headers;
}

function parseValue(name: string, type: PropertyType, text: string): PropertyValue {
  const bad = () => new MessageFormatException(`Property "${name}" is marked ${type} but its value "${text}" is not one`);
  switch (type) {
    case 'boolean':
      if (text !== 'true' && text !== 'false') throw bad();
      return { type, value: text === 'true' };
    case 'byte':
    case 'short':
    case 'int':
    case 'long': {
      if (!/^-?\d+$/.test(text)) throw bad();
      const value = BigInt(text);
      const [min, max] = RANGES[type];
      if (value < min || value > max) throw bad();
      return type === 'long' ? { type, value } : { type, value: Number(value) };
    }
    case 'float':
    case 'double': {
      const value = Number(text.replace(/^(-?)Infinity$/, '$1Infinity'));
      if (Number.isNaN(value) && text !== 'NaN') throw bad();
      return { type, value: type === 'float' ? Math.fround(value) : value };
    }
    default:
      return { type: 'string', value: text };
  }
}

/**
 * Properties from string headers. `isPropertyHeader` tells which headers are properties (the
 * adapter excludes its protocol headers); the codec's own WIRE headers are never properties.
 */
export function propertiesFromStrings(
  headers: Readonly<Record<string, string>>,
  isPropertyHeader: (name: string) => boolean = () => true,
): Map<string, PropertyValue> {
  const types = parsePropertyTypes(headers[WIRE.types]);
  const properties = new Map<string, PropertyValue>();
  for (const name of Object.keys(headers)) {
    if (WIRE_NAMES.has(name) || !isPropertyHeader(name)) continue;
    properties.set(name, parseValue(name, types.get(name) ?? 'string', headers[name]));
  }
  return properties;
}
