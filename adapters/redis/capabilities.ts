import type { Capabilities } from '../../src/spi/public.js';

/**
 * What Redis Streams give natively, what the client layer adds, and what is refused. The reasons:
 * - queues, topics, durable and shared subscriptions: consumer groups (see subscription-groups.ts);
 * - persistentDelivery: as durable as the server's AOF/RDB settings make every write;
 * - priority, deliveryDelay: a stream has one order and no scheduled entries; holding messages in
 *   the client would pin them to one consumer past the reclaim idle time;
 * - timeToLive: the client layer drops (and acknowledges) an entry that expired;
 * - queueSelectors: a group member cannot skip entries meant for the others;
 * - topicSelectors, noLocal: faithful in the client, since each subscription has its own group;
 * - temporaryQueues, temporaryTopics: ordinary streams under `jms:tmp:`, deleted by the adapter;
 * - browsing: XRANGE over what the queue group has not acknowledged;
 * - transactions: sends and acknowledgements in one MULTI/EXEC at commit;
 * - deliveryCount: from the pending entries list (XPENDING).
 */
export const REDIS_CAPABILITIES: Capabilities = {
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
  deliveryCount: 'native',
};
