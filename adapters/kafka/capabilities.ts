import type { Capabilities } from '../../src/spi/public.js';

/**
 * Kafka is a log, not a queue broker. Native: queues and topics (through consumer groups, see
 * names.ts), persistence, durable and shared subscriptions, transactions (a transactional producer
 * with the consumed offsets in the same transaction, see transaction.ts) and browsing (browser.ts).
 * In the client, where faithful: expiry on receive, selectors and noLocal on a subscriber's own
 * group, delivery counts (within one process), temporary destinations (ordinary topics under
 * jmsts.tmp.). Refused: priority (a log has one order), delivery delay and selectors on queues.
 */
export const KAFKA_CAPABILITIES: Capabilities = {
  queues: 'native',
  topics: 'native',
  persistentDelivery: 'native',
  priority: 'unsupported',
  timeToLive: 'emulated',
  deliveryDelay: 'unsupported',
  queueSelectors: 'unsupported',
  topicSelectors: 'emulated',
  durableSubscriptions: 'native',
  sharedSubscriptions: 'native',
  noLocal: 'emulated',
  temporaryQueues: 'emulated',
  temporaryTopics: 'emulated',
  browsing: 'native',
  transactions: 'native',
  deliveryCount: 'emulated',
};
