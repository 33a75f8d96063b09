import { destinationOf, type Destination } from '../../src/api/destination.js';
import { subscriptionDefinitionHash } from '../../src/spi/public.js';

/**
 * How JMS destinations map onto RabbitMQ. A JMS queue is a durable queue of the same name, reached
 * through the default exchange. Every JMS topic goes through one durable direct exchange, with the
 * topic name as routing key: direct exchanges match keys exactly, so a topic named `a.*` is not a
 * wildcard. Each subscriber has its own queue bound to that exchange.
 */
export const TOPIC_EXCHANGE = 'jms.topic';

/** Declared on every queue jms-ts creates, so JMS priorities 0-9 are honoured. */
export const QUEUE_ARGUMENTS = { 'x-max-priority': 9 } as const;

/** RabbitMQ's names for server-named (temporary) queues. */
const SERVER_NAMED_PREFIX = 'amq.gen-';

/** The queue holding a durable subscription, shared or not (JMS puts both in one namespace). */
export function durableQueueName(clientId: string | null, subscriptionName: string): string {
  return `jms.durable:${clientId ?? ''}:${subscriptionName}`;
}

/** The queue a shared non-durable subscription's consumers take turns on. */
export function sharedQueueName(clientId: string | null, subscriptionName: string): string {
  return `jms.shared:${clientId ?? ''}:${subscriptionName}`;
}

/**
 * An auto-delete exchange bound to a durable subscription's queue whose name records the topic and
 * selector the subscription was made with. AMQP cannot read a queue's bindings back, so this marker
 * is how a later subscriber tells that the definition changed; deleting the queue deletes it.
 */
export function definitionMarker(queue: string, topic: string, selector: string | null): string {
  return `jms.subscription-definition.${subscriptionDefinitionHash([queue, topic, selector], 32)}`;
}

/** An exclusive queue per client id: RabbitMQ lets only one connection own it, so ids are unique. */
export function clientIdLockQueue(clientId: string): string {
  return `jms.client-id:${clientId}`;
}

/**
 * JMSReplyTo as the AMQP reply-to property. Queues travel as their bare name, as plain AMQP RPC
 * servers expect (they answer with sendToQueue(replyTo)); topics carry a `topic://` prefix.
 */
export function replyToProperty(destination: Destination): string {
  if (destination.kind === 'queue') return destination.name;
  return `${destination.temporary ? 'temp-topic' : 'topic'}://${destination.name}`;
}

export function replyToDestination(property: string): Destination {
  if (property.startsWith('topic://')) return destinationOf('topic', property.slice('topic://'.length));
  if (property.startsWith('temp-topic://')) return destinationOf('topic', property.slice('temp-topic://'.length), true);
  if (property.startsWith('queue://')) return destinationOf('queue', property.slice('queue://'.length));
  return destinationOf('queue', property, property.startsWith(SERVER_NAMED_PREFIX));
}
