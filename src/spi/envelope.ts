import type { Destination } from '../api/destination.js';

/**
 * The wire-neutral form of a message that crosses the SPI. The codec (src/codec) turns a JMS
 * Message into an Envelope and back; an adapter maps the Envelope's fields onto the broker's
 * native fields and headers. Times are epoch milliseconds.
 */
export type BodyKind = 'message' | 'text' | 'bytes' | 'map' | 'stream' | 'object';

/** The Java type of a message property, kept on the wire so a property reads back as it was set. */
export type PropertyType = 'boolean' | 'byte' | 'short' | 'int' | 'long' | 'float' | 'double' | 'string';

/** A property value with its Java type kept: long is a bigint, every other number a number. */
export type PropertyValue =
  | { readonly type: 'boolean'; readonly value: boolean }
  | { readonly type: 'byte' | 'short' | 'int' | 'float' | 'double'; readonly value: number }
  | { readonly type: 'long'; readonly value: bigint }
  | { readonly type: 'string'; readonly value: string };

/** A message as adapters carry it: headers, typed properties and the encoded body, the one wire-neutral form. */
export interface Envelope {
  /** JMSMessageID, starting with `ID:`; null when the producer disabled message ids. */
  messageId: string | null;
  /** JMSCorrelationID (the bytes form is carried by the codec as a property). */
  correlationId: string | null;
  replyTo: Destination | null;
  /** JMSType. */
  type: string | null;
  persistent: boolean;
  /** 0-9. */
  priority: number;
  /** JMSTimestamp; 0 when the producer disabled timestamps. */
  timestamp: number;
  /** JMSExpiration, absolute; 0 means never. */
  expiration: number;
  /** JMSDeliveryTime, absolute; equals the send time when there is no delivery delay. */
  deliveryTime: number;
  bodyKind: BodyKind;
  /** MIME type of `body` as the codec chose it, e.g. `text/plain; charset=utf-8`. */
  contentType: string | null;
  /** Application and JMSX properties with their Java types. */
  properties: Map<string, PropertyValue>;
  /** The encoded body; for a text body the codec encodes `bodyText` to UTF-8 only when this is first read. */
  body: Uint8Array;
  /**
   * A text body as the string the application set (empty for a null text), when the envelope's
   * maker has it: an adapter that can write strings sends it without encoding `body`, and a
   * receiver needs no decoding. Absent when only the bytes are known.
   */
  bodyText?: string;
  /**
   * The sending connection's id, for noLocal. Adapters whose capability noLocal is `emulated`
   * must carry it on the wire; others may drop it.
   */
  connectionId: string | null;
}

/** A message handed by a provider to the client layer. */
export interface Delivery {
  readonly envelope: Envelope;
  /** The destination the message was sent to (for a subscription, the topic). */
  readonly destination: Destination;
  /** The broker says it delivered this message before. */
  readonly redelivered: boolean;
  /** The broker's delivery count (1 on first delivery), or null when the broker does not count. */
  readonly deliveryCount: number | null;
  /**
   * Optional: the broker-specific span attributes of the OpenTelemetry messaging conventions for
   * this delivery (e.g. `messaging.destination.partition.id`, `messaging.kafka.offset`). Asked only
   * when a span is recorded, so make it a method, not a value built per delivery.
   */
  telemetryAttributes?(): Readonly<Record<string, string | number | boolean>>;
}
