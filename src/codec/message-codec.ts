import { DeliveryMode } from '../api/constants.js';
import { MessageFormatException } from '../api/exceptions.js';
import type { Destination } from '../api/destination.js';
import type { Message } from '../api/message.js';
import {
  AbstractMessage,
  JmsBytesMessage,
  JmsMapMessage,
  JmsObjectMessage,
  JmsStreamMessage,
  JmsTextMessage,
  PlainMessage,
} from '../message/index.js';
import type { BodyKind, Envelope, PropertyValue } from '../spi/envelope.js';
import {
  decodeMapBody,
  decodeObjectBody,
  decodeStreamBody,
  encodeMapBody,
  encodeObjectBody,
  encodeStreamBody,
} from './bodies.js';
import { withUndecodableBody } from './undecodable.js';
import { BYTES_CORRELATION_PREFIX, CONTENT_TYPES } from './wire-names.js';

const EMPTY = new Uint8Array(0);

function asAbstract(message: Message): AbstractMessage {
  if (!(message instanceof AbstractMessage)) {
    throw new TypeError('Only messages created by a jms-ts Session or JMSContext can be sent');
  }
  return message;
}

function encodeBody(message: AbstractMessage): { body: Uint8Array; contentType: string | null } {
  if (message instanceof JmsBytesMessage) return { body: message.getBodyBytes().slice(), contentType: CONTENT_TYPES.bytes };
  if (message instanceof JmsMapMessage) return { body: encodeMapBody(message.getTypedEntries()), contentType: CONTENT_TYPES.map };
  if (message instanceof JmsStreamMessage) return { body: encodeStreamBody(message.getTypedItems()), contentType: CONTENT_TYPES.stream };
  if (message instanceof JmsObjectMessage) return { body: encodeObjectBody(message.getStoredObject()), contentType: CONTENT_TYPES.object };
  return { body: EMPTY, contentType: null };
}

/** The text body's accessor: encoded to UTF-8 on its first read, once. Defined in CodecEnvelope. */
let LAZY_TEXT_BODY: PropertyDescriptor;

/**
 * An Envelope made by the codec: a snapshot of the message's headers and body. A text body stays
 * the string it was set as (`bodyText`): an adapter that writes strings, or the embedded broker,
 * never encodes it, and `body` is encoded on first read. `body` is an own enumerable property
 * (an accessor for text), so a spread copy of the envelope keeps it.
 */
class CodecEnvelope implements Envelope {
  messageId: string | null;
  correlationId: string | null;
  replyTo: Destination | null;
  type: string | null;
  persistent: boolean;
  priority: number;
  timestamp: number;
  expiration: number;
  deliveryTime: number;
  bodyKind: BodyKind;
  contentType: string | null;
  properties: Map<string, PropertyValue>;
  connectionId: string | null;
  declare body: Uint8Array;
  declare bodyText?: string;
  #encoded: Uint8Array | null = null;

  constructor(source: AbstractMessage, connectionId: string | null) {
    this.messageId = source.getJMSMessageID();
    this.correlationId = source.correlationIdIsBytes()
      ? BYTES_CORRELATION_PREFIX + Buffer.from(source.getJMSCorrelationIDAsBytes()!).toString('base64')
      : source.getJMSCorrelationID();
    this.replyTo = source.getJMSReplyTo();
    this.type = source.getJMSType();
    this.persistent = source.getJMSDeliveryMode() === DeliveryMode.PERSISTENT;
    this.priority = source.getJMSPriority();
    this.timestamp = source.getJMSTimestamp();
    this.expiration = source.getJMSExpiration();
    this.deliveryTime = source.getJMSDeliveryTime();
    this.bodyKind = source.bodyKind;
    const properties = source.getTypedProperties() as ReadonlyMap<string, PropertyValue>;
    this.properties = properties.size === 0 ? new Map() : new Map(properties);
    this.connectionId = connectionId;
    if (source instanceof JmsTextMessage) {
      this.contentType = CONTENT_TYPES.text;
      this.bodyText = source.getText() ?? '';
      Object.defineProperty(this, 'body', LAZY_TEXT_BODY);
    } else {
      const { body, contentType } = encodeBody(source);
      this.contentType = contentType;
      this.body = body;
    }
  }

