/**
 * Header names the codec and adapters use on the wire for Envelope fields a broker has no native
 * field for. They are valid JMS identifiers, so a Java JMS client sees them as ordinary String
 * properties, and the codec removes them from received messages.
 */
export const WIRE = {
  /** The JMS body type: message, text, bytes, map, stream, object. */
  bodyKind: 'jmsts_body',
  /** The non-string properties and their types, e.g. `qty:i,flag:z,big:j`. */
  types: 'jmsts_types',
  /** JMSDeliveryTime, epoch ms. */
  deliveryTime: 'jmsts_delivery_time',
  /** JMSTimestamp in ms, for brokers whose native timestamp has only seconds. */
  timestamp: 'jmsts_timestamp',
  /** JMSExpiration, absolute epoch ms, for brokers that carry only a relative TTL. */
  expiration: 'jmsts_expiration',
  /** The sending connection's id, for noLocal emulation. */
  connectionId: 'jmsts_conn',
  /** JMSType, for brokers without a native type field. */
  type: 'jmsts_type',
  /** JMSXGroupID and JMSXGroupSeq, for brokers that consume them and do not hand them back (ActiveMQ over STOMP). */
  groupId: 'jmsts_group_id',
  groupSeq: 'jmsts_group_seq',
  /** JMSMessageID, for brokers that replace the producer's id with their own; empty when ids are disabled. */
  messageId: 'jmsts_message_id',
  /** JMSReplyTo as `queue://name` or `topic://name`, for brokers without a native reply-to. */
  replyTo: 'jmsts_reply_to',
} as const;

/** Every reserved name, to strip them from the properties of a received message. */
export const WIRE_NAMES: ReadonlySet<string> = new Set(Object.values(WIRE));

/** A correlation id set as bytes travels as this prefix plus base64, since wire ids are strings. */
export const BYTES_CORRELATION_PREFIX = 'jmsts-bytes:';

/** Content types the codec gives each body. */
export const CONTENT_TYPES = {
  text: 'text/plain; charset=utf-8',
  bytes: 'application/octet-stream',
  map: 'application/x-jms-map+json',
  stream: 'application/x-jms-stream+json',
  object: 'application/x-jms-object+json',
} as const;
