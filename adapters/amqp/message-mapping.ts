import type { ConsumeMessage, Options } from 'amqplib';
import { DEFAULT_PRIORITY } from '../../src/api/constants.js';
import { bodyKindForContentType, connectionField, connectionFromField, formatPropertyTypes, parsePropertyTypes, setOwn, WIRE, WIRE_NAMES } from '../../src/spi/public.js';
import type { BodyKind, Envelope, PropertyType, PropertyValue } from '../../src/spi/public.js';
import { replyToDestination, replyToProperty } from './topology.js';

/**
 * The one mapping between an Envelope and an AMQP message. JMS headers go to AMQP basic
 * properties where one exists; properties become typed AMQP header fields (int stays int, long
 * stays long), with WIRE.types listing the Java types so jms-ts restores them exactly.
 */

const BODY_KINDS: ReadonlySet<string> = new Set<BodyKind>(['message', 'text', 'bytes', 'map', 'stream', 'object']);

/** AMQP field types for each Java property type (amqplib's `{ '!': type, value }` notation). */
const FIELD_TYPES: Record<PropertyType, string> = {
  boolean: 'boolean',
  byte: 'byte',
  short: 'short',
  int: 'int',
  long: 'long',
  float: 'float',
  double: 'double',
  string: 'string',
};

/** amqplib decodes a 64-bit field as a JS number, so longs it cannot hold exactly travel as text. */
function headerField(value: PropertyValue): unknown {
  if (value.type === 'long' && (value.value > BigInt(Number.MAX_SAFE_INTEGER) || value.value < BigInt(Number.MIN_SAFE_INTEGER))) {
    return value.value.toString();
  }
  return { '!': FIELD_TYPES[value.type], value: value.value };
}

/**
 * AMQP's basic properties are short strings of at most 255 bytes (amqplib throws a TypeError
 * beyond), while JMSCorrelationID and JMSType may be any length: a longer value travels in a
 * header instead, and only there.
 */
const SHORT_STRING_BYTES = 255;
const LONG_CORRELATION_ID = 'jmsts_correlation_id';

function fitsShortString(text: string): boolean {
  return Buffer.byteLength(text, 'utf8') <= SHORT_STRING_BYTES;
}

function headerString(headers: Record<string, unknown>, name: string): string | null {
  const value = headers[name];
  return typeof value === 'string' ? value : Buffer.isBuffer(value) ? value.toString('utf8') : null;
}

export interface AmqpPublication {
  readonly content: Buffer;
  readonly options: Options.Publish;
}

/**
 * The header a property named `__proto__` travels in: amqplib decodes header tables by assignment,
 * which would drop that key (and set the table's prototype), so it is renamed on the wire.
 */
const PROTO_HEADER = 'JMSTS_property___proto__';

export function envelopeToPublication(envelope: Envelope, now: number): AmqpPublication {
  const headers: Record<string, unknown> = {};
  for (const [name, value] of envelope.properties) setOwn(headers, name === '__proto__' ? PROTO_HEADER : name, headerField(value));
  const types = formatPropertyTypes(envelope.properties);
  if (types !== null) headers[WIRE.types] = types;
  // Only what the basic properties cannot say travels as a header: every header costs encoding time.
  if (bodyKindForContentType(envelope.contentType, 'bytes') !== envelope.bodyKind) headers[WIRE.bodyKind] = envelope.bodyKind;
  // AMQP timestamps have whole seconds and expiration is relative: the exact values ride along.
  if (envelope.timestamp !== 0) headers[WIRE.timestamp] = { '!': 'long', value: envelope.timestamp };
  if (envelope.expiration !== 0) headers[WIRE.expiration] = { '!': 'long', value: envelope.expiration };
  if (envelope.deliveryTime !== envelope.timestamp) headers[WIRE.deliveryTime] = { '!': 'long', value: envelope.deliveryTime };
  // Usually none: a jms-ts message id names the connection already, and every header costs encoding time.
  const connection = connectionField(envelope.messageId, envelope.connectionId);
  if (connection !== null) headers[WIRE.connectionId] = connection;

  const options: Options.Publish = {
    deliveryMode: envelope.persistent ? 2 : 1,
    priority: envelope.priority,
    headers,
  };
  if (envelope.messageId !== null) options.messageId = envelope.messageId;
  if (envelope.correlationId !== null) {
    if (fitsShortString(envelope.correlationId)) options.correlationId = envelope.correlationId;
    else headers[LONG_CORRELATION_ID] = envelope.correlationId;
  }
  if (envelope.replyTo !== null) options.replyTo = replyToProperty(envelope.replyTo);
  if (envelope.type !== null) {
    if (fitsShortString(envelope.type)) options.type = envelope.type;
    else headers[WIRE.type] = envelope.type;
  }
  if (envelope.contentType !== null) options.contentType = envelope.contentType;
  if (envelope.timestamp !== 0) options.timestamp = Math.floor(envelope.timestamp / 1000);
  if (envelope.expiration !== 0) options.expiration = String(Math.max(0, envelope.expiration - now));
  return { content: Buffer.from(envelope.body.buffer, envelope.body.byteOffset, envelope.body.byteLength), options };
}

