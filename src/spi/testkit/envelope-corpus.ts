import { destinationOf, type Destination } from '../../api/destination.js';
import { encodeMapBody, encodeObjectBody, encodeStreamBody } from '../../codec/bodies.js';
import { BYTES_CORRELATION_PREFIX, CONTENT_TYPES } from '../../codec/wire-names.js';
import type { Envelope, PropertyValue } from '../envelope.js';

/**
 * Envelopes an adapter's mapper must carry through its wire format and back (envelope → wire →
 * envelope) without a broker. Each entry stresses one area; together they cover every property
 * type with its edge values, the body kinds, the header fields and the values that disable them.
 */
export interface CorpusEntry {
  /** Stable name, used in expected-difference lists: `properties.long-edges`, `body.map`, … */
  readonly name: string;
  readonly envelope: Envelope;
}

/** How envelopeCorpus fits the corpus to one adapter. */
export interface CorpusOptions {
  /**
   * Names this adapter gives temporary destinations: a wire usually tells a temporary destination
   * by its name alone (a prefix, a broker-made name), so the corpus uses names the adapter makes.
   */
  readonly temporaryQueueName?: string;
  readonly temporaryTopicName?: string;
  /** The send time the corpus stamps; fixed by default so failures are reproducible. */
  readonly now?: number;
}

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

function props(entries: [string, PropertyValue][]): Map<string, PropertyValue> {
  return new Map(entries);
}

const utf8 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));

/** A plain persistent text message sent at `now`, with an id: the corpus builds each entry from it. */
export function plainEnvelope(now: number, overrides: Partial<Envelope> = {}): Envelope {
  return {
    messageId: 'ID:testkit:1',
    correlationId: null,
    replyTo: null,
    type: null,
    persistent: true,
    priority: 4,
    timestamp: now,
    expiration: 0,
    deliveryTime: now,
    bodyKind: 'text',
    contentType: CONTENT_TYPES.text,
    properties: new Map(),
    body: utf8('corpus'),
    connectionId: 'testkit-connection',
    ...overrides,
  };
}

