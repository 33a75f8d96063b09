import type { Capabilities } from '../../src/spi/public.js';

/** The reference broker does everything itself; persistence lasts as long as the process. */
export const MEMORY_CAPABILITIES: Capabilities = {
  queues: 'native',
  topics: 'native',
  persistentDelivery: 'emulated',
  priority: 'native',
  timeToLive: 'native',
  deliveryDelay: 'native',
  queueSelectors: 'native',
  topicSelectors: 'native',
  durableSubscriptions: 'native',
  sharedSubscriptions: 'native',
  noLocal: 'native',
  temporaryQueues: 'native',
  temporaryTopics: 'native',
  browsing: 'native',
  transactions: 'native',
  deliveryCount: 'native',
};
