import { destinationOf, type Destination } from '../../src/api/destination.js';
import { MessageFormatException } from '../../src/api/exceptions.js';
import {
  bodyKindForContentType,
  CONTENT_TYPES,
  decodeMapBody,
  propertiesFromStrings,
  propertiesToStrings,
  undecodableBody,
  WIRE,
} from '../../src/spi/public.js';
import type { BodyKind, Envelope, PropertyValue } from '../../src/spi/public.js';
import type { StompDialect } from './dialect.js';
import { fromJavaText, toJavaText } from './java-text.js';
import { TYPE_HEADER_PREFIX } from './selector-logic.js';
import { toXStreamMap, xstreamMapToBody } from './xstream-map.js';

/** The one mapping between an Envelope and a STOMP frame (headers + body). */

/** Headers that are STOMP or broker protocol, never JMS properties. */
export const PROTOCOL_HEADERS: ReadonlySet<string> = new Set([
  'destination', 'message-id', 'subscription', 'ack', 'receipt', 'receipt-id', 'transaction', 'content-length',
  'content-type', 'priority', 'timestamp', 'expires', 'expiration', 'persistent', 'correlation-id', 'type',
  'reply-to', 'redelivered', 'amq-msg-type', 'transformation', 'transformation-error', 'JMSXUserID',
  'original-destination', 'x-max-priority', 'message', 'content-encoding', 'app-id', 'user-id', 'cluster-id',
  'AMQ_SCHEDULED_DELAY', 'activemq.subscriptionName', 'browser', 'prefetch-count', 'activemq.prefetchSize',
]);

const BODY_KINDS: ReadonlySet<string> = new Set<BodyKind>(['message', 'text', 'bytes', 'map', 'stream', 'object']);

/**
 * jms-ts's temporary destinations are ordinary destinations with a unique name under this prefix:
 * ActiveMQ's own temporary destinations cannot be named by another STOMP connection, which JMS allows.
 */
export const TEMPORARY_PREFIX = 'jmsts.tmp.';

/** Destination paths; a Java client's temporary destination arrives as `/remote-temp-queue/ID:…` and is answered there. */
export function destinationPath(destination: Destination): string {
  const kind = destination.kind;
  if (!destination.temporary || destination.name.startsWith(TEMPORARY_PREFIX)) return `/${kind}/${destination.name}`;
  return `/remote-temp-${kind}/${destination.name}`;
}

export function pathDestination(path: string): Destination | null {
  const match = /^\/(?:remote-)?(temp-)?(queue|topic)\/(.+)$/.exec(path);
  if (match) {
    const name = match[3]!;
    return destinationOf(match[2] as 'queue' | 'topic', name, match[1] !== undefined || name.startsWith(TEMPORARY_PREFIX));
  }
  // RabbitMQ names AMQP queues' paths otherwise; a bare name is a queue.
  const amqp = /^\/(?:amq\/queue|reply-queue)\/(.+)$/.exec(path);
  if (amqp) return destinationOf('queue', amqp[1]!, path.startsWith('/reply-queue/'));
  return path.startsWith('/') ? null : destinationOf('queue', path);
}

