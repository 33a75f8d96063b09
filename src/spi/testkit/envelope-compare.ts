import type { Destination } from '../../api/destination.js';
import type { Envelope, PropertyValue } from '../envelope.js';
import type { CorpusEntry } from './envelope-corpus.js';

/** One field of an Envelope that came back different from what was sent. */
export interface EnvelopeDifference {
  /** `messageId`, `body`, `replyTo`, or `properties.<name>` for one property. */
  readonly field: string;
  readonly sent: string;
  readonly received: string;
}

/**
 * What a wire cannot carry, said out loud: a mapper test lists every difference it expects, with
 * the reason, instead of leaving the field out of the comparison.
 */
export interface ExpectedDifference {
  /** A corpus entry name, or a prefix ending in `*` (`properties.*`, `*` for every entry). */
  readonly entry: string;
  /** A field as EnvelopeDifference names it; `properties.*` matches every property. */
  readonly field: string;
  readonly reason: string;
}

function show(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (value instanceof Uint8Array) return `bytes[${Buffer.from(value).toString('hex')}]`;
  return JSON.stringify(value);
}

function showDestination(destination: Destination | null): string {
  return destination === null ? 'null' : `${destination.temporary ? 'temporary ' : ''}${destination.kind}:${destination.name}`;
}

function showProperty(value: PropertyValue | undefined): string {
  return value === undefined ? 'absent' : `${value.type} ${show(value.value)}`;
}

/** Same type and same value; NaN equals NaN and -0 differs from 0, as Java's boxed values compare. */
function sameProperty(a: PropertyValue | undefined, b: PropertyValue | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.type === b.type && Object.is(a.value, b.value);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

const SCALAR_FIELDS = ['messageId', 'correlationId', 'type', 'persistent', 'priority', 'timestamp', 'expiration', 'deliveryTime', 'bodyKind', 'contentType', 'connectionId'] as const;

/** Every field in which `received` differs from `sent`. */
export function envelopeDifferences(sent: Envelope, received: Envelope): EnvelopeDifference[] {
  const differences: EnvelopeDifference[] = [];
  for (const field of SCALAR_FIELDS) {
    if (!Object.is(sent[field], received[field])) differences.push({ field, sent: show(sent[field]), received: show(received[field]) });
  }
  const sentReplyTo = showDestination(sent.replyTo);
  const receivedReplyTo = showDestination(received.replyTo);
  if (sentReplyTo !== receivedReplyTo) differences.push({ field: 'replyTo', sent: sentReplyTo, received: receivedReplyTo });
  if (!sameBytes(sent.body, received.body)) differences.push({ field: 'body', sent: show(sent.body), received: show(received.body) });
  for (const name of new Set([...sent.properties.keys(), ...received.properties.keys()])) {
    const a = sent.properties.get(name);
    const b = received.properties.get(name);
    if (!sameProperty(a, b)) differences.push({ field: `properties.${name}`, sent: showProperty(a), received: showProperty(b) });
  }
  return differences;
}

function matches(pattern: string, value: string): boolean {
  return pattern.endsWith('*') ? value.startsWith(pattern.slice(0, -1)) : pattern === value;
}

/** What checkRoundTrips found: differences the expected list explains, does not explain, or claims in vain. */
export interface RoundTripReport {
  /** Differences no expected-difference entry explains: mapper bugs, or a list to extend. */
  readonly unexpected: readonly (EnvelopeDifference & { readonly entry: string })[];
  /** Expected differences that never happened: the list claims a loss the wire does not have. */
  readonly unused: readonly ExpectedDifference[];
  /** Expected differences that did happen, for the test to print. */
  readonly explained: readonly (EnvelopeDifference & { readonly entry: string; readonly reason: string })[];
}

/**
 * Runs every corpus entry through `roundTrip` (envelope → wire → envelope) and sorts the
 * differences into explained and unexpected. A mapper passes when `unexpected` and `unused` are empty.
 */
export async function checkRoundTrips(
  corpus: readonly CorpusEntry[],
  roundTrip: (envelope: Envelope, entry: CorpusEntry) => Envelope | Promise<Envelope>,
  expected: readonly ExpectedDifference[] = [],
): Promise<RoundTripReport> {
  const unexpected: (EnvelopeDifference & { entry: string })[] = [];
  const explained: (EnvelopeDifference & { entry: string; reason: string })[] = [];
  const used = new Set<ExpectedDifference>();
  for (const entry of corpus) {
    let received: Envelope;
    try {
      received = await roundTrip(entry.envelope, entry);
    } catch (error) {
      const reason = expected.find((e) => matches(e.entry, entry.name) && e.field === 'error');
      if (reason) {
        used.add(reason);
        explained.push({ entry: entry.name, field: 'error', sent: '', received: String((error as Error).message), reason: reason.reason });
      } else {
        unexpected.push({ entry: entry.name, field: 'error', sent: '', received: `${(error as Error).name}: ${(error as Error).message}` });
      }
      continue;
    }
    for (const difference of envelopeDifferences(entry.envelope, received)) {
      const reason = expected.find((e) => matches(e.entry, entry.name) && matches(e.field, difference.field));
      if (reason) {
        used.add(reason);
        explained.push({ ...difference, entry: entry.name, reason: reason.reason });
      } else {
        unexpected.push({ ...difference, entry: entry.name });
      }
    }
  }
  return { unexpected, explained, unused: expected.filter((e) => !used.has(e)) };
}

/** A readable list of differences, for assertion messages. */
export function describeDifferences(differences: readonly (EnvelopeDifference & { readonly entry: string })[]): string {
  return differences.map((d) => `${d.entry} ${d.field}: sent ${d.sent}, received ${d.received}`).join('\n');
}
