/**
 * The codec helpers an adapter needs to put an Envelope on the wire and back, re-exported so an
 * adapter depends on the SPI entry, never on src/codec or src/message themselves.
 */
import { createHash } from 'node:crypto';

/** Typed properties as strings (`propertiesToStrings`), their types header, and the body kind of a content type. */
export {
  bodyKindForContentType,
  propertiesToStrings,
  propertiesFromStrings,
  formatPropertyTypes,
  parsePropertyTypes,
  compileEnvelopeSelector,
  envelopeValue,
  encodeMapBody,
  decodeMapBody,
  encodeStreamBody,
  decodeStreamBody,
  undecodableBody,
  WIRE,
  WIRE_NAMES,
  BYTES_CORRELATION_PREFIX,
  CONTENT_TYPES,
} from '../codec/index.js';
/** Java's modified UTF-8 and Java's float and double texts, for adapters that meet Java clients on the wire. */
export { encodeModifiedUtf8, decodeModifiedUtf8, javaFloatToString, javaDoubleToString } from '../message/index.js';

/**
 * The identity of a durable subscription's definition (its topic, its selector, and whatever else
 * the adapter's naming needs) as a hex digest, for brokers that cannot read a subscription's
 * definition back: a subscriber with another definition finds a different hash and replaces the
 * subscription, as JMS requires. Null parts count as empty; `length` hex digits are kept.
 */
export function subscriptionDefinitionHash(parts: readonly (string | null)[], length = 32): string {
  return createHash('sha256').update(parts.map((part) => part ?? '').join('\0')).digest('hex').slice(0, length);
}

/**
 * Sets `record[key]` as an own property, whatever the key: a plain assignment of `__proto__` would
 * replace the record's prototype instead (and the key would be lost). For records built from names
 * on the wire.
 */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The body kind of a message from a plain (non-JMS) producer that says nothing about its body:
 * text when the bytes are valid UTF-8, bytes otherwise (for brokers without content types on the
 * wire, or a producer that sent none).
 */
export function plainBodyKind(body: Uint8Array): 'text' | 'bytes' {
  try {
    strictUtf8.decode(body);
    return 'text';
  } catch {
    return 'bytes';
  }
}

/** The connection a jms-ts message id names (`ID:<connection id>:<n>`, as the client layer makes them), or null. */
export function connectionOfMessageId(messageId: string | null): string | null {
  if (messageId === null || !messageId.startsWith('ID:')) return null;
  const end = messageId.lastIndexOf(':');
  return end > 3 ? messageId.slice(3, end) : null;
}

/**
 * For adapters that carry the sender's connection (noLocal emulation) in a field of its own: the
 * value to write, or null to write none, as the message id names the connection already (one
 * field less per message). An empty value says "no connection" where the id would name one.
 * `connectionFromField` reads it back.
 */
export function connectionField(messageId: string | null, connectionId: string | null): string | null {
  const named = connectionOfMessageId(messageId);
  if (connectionId === null) return named === null ? null : '';
  return named === connectionId ? null : connectionId;
}

/** The sender's connection from the field written by `connectionField` (undefined when absent) and the message id. */
export function connectionFromField(field: string | undefined, messageId: string | null): string | null {
  if (field !== undefined) return field === '' ? null : field;
  return connectionOfMessageId(messageId);
}

/**
 * Claims the connect options' client id on a connection that has just opened, so connect() fails
 * as a whole: when the id is refused (InvalidClientIDException), the connection is closed first.
 */
export async function claimClientId<C extends { setClientId(id: string): Promise<void>; close(): Promise<void> }>(
  connection: C,
  clientId: string | null,
): Promise<C> {
  if (clientId === null) return connection;
  try {
    await connection.setClientId(clientId);
  } catch (error) {
    await connection.close();
    throw error;
  }
  return connection;
}
