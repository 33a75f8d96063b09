import { isUtf8 } from 'node:buffer';
import { destinationOf, type Destination } from '../../src/api/destination.js';
import { bodyKindForContentType, propertiesFromStrings, propertiesToStrings, setOwn, WIRE, WIRE_NAMES } from '../../src/spi/public.js';
import type { BodyKind, Envelope } from '../../src/spi/public.js';
import { TEMPORARY_PREFIX } from './names.js';

/**
 * The one mapping between an Envelope and a Kafka record. The record's timestamp is JMSTimestamp;
 * JMSXGroupID is the record key, so a group stays in one partition, in order; everything else
 * travels in record headers as text (typed properties through the codec's type marker).
 */
const HEADERS = {
  correlationId: 'jmsts_correlation_id',
  priority: 'jmsts_priority',
  persistent: 'jmsts_persistent',
  contentType: 'content-type',
} as const;
const ADAPTER_HEADERS: ReadonlySet<string> = new Set(Object.values(HEADERS));
const BODY_KINDS: ReadonlySet<string> = new Set<BodyKind>(['message', 'text', 'bytes', 'map', 'stream', 'object']);

export interface KafkaRecord {
  key: string | null;
  value: Buffer;
  timestamp?: string;
  headers: Record<string, string>;
}

function replyToText(destination: Destination): string {
  return `${destination.kind}://${destination.name}`;
}

function replyToDestination(text: string): Destination | null {
  const match = /^(queue|topic):\/\/(.+)$/.exec(text);
  return match ? destinationOf(match[1] as 'queue' | 'topic', match[2]!, match[2]!.startsWith(TEMPORARY_PREFIX)) : null;
}

export function envelopeToRecord(envelope: Envelope): KafkaRecord {
  const headers: Record<string, string> = { ...propertiesToStrings(envelope.properties) };
  headers[WIRE.messageId] = envelope.messageId ?? '';
  headers[HEADERS.priority] = String(envelope.priority);
  headers[HEADERS.persistent] = String(envelope.persistent);
  if (envelope.correlationId !== null) headers[HEADERS.correlationId] = envelope.correlationId;
  if (envelope.type !== null) headers[WIRE.type] = envelope.type;
  if (envelope.replyTo !== null) headers[WIRE.replyTo] = replyToText(envelope.replyTo);
  if (envelope.contentType !== null) headers[HEADERS.contentType] = envelope.contentType;
  if (envelope.expiration !== 0) headers[WIRE.expiration] = String(envelope.expiration);
  if (envelope.deliveryTime !== envelope.timestamp) headers[WIRE.deliveryTime] = String(envelope.deliveryTime);
  if (envelope.timestamp === 0) headers[WIRE.timestamp] = '0';
  if (envelope.connectionId !== null) headers[WIRE.connectionId] = envelope.connectionId;
  if (bodyKindForContentType(envelope.contentType, 'bytes') !== envelope.bodyKind) headers[WIRE.bodyKind] = envelope.bodyKind;
  const group = envelope.properties.get('JMSXGroupID');
  return {
    key: group?.type === 'string' ? group.value : null,
    value: Buffer.from(envelope.body.buffer, envelope.body.byteOffset, envelope.body.byteLength),
    ...(envelope.timestamp !== 0 ? { timestamp: String(envelope.timestamp) } : {}),
    headers,
  };
}


/** A plain producer's record without a content type: text when it is valid UTF-8, else bytes (checked without decoding). */
function plainKind(value: Buffer): BodyKind {
  return isUtf8(value) ? 'text' : 'bytes';
}

function number(text: string | undefined): number | null {
  if (text === undefined || text === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/** A record as kafkajs hands it over; its topic and partition come with its batch. */
export interface ReceivedRecord {
  readonly offset: string;
  readonly timestamp: string;
  readonly value: Buffer | null;
  readonly headers?: Record<string, Buffer | string | (Buffer | string)[] | undefined>;
}

export function recordToEnvelope(record: ReceivedRecord, topic: string, partition: number): Envelope {
  const headers: Record<string, string> = {};
  for (const [name, raw] of Object.entries(record.headers ?? {})) {
    const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    // Kafka allows null header values (another client's): such a header carries no property.
    if (value !== undefined && value !== null) setOwn(headers, name, value.toString());
  }
  const body = record.value ?? Buffer.alloc(0);
  const marked = headers[WIRE.bodyKind];
  const contentType = headers[HEADERS.contentType] ?? null;
  const bodyKind: BodyKind =
    marked !== undefined && BODY_KINDS.has(marked) ? (marked as BodyKind) : contentType !== null ? bodyKindForContentType(contentType, 'bytes') : plainKind(body);
  const timestamp = number(headers[WIRE.timestamp]) ?? Number(record.timestamp);
  const ours = headers[WIRE.messageId];
  return {
    // A plain record has no id: its place in the log is one.
    messageId: ours === '' ? null : (ours ?? `ID:kafka:${topic}:${partition}:${record.offset}`),
    correlationId: headers[HEADERS.correlationId] ?? null,
    replyTo: headers[WIRE.replyTo] !== undefined ? replyToDestination(headers[WIRE.replyTo]) : null,
    type: headers[WIRE.type] ?? null,
    persistent: headers[HEADERS.persistent] !== 'false',
    priority: number(headers[HEADERS.priority]) ?? 4,
    timestamp,
    expiration: number(headers[WIRE.expiration]) ?? 0,
    deliveryTime: number(headers[WIRE.deliveryTime]) ?? timestamp,
    bodyKind,
    contentType,
    properties: propertiesFromStrings(headers, (name) => !ADAPTER_HEADERS.has(name) && !WIRE_NAMES.has(name)),
    body,
    connectionId: headers[WIRE.connectionId] ?? null,
  };
}
