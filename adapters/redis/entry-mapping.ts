import { DEFAULT_PRIORITY } from '../../src/api/constants.js';
import { bodyKindForContentType, connectionField, connectionFromField, plainBodyKind, propertiesFromStrings, propertiesToStrings, setOwn, WIRE, WIRE_NAMES } from '../../src/spi/public.js';
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
  // A text body goes as the string it was set as: no UTF-8 copy of it is made on the way.
  const fields: Argument[] = [FIELDS.body, envelope.bodyText ?? Buffer.from(envelope.body.buffer, envelope.body.byteOffset, envelope.body.byteLength)];
  if (envelope.contentType !== null) fields.push(FIELDS.contentType, envelope.contentType);
  if (bodyKindForContentType(envelope.contentType, 'bytes') !== envelope.bodyKind) fields.push(WIRE.bodyKind, envelope.bodyKind);
  fields.push(WIRE.messageId, envelope.messageId ?? '', WIRE.timestamp, String(envelope.timestamp));
  if (envelope.priority !== DEFAULT_PRIORITY) fields.push(FIELDS.priority, String(envelope.priority));
  if (!envelope.persistent) fields.push(FIELDS.persistent, 'false');
  if (envelope.correlationId !== null) fields.push(FIELDS.correlationId, envelope.correlationId);
  if (envelope.type !== null) fields.push(WIRE.type, envelope.type);
  if (envelope.replyTo !== null) fields.push(WIRE.replyTo, replyToText(envelope.replyTo));
  if (envelope.expiration !== 0) fields.push(WIRE.expiration, String(envelope.expiration));
  if (envelope.deliveryTime !== envelope.timestamp) fields.push(WIRE.deliveryTime, String(envelope.deliveryTime));
  // Usually none: a jms-ts message id names the connection already.
  const connection = connectionField(envelope.messageId, envelope.connectionId);
  if (connection !== null) fields.push(WIRE.connectionId, connection);
  if (envelope.properties.size > 0) {
    for (const [name, value] of Object.entries(propertiesToStrings(envelope.properties))) {
      fields.push(ADAPTER_FIELDS.has(name) ? `${ESCAPED_PROPERTY}${name}` : name, value);
    }
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
  // One pass over the fields; only properties (and their types field) go through the string-property codec.
  let properties: Record<string, string> | null = null;
  let body: Buffer | undefined;
  let contentType: string | null = null;
  let correlationId: string | null = null;
  let persistent = true;
  let priority: number | null = null;
  let marked: string | undefined;
  let ours: string | undefined;
  let timestampText: string | undefined;
  let replyTo: string | undefined;
  let type: string | null = null;
  let expiration: string | undefined;
  let deliveryTime: string | undefined;
  let connectionId: string | undefined;
  for (const [name, value] of entry.fields) {
    switch (name) {
      case FIELDS.body: body = value; break;
      case FIELDS.contentType: contentType = value.toString(); break;
      case FIELDS.correlationId: correlationId = value.toString(); break;
      case FIELDS.persistent: persistent = value.toString() !== 'false'; break;
      case FIELDS.priority: priority = number(value.toString()); break;
      case WIRE.bodyKind: marked = value.toString(); break;
      case WIRE.messageId: ours = value.toString(); break;
      case WIRE.timestamp: timestampText = value.toString(); break;
      case WIRE.replyTo: replyTo = value.toString(); break;
      case WIRE.type: type = value.toString(); break;
      case WIRE.expiration: expiration = value.toString(); break;
      case WIRE.deliveryTime: deliveryTime = value.toString(); break;
      case WIRE.connectionId: connectionId = value.toString(); break;
      default:
        // Defined, not assigned: a property named __proto__ stays a key.
        setOwn((properties ??= {}), name.startsWith(ESCAPED_PROPERTY) ? name.slice(ESCAPED_PROPERTY.length) : name, value.toString());
    }
  }
  const bodyKind: BodyKind =
    marked !== undefined && BODY_KINDS.has(marked)
      ? (marked as BodyKind)
      : body === undefined
        ? 'message'
        : contentType !== null
          ? bodyKindForContentType(contentType, 'bytes')
          : plainBodyKind(body);
  const timestamp = number(timestampText) ?? entryTime(entry.id);
  return {
    // A plain entry has no JMS id: its place in the stream is one.
    messageId: ours === '' ? null : (ours ?? `ID:redis:${stream}:${entry.id}`),
    correlationId,
    replyTo: replyTo !== undefined ? replyToDestination(replyTo) : null,
    type,
    persistent,
    priority: priority ?? DEFAULT_PRIORITY,
    timestamp,
    expiration: number(expiration) ?? 0,
    deliveryTime: number(deliveryTime) ?? timestamp,
    bodyKind,
    contentType,
    // Only escaped properties carry an adapter field's name here; the codec skips other WIRE names.
    properties: properties === null ? new Map() : propertiesFromStrings(properties),
    body: body ?? new Uint8Array(0),
    connectionId: connectionFromField(connectionId, ours ?? null),
  };
}
