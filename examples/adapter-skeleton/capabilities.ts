import type { Capabilities } from '../../src/spi/public.js';

export const SKELETON_ADAPTER = 'skeleton';

/**
 * What this adapter's broker gives (`native`), what it leaves to the client layer (`emulated`:
 * the client layer does it over the plain SPI calls), and what it refuses (`unsupported`: the
 * client layer throws FeatureNotSupportedException before calling the provider). See
 * docs/writing-an-adapter.md for what each value makes the client layer call.
 */
export const SKELETON_CAPABILITIES: Capabilities = {
  queues: 'native',
  topics: 'native',
  persistentDelivery: 'emulated', // kept as long as the process lives, like the embedded broker
  priority: 'unsupported',
  timeToLive: 'emulated', // the client layer drops expired messages on delivery and browse
  deliveryDelay: 'unsupported',
  queueSelectors: 'unsupported',
  topicSelectors: 'emulated', // the client layer filters (and acknowledges) a subscription's messages
  durableSubscriptions: 'unsupported',
  sharedSubscriptions: 'unsupported',
  noLocal: 'emulated', // the client layer compares Envelope.connectionId, which this broker keeps
  temporaryQueues: 'unsupported',
  temporaryTopics: 'unsupported',
  browsing: 'native',
  transactions: 'emulated', // the client layer holds sends and acks until commit: no commit/rollback calls
  deliveryCount: 'emulated', // the client layer counts; Delivery.deliveryCount is null
};

