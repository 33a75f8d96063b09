import { DEFAULT_PRIORITY } from '../../src/api/constants.js';
import { destinationOf } from '../../src/api/destination.js';
import { bodyKindForContentType, plainBodyKind, propertiesFromStrings, propertiesToStrings, setOwn, WIRE, WIRE_NAMES } from '../../src/spi/public.js';
import type { BodyKind, Envelope } from '../../src/spi/public.js';
import { destinationName, TEMPORARY_PREFIX } from './names.js';

/**
 * The one mapping between an Envelope and a RocketMQ message. The body is the message body, so a
 * plain producer's message arrives as a TextMessage (valid UTF-8) or a BytesMessage. Properties
 * are user properties of their own name in their Java string form (the codec's type marker keeps
 * int, long, double ... exact), which SQL92 filters and plain consumers read; JMS headers without
 * a RocketMQ equivalent use `jmsts_` properties. JMSXGroupID is also the message group, the
 * delivery time a timed message.
 */
export const FIELDS = {
  contentType: 'content_type',
  correlationId: 'jmsts_correlation_id',
  priority: 'jmsts_priority',
  persistent: 'jmsts_persistent',
  /** RocketMQ drops properties whose value is empty: their names travel here, comma-separated. */
  emptyProperties: 'jmsts_empty',
  /** RocketMQ refuses an empty body: one travels as a single zero byte marked by this property. */
  emptyBody: 'jmsts_empty_body',
} as const;
const ADAPTER_FIELDS: ReadonlySet<string> = new Set(Object.values(FIELDS));
/** Names RocketMQ keeps for itself (MessageConst) and the fields above travel under this prefix. */
const ESCAPED_PROPERTY = 'jmsts_prop_';
const SYSTEM_PROPERTIES: ReadonlySet<string> = new Set(
  (
    'KEYS TAGS WAIT DELAY RETRY_TOPIC ORIGIN_GROUP REAL_TOPIC REAL_QID TRAN_MSG PGROUP MIN_OFFSET MAX_OFFSET BUYER_ID ' +
    'ORIGIN_MESSAGE_ID TRANSFER_FLAG CORRECTION_FLAG MQ2_FLAG RECONSUME_TIME MSG_REGION TRACE_ON UNIQ_KEY TRANS_OFFSET ' +
    'EXTEND_UNIQ_INFO MAX_RECONSUME_TIMES CONSUME_START_TIME _SYS_MSG_PRIORITY_ INNER_NUM INNER_BASE ' +
    'CHECK_IMMUNITY_TIME_IN_SECONDS TRAN_PREPARED_QUEUE_OFFSET __transactionId__ TRANSACTION_CHECK_TIMES INSTANCE_ID ' +
    'CORRELATION_ID REPLY_TO_CLIENT TTL ARRIVE_TIME PUSH_REPLY_TIME CLUSTER MSG_TYPE POP_CK POP_CK_OFFSET 1ST_POP_TIME ' +
    '__SHARDINGKEY PROPERTY_FORWARD_QUEUE_ID REDIRECT INNER_MULTI_DISPATCH INNER_MULTI_QUEUE_OFFSET TRACE_CONTEXT ' +
    'TIMER_DELAY_SEC TIMER_DELIVER_MS __BORNHOST BORN_TIMESTAMP TIMER_ENQUEUE_MS TIMER_DEQUEUE_MS TIMER_ROLL_TIMES ' +
    'TIMER_OUT_MS TIMER_DEL_UNIQKEY TIMER_ROLL_LABEL TIMER_DELAY_LEVEL TIMER_DELAY_MS DLQ_ORIGIN_TOPIC DLQ_ORIGIN_MESSAGE_ID'
  ).split(' '),
);
const EMPTY_BODY_PLACEHOLDER = Buffer.from([0]);
const BODY_KINDS: ReadonlySet<string> = new Set<BodyKind>(['message', 'text', 'bytes', 'map', 'stream', 'object']);
// __proto__ too: the client library's property maps drop that key.
const escaped = (name: string): boolean =>
  ADAPTER_FIELDS.has(name) || SYSTEM_PROPERTIES.has(name) || name.startsWith('__RMQ.') || name.startsWith(ESCAPED_PROPERTY) || name === '__proto__';

/** What the producer is given for one message. */
export interface OutgoingMessage {
  readonly topic: string;
  readonly body: Buffer;
  readonly properties: Map<string, string>;
  readonly messageGroup?: string;
  readonly deliveryTimestamp?: Date;
}

/** What a received message offers (rocketmq-client-nodejs's MessageView). */
export interface IncomingMessage {
  readonly messageId: string;
  readonly topic: string;
  readonly body: Buffer;
  readonly properties: Map<string, string>;
  readonly bornTimestamp?: Date;
}