export function envelopeCorpus(options: CorpusOptions = {}): CorpusEntry[] {
  const now = options.now ?? 1_700_000_000_123;
  const tempQueue = options.temporaryQueueName ?? 'jmsts.tmp.queue-1';
  const tempTopic = options.temporaryTopicName ?? 'jmsts.tmp.topic-1';
  const entry = (name: string, overrides: Partial<Envelope>): CorpusEntry => ({ name, envelope: plainEnvelope(now, overrides) });
  const replyTo = (name: string, destination: Destination) => entry(`reply-to.${name}`, { replyTo: destination });
  return [
    entry('properties.integers', {
      properties: props([
        ['byteMin', { type: 'byte', value: -128 }],
        ['byteMax', { type: 'byte', value: 127 }],
        ['shortMin', { type: 'short', value: -32768 }],
        ['shortMax', { type: 'short', value: 32767 }],
        ['intMin', { type: 'int', value: -2147483648 }],
        ['intMax', { type: 'int', value: 2147483647 }],
        ['intZero', { type: 'int', value: 0 }],
      ]),
    }),
    entry('properties.long-edges', {
      properties: props([
        ['longMin', { type: 'long', value: LONG_MIN }],
        ['longMax', { type: 'long', value: LONG_MAX }],
        ['longSafe', { type: 'long', value: BigInt(Number.MAX_SAFE_INTEGER) + 1n }],
        ['longSmall', { type: 'long', value: 42n }],
        ['longZero', { type: 'long', value: 0n }],
      ]),
    }),
    entry('properties.floating', {
      properties: props([
        ['floatPi', { type: 'float', value: Math.fround(3.14159) }],
        ['floatNaN', { type: 'float', value: Number.NaN }],
        ['floatInf', { type: 'float', value: Number.POSITIVE_INFINITY }],
        ['floatNegInf', { type: 'float', value: Number.NEGATIVE_INFINITY }],
        ['floatNegZero', { type: 'float', value: -0 }],
        ['doubleE', { type: 'double', value: Math.E }],
        ['doubleNaN', { type: 'double', value: Number.NaN }],
        ['doubleInf', { type: 'double', value: Number.POSITIVE_INFINITY }],
        ['doubleNegInf', { type: 'double', value: Number.NEGATIVE_INFINITY }],
        ['doubleNegZero', { type: 'double', value: -0 }],
        ['doubleMax', { type: 'double', value: Number.MAX_VALUE }],
        ['doubleTiny', { type: 'double', value: Number.MIN_VALUE }],
        ['doubleWhole', { type: 'double', value: 2 }],
      ]),
    }),
    entry('properties.boolean-and-string', {
      properties: props([
        ['yes', { type: 'boolean', value: true }],
        ['no', { type: 'boolean', value: false }],
        ['empty', { type: 'string', value: '' }],
        ['emoji', { type: 'string', value: 'hé 😀 ünï' }],
        ['punctuation', { type: 'string', value: 'a:b,c=d;e\\f' }],
        ['lineBreaks', { type: 'string', value: 'one\ntwo\r\nthree' }],
        ['numeric', { type: 'string', value: '123' }],
      ]),
    }),
    entry('properties.jmsx-group', {
      properties: props([
        ['JMSXGroupID', { type: 'string', value: 'customer-9' }],
        ['JMSXGroupSeq', { type: 'int', value: 3 }],
      ]),
    }),
    entry('body.message', { bodyKind: 'message', contentType: null, body: new Uint8Array(0) }),
    entry('body.text', { bodyKind: 'text', body: utf8('hello 😀 wörld') }),
    entry('body.text-with-nul', { bodyKind: 'text', body: utf8('before\u0000after') }),
    entry('body.text-empty', { bodyKind: 'text', body: new Uint8Array(0) }),
    entry('body.bytes', { bodyKind: 'bytes', contentType: CONTENT_TYPES.bytes, body: new Uint8Array([0, 1, 127, 128, 255, 0]) }),
    entry('body.map', {
      bodyKind: 'map',
      contentType: CONTENT_TYPES.map,
      body: encodeMapBody(
        new Map([
          ['qty', { type: 'int', value: 3 }],
          ['big', { type: 'long', value: LONG_MAX }],
          ['raw', { type: 'bytes', value: new Uint8Array([1, 2]) }],
          ['none', null],
        ]),
      ),
    }),
    entry('body.stream', {
      bodyKind: 'stream',
      contentType: CONTENT_TYPES.stream,
      body: encodeStreamBody([{ type: 'boolean', value: true }, { type: 'double', value: Number.NaN }, { type: 'string', value: '😀' }, null]),
    }),
    entry('body.object', { bodyKind: 'object', contentType: CONTENT_TYPES.object, body: encodeObjectBody({ order: 7, items: ['a', 'b'], at: new Date(now) }) }),
    entry('correlation-id.text', { correlationId: 'order-17' }),
    entry('correlation-id.long', { correlationId: `order-${'x'.repeat(300)}` }),
    entry('correlation-id.bytes', { correlationId: BYTES_CORRELATION_PREFIX + Buffer.from([0, 255, 7]).toString('base64') }),
    replyTo('queue', destinationOf('queue', 'replies')),
    replyTo('topic', destinationOf('topic', 'events')),
    replyTo('temporary-queue', destinationOf('queue', tempQueue, true)),
    replyTo('temporary-topic', destinationOf('topic', tempTopic, true)),
    entry('expiry', { expiration: now + 60_000 }),
    entry('delivery-time', { deliveryTime: now + 5_000 }),
    entry('priority.lowest', { priority: 0 }),
    entry('priority.highest', { priority: 9 }),
    entry('type', { type: 'order.created' }),
    entry('type.long', { type: `type-${'t'.repeat(300)}` }),
    entry('non-persistent', { persistent: false }),
    entry('ids-and-timestamps-disabled', { messageId: null, timestamp: 0 }),
    entry('no-connection-id', { connectionId: null }),
  ];
}