  static {
    LAZY_TEXT_BODY = {
      enumerable: true,
      configurable: true,
      get(this: CodecEnvelope): Uint8Array {
        return (this.#encoded ??= this.bodyText === undefined || this.bodyText.length === 0 ? EMPTY : Buffer.from(this.bodyText, 'utf8'));
      },
      set(this: CodecEnvelope, bytes: Uint8Array) {
        this.#encoded = bytes;
        delete this.bodyText;
      },
    };
  }
}

/**
 * The Envelope for a message whose send headers the client layer has already set. The envelope
 * is a snapshot: later changes to the message do not reach it.
 */
export function messageToEnvelope(message: Message, connectionId: string | null = null): Envelope {
  return new CodecEnvelope(asAbstract(message), connectionId);
}

function decodeBody(kind: BodyKind, body: Uint8Array): AbstractMessage {
  try {
    return decodeBodyOf(kind, body);
  } catch (error) {
    if (!(error instanceof MessageFormatException)) throw error;
    return withUndecodableBody(decodeBodyOf(kind, EMPTY), error);
  }
}

function decodeBodyOf(kind: BodyKind, body: Uint8Array): AbstractMessage {
  switch (kind) {
    case 'text':
      return new JmsTextMessage(body.length === 0 ? null : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'));
    case 'bytes':
      return JmsBytesMessage.fromBytes(body);
    case 'map': {
      const message = new JmsMapMessage();
      if (body.length > 0) for (const [name, value] of decodeMapBody(body)) message.setTypedEntry(name, value);
      return message;
    }
    case 'stream':
      return JmsStreamMessage.fromItems(body.length === 0 ? [] : decodeStreamBody(body));
    case 'object':
      return JmsObjectMessage.fromPlainData(body.length === 0 ? null : decodeObjectBody(body));
    default:
      return new PlainMessage();
  }
}

/**
 * A fresh message of the envelope's body kind, with its headers and properties. The client layer
 * then sets JMSDestination, JMSRedelivered and JMSXDeliveryCount and marks it received.
 * A malformed body does not stop delivery: reading it throws MessageFormatException (undecodable.ts).
 */
export function envelopeToMessage(envelope: Envelope): AbstractMessage {
  const text = envelope.bodyKind === 'text' ? envelope.bodyText : undefined;
  const message = text !== undefined ? new JmsTextMessage(text.length === 0 ? null : text) : decodeBody(envelope.bodyKind, envelope.body);
  if (envelope.messageId !== null) message.setJMSMessageID(envelope.messageId);
  const correlation = envelope.correlationId;
  if (correlation !== null && correlation.startsWith(BYTES_CORRELATION_PREFIX)) {
    message.setJMSCorrelationIDAsBytes(new Uint8Array(Buffer.from(correlation.slice(BYTES_CORRELATION_PREFIX.length), 'base64')));
  } else {
    message.setJMSCorrelationID(correlation);
  }
  message.setJMSReplyTo(envelope.replyTo);
  message.setJMSType(envelope.type);
  message.setJMSDeliveryMode(envelope.persistent ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT);
  message.setJMSPriority(Math.min(9, Math.max(0, Math.trunc(envelope.priority) || 0)));
  message.setJMSTimestamp(envelope.timestamp);
  message.setJMSExpiration(envelope.expiration);
  message.setJMSDeliveryTime(envelope.deliveryTime);
  for (const [name, value] of envelope.properties) message.setTypedProperty(name, value);
  return message;
}

/**
 * The body kind for a message from a producer that did not mark one: text for text/*, JSON and
 * XML content types, bytes for other content types, `fallback` when there is none.
 */
export function bodyKindForContentType(contentType: string | null | undefined, fallback: 'text' | 'bytes'): BodyKind {
  if (!contentType) return fallback;
  // Called per message: the codec's own types (and a few more seen) are looked up, not parsed.
  let kind = KNOWN_KINDS.get(contentType);
  if (kind === undefined) {
    kind = parseBodyKind(contentType);
    if (KNOWN_KINDS.size < 64) KNOWN_KINDS.set(contentType, kind);
  }
  return kind;
}

const KNOWN_KINDS = new Map<string, 'text' | 'bytes'>();

function parseBodyKind(contentType: string): 'text' | 'bytes' {
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (type.startsWith('text/') || type === 'application/json' || type === 'application/xml' || type.endsWith('+json') || type.endsWith('+xml')) {
    return 'text';
  }
  return 'bytes';
}