export function envelopeToMessage(topic: string, envelope: Envelope, now = Date.now()): OutgoingMessage {
  const properties = new Map<string, string>();
  const put = (name: string, value: string) => properties.set(name, value);
  if (envelope.contentType !== null) put(FIELDS.contentType, envelope.contentType);
  if (bodyKindForContentType(envelope.contentType, 'bytes') !== envelope.bodyKind) put(WIRE.bodyKind, envelope.bodyKind);
  put(WIRE.messageId, envelope.messageId ?? '');
  put(WIRE.timestamp, String(envelope.timestamp));
  if (envelope.priority !== DEFAULT_PRIORITY) put(FIELDS.priority, String(envelope.priority));
  if (!envelope.persistent) put(FIELDS.persistent, 'false');
  if (envelope.correlationId !== null) put(FIELDS.correlationId, envelope.correlationId);
  if (envelope.type !== null) put(WIRE.type, envelope.type);
  if (envelope.replyTo !== null) put(WIRE.replyTo, `${envelope.replyTo.kind}://${envelope.replyTo.name}`);
  if (envelope.expiration !== 0) put(WIRE.expiration, String(envelope.expiration));
  if (envelope.deliveryTime !== envelope.timestamp) put(WIRE.deliveryTime, String(envelope.deliveryTime));
  if (envelope.connectionId !== null) put(WIRE.connectionId, envelope.connectionId);
  for (const [name, value] of Object.entries(propertiesToStrings(envelope.properties))) {
    put(escaped(name) ? `${ESCAPED_PROPERTY}${name}` : name, value);
  }
  const empty = [...properties].filter(([, value]) => value === '').map(([name]) => name);
  for (const name of empty) properties.delete(name);
  if (empty.length > 0) put(FIELDS.emptyProperties, empty.join(','));
  if (envelope.body.byteLength === 0) put(FIELDS.emptyBody, 'true');
  const group = envelope.properties.get('JMSXGroupID');
  const timed = envelope.deliveryTime > now;
  return {
    topic,
    body: envelope.body.byteLength === 0 ? EMPTY_BODY_PLACEHOLDER : Buffer.from(envelope.body.buffer, envelope.body.byteOffset, envelope.body.byteLength),
    properties,
    // RocketMQ refuses a message that is both grouped (FIFO) and timed; the delay wins, the group stays a property.
    ...(timed ? { deliveryTimestamp: new Date(envelope.deliveryTime) } : group?.type === 'string' && group.value !== '' ? { messageGroup: group.value } : {}),
  };
}

function number(text: string | undefined): number | null {
  if (text === undefined || text === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

function replyTo(text: string | undefined): Envelope['replyTo'] {
  const match = text === undefined ? null : /^(queue|topic):\/\/(.*)$/.exec(text);
  return match ? destinationOf(match[1] as 'queue' | 'topic', match[2]!, match[2]!.startsWith(TEMPORARY_PREFIX)) : null;
}

/** The Envelope of a received message, from jms-ts or from any other RocketMQ client. */
export function messageToEnvelope(message: IncomingMessage): Envelope {
  const text: Record<string, string> = {};
  const escapedNames = new Set<string>();
  const received = new Map(message.properties);
  for (const name of received.get(FIELDS.emptyProperties)?.split(',') ?? []) if (name !== '') received.set(name, '');
  for (const [name, value] of received) {
    if (name.startsWith(ESCAPED_PROPERTY)) {
      const original = name.slice(ESCAPED_PROPERTY.length);
      escapedNames.add(original);
      setOwn(text, original, value);
    } else {
      // Defined, not assigned: a property named __proto__ stays a key.
      setOwn(text, name, value);
    }
  }
  const emptyBody = received.get(FIELDS.emptyBody) === 'true';
  const body = emptyBody ? new Uint8Array(0) : new Uint8Array(message.body.buffer, message.body.byteOffset, message.body.byteLength);
  const marked = received.get(WIRE.bodyKind);
  const contentType = received.get(FIELDS.contentType) ?? null;
  const bodyKind: BodyKind =
    marked !== undefined && BODY_KINDS.has(marked) ? (marked as BodyKind) : contentType !== null ? bodyKindForContentType(contentType, 'bytes') : plainBodyKind(body);
  const timestamp = number(received.get(WIRE.timestamp)) ?? message.bornTimestamp?.getTime() ?? 0;
  const ours = received.get(WIRE.messageId);
  return {
    // A plain message has no JMS id: RocketMQ's own id is one.
    messageId: ours === '' ? null : (ours ?? `ID:rocketmq:${message.messageId}`),
    correlationId: received.get(FIELDS.correlationId) ?? null,
    replyTo: replyTo(received.get(WIRE.replyTo)),
    type: received.get(WIRE.type) ?? null,
    persistent: received.get(FIELDS.persistent) !== 'false',
    priority: number(received.get(FIELDS.priority)) ?? DEFAULT_PRIORITY,
    timestamp,
    expiration: number(received.get(WIRE.expiration)) ?? 0,
    deliveryTime: number(received.get(WIRE.deliveryTime)) ?? timestamp,
    bodyKind,
    contentType,
    properties: propertiesFromStrings(text, (name) => escapedNames.has(name) || (!ADAPTER_FIELDS.has(name) && !WIRE_NAMES.has(name))),
    body,
    connectionId: received.get(WIRE.connectionId) ?? null,
  };
}

export { destinationName };
