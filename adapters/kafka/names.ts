import { InvalidDestinationException } from '../../src/api/exceptions.js';
import type { Destination } from '../../src/api/destination.js';

/**
 * How JMS destinations map onto Kafka: every JMS queue and topic is the Kafka topic of the same
 * name (so plain Kafka clients read and write them), created with one partition on first use so
 * JMS ordering holds. Who reads it is decided by consumer groups:
 * - a queue: one group per queue, shared by all its consumers (each message goes to one of them);
 * - a non-durable topic subscriber: a group of its own, starting at the end of the log;
 * - a durable subscription: a stable group from client id and name, resuming where it stopped;
 * - a shared subscription: a group its consumers share.
 */
const LEGAL = /^[a-zA-Z0-9._-]{1,249}$/;

/** Kafka's topic name rules, as an InvalidDestinationException that says which was broken. */
export function topicName(destination: Destination): string {
  const name = destination.name;
  if (!LEGAL.test(name) || name === '.' || name === '..') {
    throw new InvalidDestinationException(
      `"${name}" cannot be a Kafka topic: use 1 to 249 characters from a-z, A-Z, 0-9, '.', '_' and '-' (not "." or "..")`,
    );
  }
  return name;
}

export const TEMPORARY_PREFIX = 'jmsts.tmp.';

export const queueGroup = (queue: string): string => `jms.queue.${queue}`;
export const durableGroup = (clientId: string | null, name: string): string => `jms.durable.${clientId ?? ''}.${name}`;
export const sharedGroup = (clientId: string | null, name: string): string => `jms.shared.${clientId ?? ''}.${name}`;
export const clientIdGroup = (clientId: string): string => `jms.client-id.${clientId}`;
