import type { Capabilities } from '../../src/spi/public.js';

/**
 * What RabbitMQ does natively, what the client layer adds, and what is refused. The reasons:
 * - deliveryDelay: RabbitMQ has none without a plugin; holding messages in the client would not be faithful.
 * - queueSelectors, browsing: AMQP 0-9-1 cannot skip or peek at messages of a shared queue.
 * - topicSelectors, noLocal: faithful in the client, since each subscription has its own queue.
 * - transactions: amqplib exposes no tx.select; the client buffers sends and acknowledgements and
 *   performs them at commit (each send confirmed), which is not atomic if the connection fails mid-commit.
 * - deliveryCount: classic queues only flag a redelivery; the client counts (quorum queues count natively).
 */
export const AMQP_CAPABILITIES: Capabilities = {
  queues: 'native',
  topics: 'native',
  persistentDelivery: 'native',
  priority: 'native',
  timeToLive: 'native',
  deliveryDelay: 'unsupported',
  queueSelectors: 'unsupported',
  topicSelectors: 'emulated',
  durableSubscriptions: 'native',
  sharedSubscriptions: 'native',
  noLocal: 'emulated',
  temporaryQueues: 'native',
  temporaryTopics: 'native',
  browsing: 'unsupported',
  transactions: 'emulated',
  deliveryCount: 'emulated',
};