/** A header value from a plain AMQP client, typed the way a Java AMQP JMS client would read it. */
function inferredProperty(value: unknown): PropertyValue | null {
  switch (typeof value) {
    case 'boolean':
      return { type: 'boolean', value };
    case 'string':
      return { type: 'string', value };
    case 'number':
      if (!Number.isInteger(value)) return { type: 'double', value };
      return value >= -0x80000000 && value < 0x80000000 ? { type: 'int', value } : { type: 'long', value: BigInt(value) };
    default:
      return null; // tables, arrays, byte arrays and decimals have no JMS property type
  }
}

function typedProperty(type: PropertyType, value: unknown): PropertyValue | null {
  if (type === 'long') {
    if (typeof value === 'number' && Number.isInteger(value)) return { type, value: BigInt(value) };
    return typeof value === 'string' && /^-?\d+$/.test(value) ? { type, value: BigInt(value) } : null;
  }
  if (type === 'string') return typeof value === 'string' ? { type, value } : null;
  if (type === 'boolean') return typeof value === 'boolean' ? { type, value } : null;
  if (typeof value !== 'number') return null;
  return { type, value: type === 'float' ? Math.fround(value) : value } as PropertyValue;
}

function numberHeader(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}

/** The Envelope for a delivered AMQP message, from jms-ts or from any other AMQP client. */
export function messageToEnvelope(message: ConsumeMessage): Envelope {
  const { properties: basic } = message;
  const headers = (basic.headers ?? {}) as Record<string, unknown>;
  const types = parsePropertyTypes(typeof headers[WIRE.types] === 'string' ? (headers[WIRE.types] as string) : undefined);
  const properties = new Map<string, PropertyValue>();
  for (const [header, value] of Object.entries(headers)) {
    if (WIRE_NAMES.has(header) || header === LONG_CORRELATION_ID) continue;
    const name = header === PROTO_HEADER ? '__proto__' : header;
    const type = types.get(name);
    const property = type ? typedProperty(type, value) : inferredProperty(value);
    if (property !== null) properties.set(name, property);
  }
  const marked = headers[WIRE.bodyKind];
  const bodyKind = typeof marked === 'string' && BODY_KINDS.has(marked) ? (marked as BodyKind) : bodyKindForContentType(basic.contentType, 'bytes');
  const timestamp = numberHeader(headers[WIRE.timestamp]) ?? (typeof basic.timestamp === 'number' ? basic.timestamp * 1000 : 0);
  const messageId = typeof basic.messageId === 'string' ? basic.messageId : null;
  return {
    // JMS message ids start with ID:; a plain client's id is kept behind that prefix.
    messageId: messageId === null ? null : messageId.startsWith('ID:') ? messageId : `ID:${messageId}`,
    correlationId: basic.correlationId ?? headerString(headers, LONG_CORRELATION_ID),
    replyTo: typeof basic.replyTo === 'string' && basic.replyTo !== '' ? replyToDestination(basic.replyTo) : null,
    type: basic.type ?? headerString(headers, WIRE.type),
    persistent: basic.deliveryMode === 2,
    priority: typeof basic.priority === 'number' ? Math.min(9, basic.priority) : DEFAULT_PRIORITY,
    timestamp,
    expiration: numberHeader(headers[WIRE.expiration]) ?? 0,
    deliveryTime: numberHeader(headers[WIRE.deliveryTime]) ?? timestamp,
    bodyKind,
    contentType: basic.contentType ?? null,
    properties,
    body: message.content,
    connectionId: connectionFromField(headerString(headers, WIRE.connectionId) ?? undefined, messageId),
  };
}
