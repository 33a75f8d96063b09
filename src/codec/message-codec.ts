import { DeliveryMode } from '../api/constants.js';
import { MessageFormatException } from '../api/exceptions.js';
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
  if (message instanceof JmsTextMessage) {
    const text = message.getText();
    return { body: text === null ? EMPTY : Buffer.from(text, 'utf8'), contentType: CONTENT_TYPES.text };
  }
  if (message instanceof JmsBytesMessage) return { body: message.getBodyBytes().slice(), contentType: CONTENT_TYPES.bytes };
  if (message instanceof JmsMapMessage) return { body: encodeMapBody(message.getTypedEntries()), contentType: CONTENT_TYPES.map };
  if (message instanceof JmsStreamMessage) return { body: encodeStreamBody(message.getTypedItems()), contentType: CONTENT_TYPES.stream };
  if (message instanceof JmsObjectMessage) return { body: encodeObjectBody(message.getStoredObject()), contentType: CONTENT_TYPES.object };
  return { body: EMPTY, contentType: null };
}

/**
 * The Envelope for a message whose send headers the client layer has already set. The envelope
 * is a snapshot: later changes to the message do not reach it.
 */
export function messageToEnvelope(message: Message, connectionId: string | null = null): Envelope {
  const source = asAbstract(message);
  const { body, contentType } = encodeBody(source);
  const correlation = source.correlationIdIsBytes()
    ? BYTES_CORRELATION_PREFIX + Buffer.from(source.getJMSCorrelationIDAsBytes()!).toString('base64')
    : source.getJMSCorrelationID();
  return {
    messageId: source.getJMSMessageID(),
    correlationId: correlation,
    replyTo: source.getJMSReplyTo(),
    type: source.getJMSType(),
    persistent: source.getJMSDeliveryMode() === DeliveryMode.PERSISTENT,
    priority: source.getJMSPriority(),
    timestamp: source.getJMSTimestamp(),
    expiration: source.getJMSExpiration(),
    deliveryTime: source.getJMSDeliveryTime(),
    bodyKind: source.bodyKind,
    contentType,
    properties: new Map(source.getTypedProperties() as ReadonlyMap<string, PropertyValue>),
    body,
    connectionId,
  };
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
  const message = decodeBody(envelope.bodyKind, envelope.body);
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
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (type.startsWith('text/') || type === 'application/json' || type === 'application/xml' || type.endsWith('+json') || type.endsWith('+xml')) {
    return 'text';
  }
  return 'bytes';
}
