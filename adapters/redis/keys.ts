import { destinationOf, type Destination } from '../../src/api/destination.js';

/**
 * Where jms-ts keeps things in Redis. A queue is the stream named like the queue, so a plain
 * `XADD orders * body hello` feeds queue "orders"; a topic is the stream `topic:<name>`. The
 * adapter's own bookkeeping (leases, subscription definitions) lives under `jms:`.
 */
export const TOPIC_PREFIX = 'topic:';
export const TEMPORARY_PREFIX = 'jms:tmp:';
/** The one consumer group that reads a queue's stream. */
export const QUEUE_GROUP = 'jms';
/** Entries a closed consumer gave back are parked under this consumer, idle, for the next reader to claim. */
export const RELEASED_CONSUMER = 'jms:released';

export function streamKey(destination: Destination): string {
  return destination.kind === 'queue' ? destination.name : `${TOPIC_PREFIX}${destination.name}`;
}

/** The members of a group with their lease expiry (a sorted set scored by epoch ms). */
export function membersKey(stream: string, group: string): string {
  return `jms:members:{${stream}}:${group}`;
}

export function clientIdKey(clientId: string): string {
  return `jms:client:${clientId}`;
}

/** A durable subscription's definition: its topic, selector and whether it is shared. */
export function durableDefinitionKey(clientId: string | null, name: string): string {
  return `jms:durable:${clientId ?? ''}:${name}`;
}

export function durableGroup(clientId: string | null, name: string, shared: boolean): string {
  return `${shared ? 'shared-durable' : 'durable'}:${clientId ?? ''}:${name}`;
}

export function sharedGroup(clientId: string | null, name: string): string {
  return `shared:${clientId ?? ''}:${name}`;
}

/** Non-durable subscribers' groups: removed when they close, and by trimming once their lease lapsed. */
export const NON_DURABLE_GROUP_PREFIX = 'sub:';

export function replyToText(destination: Destination): string {
  return `${destination.kind}://${destination.name}`;
}

export function replyToDestination(text: string): Destination | null {
  const match = /^(queue|topic):\/\/(.+)$/.exec(text);
  return match ? destinationOf(match[1] as 'queue' | 'topic', match[2]!, match[2]!.startsWith(TEMPORARY_PREFIX)) : null;
}
