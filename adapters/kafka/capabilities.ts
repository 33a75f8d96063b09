import type { Capabilities } from '../../src/spi/public.js';
import type { QueueMode } from './share-queues.js';

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

/**
 * Queues read through share groups (KIP-932, `queueMode=share`): the broker counts deliveries
 * (JMSXDeliveryCount survives a crash and a move to another consumer). Share acknowledgements are
 * not part of Kafka transactions, so a transacted session is the client layer's: sends and
 * acknowledgements are held until commit and then made, sends first (at-least-once: a crash in
 * between redelivers what was consumed). Exactly-once consume-transform-produce needs `queueMode=group`.
 */
export const KAFKA_SHARE_CAPABILITIES: Capabilities = { ...KAFKA_CAPABILITIES, transactions: 'emulated', deliveryCount: 'native' };

/**
 * `queueMode=auto` (the default) uses share groups where the broker has them and consumer groups
 * elsewhere, decided at connect; it declares what both modes guarantee: transactions as in share
 * mode (at-least-once), delivery counts at least as the client counts them.
 */
export const KAFKA_AUTO_CAPABILITIES: Capabilities = { ...KAFKA_CAPABILITIES, transactions: 'emulated' };

/** The adapter's name per queue mode, so reports tell the modes apart: kafka (auto), kafka+share, kafka+group. */
export function kafkaAdapterName(mode: QueueMode): string {
  return mode === 'auto' ? 'kafka' : `kafka+${mode}`;
}

/** The capabilities of a queue mode. */
export function kafkaCapabilities(mode: QueueMode): Capabilities {
  return mode === 'share' ? KAFKA_SHARE_CAPABILITIES : mode === 'auto' ? KAFKA_AUTO_CAPABILITIES : KAFKA_CAPABILITIES;
}
