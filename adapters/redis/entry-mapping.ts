import { DEFAULT_PRIORITY } from '../../src/api/constants.js';
import { bodyKindForContentType, plainBodyKind, propertiesFromStrings, propertiesToStrings, setOwn, WIRE, WIRE_NAMES } from '../../src/spi/public.js';
import type { BodyKind, Envelope } from '../../src/spi/public.js';
import type { Argument, StreamEntry } from './commands.js';
import { replyToDestination, replyToText } from './keys.js';

/**
 * The one mapping between an Envelope and a stream entry's fields. The body is the field `body`,
 * so `XADD orders * body hello` arrives as a TextMessage and a plain XRANGE shows a jms-ts body
 * as it is. Properties are fields of their own name in their Java string form (the codec's type
 * marker keeps int, long, double ... exact); JMS headers without a Redis equivalent use `jmsts_` fields.
 */
export const FIELDS = {
  body: 'body',
  contentType: 'content_type',
  correlationId: 'jmsts_correlation_id',
  priority: 'jmsts_priority',
  persistent: 'jmsts_persistent',
} as const;
const ADAPTER_FIELDS: ReadonlySet<string> = new Set(Object.values(FIELDS));
/** A property whose name is one of the fields above travels under this prefix. */
const ESCAPED_PROPERTY = 'jmsts_prop:';
const BODY_KINDS: ReadonlySet<string> = new Set<BodyKind>(['message', 'text', 'bytes', 'map', 'stream', 'object']);

export function envelopeToFields(envelope: Envelope): Argument[] {
  const fields: Argument[] = [];
  const put = (name: string, value: Argument) => fields.push(name, value);
  put(FIELDS.body, Buffer.from(envelope.body.buffer, envelope.body.byteOffset, envelope.body.byteLength));
  if (envelope.contentType !== null) put(FIELDS.contentType, envelope.contentType);
  if (bodyKindForContentType(envelope.contentType, 'bytes') !== envelope.bodyKind) put(WIRE.bodyKind, envelope.bodyKind);
  put(WIRE.messageId, envelope.messageId ?? '');
  put(WIRE.timestamp, String(envelope.timestamp));
  if (envelope.priority !== DEFAULT_PRIORITY) put(FIELDS.priority, String(envelope.priority));
  if (!envelope.persistent) put(FIELDS.persistent, 'false');
  if (envelope.correlationId !== null) put(FIELDS.correlationId, envelope.correlationId);
  if (envelope.type !== null) put(WIRE.type, envelope.type);
  if (envelope.replyTo !== null) put(WIRE.replyTo, replyToText(envelope.replyTo));
  if (envelope.expiration !== 0) put(WIRE.expiration, String(envelope.expiration));
  if (envelope.deliveryTime !== envelope.timestamp) put(WIRE.deliveryTime, String(envelope.deliveryTime));
  if (envelope.connectionId !== null) put(WIRE.connectionId, envelope.connectionId);
  for (const [name, value] of Object.entries(propertiesToStrings(envelope.properties))) {
    put(ADAPTER_FIELDS.has(name) ? `${ESCAPED_PROPERTY}${name}` : name, value);
  }
  return fields;
}

function number(text: string | undefined): number | null {
  if (text === undefined || text === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/** The entry id's milliseconds: when the server stored it. */
function entryTime(id: string): number {
  return Number(id.slice(0, id.indexOf('-')));
}

/** The Envelope of a stream entry, from jms-ts or from any other Redis client. */
export function entryToEnvelope(stream: string, entry: StreamEntry): Envelope {
  const text: Record<string, string> = {};
  for (const [name, value] of entry.fields) {
    if (name === FIELDS.body) continue;
    setOwn(text, name.startsWith(ESCAPED_PROPERTY) ? name.slice(ESCAPED_PROPERTY.length) : name, value.toString());
  }
  const body = entry.fields.get(FIELDS.body);
  const marked = text[WIRE.bodyKind];
  const contentType = entry.fields.get(FIELDS.contentType)?.toString() ?? null;
  const bodyKind: BodyKind =
    marked !== undefined && BODY_KINDS.has(marked)
      ? (marked as BodyKind)
      : body === undefined
        ? 'message'
        : contentType !== null
          ? bodyKindForContentType(contentType, 'bytes')
          : plainBodyKind(body);
  const timestamp = number(text[WIRE.timestamp]) ?? entryTime(entry.id);
  const ours = text[WIRE.messageId];
  const escaped = new Set([...entry.fields.keys()].filter((name) => name.startsWith(ESCAPED_PROPERTY)).map((name) => name.slice(ESCAPED_PROPERTY.length)));
  return {
    // A plain entry has no JMS id: its place in the stream is one.
    messageId: ours === '' ? null : (ours ?? `ID:redis:${stream}:${entry.id}`),
    correlationId: entry.fields.get(FIELDS.correlationId)?.toString() ?? null,
    replyTo: text[WIRE.replyTo] !== undefined ? replyToDestination(text[WIRE.replyTo]) : null,
    type: text[WIRE.type] ?? null,
    persistent: entry.fields.get(FIELDS.persistent)?.toString() !== 'false',
    priority: number(entry.fields.get(FIELDS.priority)?.toString()) ?? DEFAULT_PRIORITY,
    timestamp,
    expiration: number(text[WIRE.expiration]) ?? 0,
    deliveryTime: number(text[WIRE.deliveryTime]) ?? timestamp,
    bodyKind,
    contentType,
    properties: propertiesFromStrings(text, (name) => escaped.has(name) || (!ADAPTER_FIELDS.has(name) && !WIRE_NAMES.has(name))),
    body: body ?? new Uint8Array(0),
    connectionId: text[WIRE.connectionId] ?? null,
  };
}