export interface OutgoingFrame {
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

export interface FrameOptions {
  /** The envelope's message id is the one the broker will give the SEND (message-ids.ts): it needs no header. */
  readonly brokerNamesIt?: boolean;
  /** `transformation=jms-json`: maps go as XStream JSON, which ActiveMQ stores as Java MapMessages. */
  readonly javaMaps?: boolean;
}

/** A NUL or a surrogate: where a text's Java form (java-text.ts) differs from its UTF-8. */
const JAVA_FORM_DIFFERS = /[\0\ud800-\udfff]/;

function bytesOf(envelope: Envelope): Buffer {
  return Buffer.from(envelope.body.buffer, envelope.body.byteOffset, envelope.body.byteLength);
}

export function envelopeToFrame(
  envelope: Envelope,
  destination: string,
  dialect: StompDialect,
  now: number,
  { brokerNamesIt = false, javaMaps = false }: FrameOptions = {},
): OutgoingFrame {
  const properties = propertiesToStrings(envelope.properties);
  for (const name of Object.keys(properties)) {
    if (PROTOCOL_HEADERS.has(name)) {
      throw new MessageFormatException(`Property "${name}" has the name of a STOMP header and cannot travel over STOMP`);
    }
    if (name.startsWith(TYPE_HEADER_PREFIX)) {
      throw new MessageFormatException(`Property "${name}" starts with "${TYPE_HEADER_PREFIX}", which the STOMP adapter keeps for itself`);
    }
  }
  const headers: Record<string, string> = { ...properties, destination, priority: String(envelope.priority) };
  // Where the broker filters, each typed property's type travels in a header selectors can test (selector-translation.ts).
  // They also tell a jms-ts receiver the types, so the list of types (WIRE.types) would only repeat them.
  if (dialect.capabilities.queueSelectors === 'native') {
    for (const [name, value] of envelope.properties) if (value.type !== 'string') headers[`${TYPE_HEADER_PREFIX}${name}`] = value.type;
    delete headers[WIRE.types];
  }
  // ActiveMQ's STOMP default is non-persistent: say it whenever JMS means persistent.
  if (envelope.persistent) headers.persistent = 'true';
  // The broker stamps its own id and timestamp; ours travel alongside unless the broker's id is ours
  // (brokerNamesIt), empty or 0 when disabled.
  if (!brokerNamesIt) headers[WIRE.messageId] = envelope.messageId ?? '';
  if (envelope.timestamp === 0) headers[WIRE.timestamp] = '0';
  // ActiveMQ takes the message groups headers for itself and does not give them back.
  if (properties.JMSXGroupID !== undefined) headers[WIRE.groupId] = properties.JMSXGroupID;
  if (properties.JMSXGroupSeq !== undefined) headers[WIRE.groupSeq] = properties.JMSXGroupSeq;
  if (envelope.correlationId !== null) headers['correlation-id'] = envelope.correlationId;
  if (envelope.type !== null) headers.type = envelope.type;
  if (envelope.replyTo !== null) headers['reply-to'] = destinationPath(envelope.replyTo);
  if (envelope.connectionId !== null && dialect.capabilities.noLocal === 'emulated') headers[WIRE.connectionId] = envelope.connectionId;
  if (envelope.timestamp !== 0) headers[dialect.absoluteExpiry ? 'timestamp' : WIRE.timestamp] = String(envelope.timestamp);
  if (envelope.expiration !== 0) {
    if (dialect.absoluteExpiry) headers.expires = String(envelope.expiration);
    else {
      headers.expiration = String(Math.max(0, envelope.expiration - now));
      headers[WIRE.expiration] = String(envelope.expiration);
    }
  }
  if (envelope.deliveryTime !== envelope.timestamp) {
    headers[WIRE.deliveryTime] = String(envelope.deliveryTime);
    const delay = envelope.deliveryTime - now;
    if (delay > 0) headers.AMQ_SCHEDULED_DELAY = String(delay);
  }
  const javaMap = javaMaps && envelope.bodyKind === 'map' ? toXStreamMap(decodeMapBody(envelope.body)) : null;
  if (javaMap !== null) {
    // No content-length, or ActiveMQ ignores the transformation; JSON has no raw NUL to end the body early.
    headers.transformation = 'jms-map-json';
    return { headers, body: Buffer.from(javaMap, 'utf8') };
  }
  if (dialect.textWithoutContentLength) {
    // ActiveMQ: the frame's shape tells text (no content-length, in Java's form, NUL as C0 80) from
    // bytes; only jms-ts's own encodings need their kind named, and no content type goes to Java.
    if (envelope.bodyKind !== 'text' && envelope.bodyKind !== 'bytes') headers[WIRE.bodyKind] = envelope.bodyKind;
    if (envelope.bodyKind === 'text') {
      // Text without NUL or characters beyond the BMP is the same in Java's form: encoded once, not scanned.
      const text = envelope.bodyText;
      return { headers, body: text !== undefined && !JAVA_FORM_DIFFERS.test(text) ? Buffer.from(text, 'utf8') : toJavaText(bytesOf(envelope)) };
    }
    const raw = bytesOf(envelope);
    headers['content-length'] = String(raw.length);
    return { headers, body: raw };
  }
  if (envelope.contentType !== null) headers['content-type'] = envelope.contentType;
  if (bodyKindForContentType(envelope.contentType, 'text') !== envelope.bodyKind) headers[WIRE.bodyKind] = envelope.bodyKind;
  const raw = bytesOf(envelope);
  headers['content-length'] = String(raw.length);
  return { headers, body: raw };
}

function numberHeader(value: string | undefined): number | null {
  if (value === undefined || value === '') return null;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : null;
}

function bodyKindOf(headers: Readonly<Record<string, string>>, dialect: StompDialect): BodyKind {
  const marked = headers[WIRE.bodyKind];
  if (marked !== undefined && BODY_KINDS.has(marked)) return marked as BodyKind;
  // A `jms-json` subscription: ActiveMQ names what it turned into JSON (a Java ObjectMessage's JSON stays text).
  if (headers.transformation === 'jms-map-json' && headers['content-length'] === undefined) return 'map';
  if (headers['amq-msg-type'] === 'text') return 'text';
  if (dialect.textWithoutContentLength) return headers['content-length'] === undefined ? 'text' : 'bytes';
  return bodyKindForContentType(headers['content-type'], 'bytes');
}

function restoreGroup(properties: Map<string, PropertyValue>, headers: Readonly<Record<string, string>>): Map<string, PropertyValue> {
  const groupId = headers[WIRE.groupId];
  const groupSeq = headers[WIRE.groupSeq];
  if (groupId !== undefined && !properties.has('JMSXGroupID')) properties.set('JMSXGroupID', { type: 'string', value: groupId });
  if (groupSeq !== undefined && !properties.has('JMSXGroupSeq') && /^-?\d+$/.test(groupSeq)) {
    properties.set('JMSXGroupSeq', { type: 'int', value: Number(groupSeq) });
  }
  return properties;
}

const contentTypeOf = (kind: BodyKind): string | null => (kind === 'message' ? null : CONTENT_TYPES[kind]);

const isPropertyHeader = (name: string) => !PROTOCOL_HEADERS.has(name) && !name.startsWith('x-') && !name.startsWith(TYPE_HEADER_PREFIX);

const TYPE_CODES: Readonly<Record<string, string>> = { boolean: 'z', byte: 'b', short: 's', int: 'i', long: 'j', float: 'f', double: 'd' };

/** WIRE.types as the per-property type headers tell it, when the sender left the list out (see envelopeToFrame). */
function typesFromTypeHeaders(headers: Readonly<Record<string, string>>): string {
  const types: string[] = [];
  for (const name of Object.keys(headers)) {
    const code = name.startsWith(TYPE_HEADER_PREFIX) ? TYPE_CODES[headers[name]!] : undefined;
    if (code !== undefined) types.push(`${name.slice(TYPE_HEADER_PREFIX.length)}:${code}`);
  }
  return types.join(',');
}

/** The frame's properties; when another client sent type marks jms-ts cannot read, as the Strings they are on the wire. */
function propertiesOf(headers: Readonly<Record<string, string>>): Map<string, PropertyValue> {
  try {
    if (headers[WIRE.types] === undefined) return propertiesFromStrings({ ...headers, [WIRE.types]: typesFromTypeHeaders(headers) }, isPropertyHeader);
    return propertiesFromStrings(headers, isPropertyHeader);
  } catch (error) {
    if (!(error instanceof MessageFormatException)) throw error;
    return propertiesFromStrings({ ...headers, [WIRE.types]: '' }, isPropertyHeader);
  }
}

/** A Java MapMessage in jms-ts's map body; one jms-ts cannot read is still delivered, its body reads throwing why. */
function javaMapBody(body: Buffer): Uint8Array {
  // What a subscription without the transformation gets of a Java MapMessage, with the header its sender left.
  if (body.length === 0) return undecodableBody('ActiveMQ holds a Java MapMessage and sends its entries only to subscriptions with a transformation: add ?transformation=jms-json to the URL');
  try {
    return xstreamMapToBody(body);
  } catch (error) {
    if (!(error instanceof MessageFormatException)) throw error;
    return undecodableBody(error.message);
  }
}

export function frameToEnvelope(headers: Readonly<Record<string, string>>, body: Buffer, dialect: StompDialect): Envelope {
  const bodyKind = bodyKindOf(headers, dialect);
  const timestamp = numberHeader(headers[WIRE.timestamp]) ?? numberHeader(headers.timestamp) ?? 0;
  const replyTo = headers['reply-to'] !== undefined ? pathDestination(headers['reply-to']) : null;
  const ours = headers[WIRE.messageId];
  const messageId = ours === '' ? null : (ours ?? headers['message-id'] ?? null);
  const expires = dialect.absoluteExpiry ? numberHeader(headers.expires) : numberHeader(headers[WIRE.expiration]);
  const javaMap = bodyKind === 'map' && headers[WIRE.bodyKind] === undefined;
  // ActiveMQ's text is in Java's form whoever sent it; elsewhere only a sender without a content type (a Java bridge) uses it.
  const javaText = bodyKind === 'text' && (dialect.javaText || headers['content-type'] === undefined);
  const textBody = javaMap ? javaMapBody(body) : javaText ? fromJavaText(body) : body;
  return {
    messageId: messageId === null ? null : messageId.startsWith('ID:') ? messageId : `ID:${messageId}`,
    correlationId: headers['correlation-id'] ?? null,
    replyTo,
    type: headers.type ?? null,
    persistent: headers.persistent === 'true',
    priority: Math.min(9, Math.max(0, numberHeader(headers.priority) ?? 4)),
    timestamp,
    expiration: expires ?? 0,
    deliveryTime: numberHeader(headers[WIRE.deliveryTime]) ?? timestamp,
    bodyKind,
    // ActiveMQ's frames carry no content type (Java would see it as a property): the body kind tells jms-ts's.
    contentType: headers['content-type'] ?? (dialect.textWithoutContentLength ? contentTypeOf(bodyKind) : null),
    properties: restoreGroup(propertiesOf(headers), headers),
    body: textBody,
    connectionId: headers[WIRE.connectionId] ?? null,
  };
}
