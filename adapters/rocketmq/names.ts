import { createHash } from 'node:crypto';
import { InvalidDestinationException } from '../../src/api/exceptions.js';
import type { Destination } from '../../src/api/destination.js';

/**
 * How JMS destinations map onto RocketMQ: every JMS queue and topic is the RocketMQ topic of the
 * same name, with '.' (which RocketMQ forbids) written '|', so plain clients read and write them.
 * Who reads it is decided by consumer groups:
 * - a queue: one group per queue, shared by all its consumers, starting at the first message kept;
 * - a non-durable topic subscriber: a group of its own, starting after the last message, removed on close;
 * - a durable subscription: a stable group from client id, name and definition, resuming where it stopped;
 * - a shared subscription: a group its consumers share.
 */
const LEGAL = /^[a-zA-Z0-9._-]{1,127}$/;

/** RocketMQ's topic name rules, as an InvalidDestinationException that says which was broken. */
export function topicName(destination: Destination): string {
  const name = destination.name;
  if (!LEGAL.test(name)) {
    throw new InvalidDestinationException(`"${name}" cannot be a RocketMQ topic: use 1 to 127 characters from a-z, A-Z, 0-9, '.', '_' and '-'`);
  }
  return name.replaceAll('.', '|');
}

/** The JMS name of a RocketMQ topic. */
export const destinationName = (topic: string): string => topic.replaceAll('|', '.');

const hash = (...parts: (string | null)[]): string =>
  createHash('sha256')
    .update(parts.map((part) => part ?? '').join('\0'))
    .digest('hex')
    .slice(0, 24);

/** Group names allow the same characters as topics; ids and names are hashed to fit. */
const safe = (text: string): string => text.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 60);

export const TEMPORARY_PREFIX = 'jmsts-tmp-';
export const temporaryTopic = (connectionId: string, n: number): string => `${TEMPORARY_PREFIX}${safe(connectionId)}-${n}`;
export const queueGroup = (topic: string): string => `jmsts-queue-${topic}`;
export const nonDurableGroup = (connectionId: string, n: number): string => `jmsts-sub-${safe(connectionId)}-${n}`;
/** The group whose online consumer holds a client id (see RocketConnection.setClientId), and the topic it subscribes to. */
export const CLIENT_ID_TOPIC = 'jmsts-client-ids';
export const clientIdGroup = (clientId: string): string => `jmsts-client-id-${hash(clientId)}`;
export const sharedGroup = (clientId: string | null, name: string): string => `jmsts-shared-${hash(clientId, name)}`;
/** The prefix of every group a durable subscription (client id, name) ever had, whatever its definition. */
export const durablePrefix = (clientId: string | null, name: string): string => `jmsts-durable-${hash(clientId, name)}-`;
/** A changed topic, selector or sharing is another group: the old one is removed, as JMS requires. */
export const durableGroup = (clientId: string | null, name: string, shared: boolean, topic: string, selector: string | null): string =>
  `${durablePrefix(clientId, name)}${hash(topic, selector, String(shared)).slice(0, 16)}`;
