import type { Capabilities } from '../../src/spi/public.js';

/**
 * What RocketMQ 5 (through its gRPC proxy) gives natively, what the client layer adds, and what is
 * refused. The reasons:
 * - queues: a topic read by one consumer group through the simple consumer (competing consumers);
 * - topics: one consumer group per subscriber; durable and shared subscriptions are stable groups;
 * - persistentDelivery: the broker's commit log;
 * - priority: ordinary RocketMQ topics have one order, and a consumer's client-side reordering would
 *   only cover the messages one poll happens to bring;
 * - timeToLive: the client layer drops (and acknowledges) an expired message;
 * - deliveryDelay: timed messages (the broker's timer wheel);
 * - queueSelectors: a group's filter skips non-matching messages for the whole group, so a
 *   selector on one of a queue's competing consumers would consume the others' messages;
 * - topicSelectors, noLocal: faithful in the client, since each subscriber has its own group;
 * - temporaryQueues, temporaryTopics: ordinary topics under `jmsts-tmp-`, deleted by the adapter;
 * - browsing: the proxy has no way to read a queue without taking its messages;
 * - transactions: RocketMQ's transactional messages are half messages confirmed by a check-back,
 *   covering one send, not a session's sends and acknowledgements: the client layer holds both
 *   until commit;
 * - deliveryCount: the broker's delivery attempt.
 */
export const ROCKETMQ_CAPABILITIES: Capabilities = {
  queues: 'native',
  topics: 'native',
  persistentDelivery: 'native',
  priority: 'unsupported',
  timeToLive: 'emulated',
  deliveryDelay: 'native',
  queueSelectors: 'unsupported',
  topicSelectors: 'emulated',
  durableSubscriptions: 'native',
  sharedSubscriptions: 'native',
  noLocal: 'emulated',
  temporaryQueues: 'emulated',
  temporaryTopics: 'emulated',
  browsing: 'unsupported',
  transactions: 'emulated',
  deliveryCount: 'native',
};
