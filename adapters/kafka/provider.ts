import { logLevel, type KafkaConfig } from 'kafkajs';
import type { Capabilities } from '../../src/spi/capabilities.js';
import type { Provider, ProviderConfig, ProviderConnectOptions, ProviderConnection } from '../../src/spi/provider.js';
import { KafkaConnection } from './connection.js';

/**
 * Kafka is a log, not a queue broker. Native: queues and topics (through consumer groups, see
 * names.ts), persistence, durable and shared subscriptions. In the client, where faithful: expiry on
 * receive, selectors and noLocal on a subscriber's own group, transactions (buffered until commit,
 * not atomic if the connection fails mid-commit), delivery counts (within one process), temporary
 * destinations (ordinary topics under jmsts.tmp.). Refused: priority (a log has one order), delivery
 * delay, selectors on queues and browsing.
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
  browsing: 'unsupported',
  transactions: 'emulated',
  deliveryCount: 'emulated',
};

/** `kafka://host:9092[,host2:9092]` through kafkajs. */
export class KafkaProvider implements Provider {
  readonly adapter = 'kafka';
  readonly capabilities = KAFKA_CAPABILITIES;
  private readonly config: KafkaConfig;
  private readonly seen = new Map<string, bigint>();

  constructor(private readonly provider: ProviderConfig) {
    this.config = {
      clientId: 'jms-ts',
      brokers: provider.hosts.map(({ host, port }) => `${host.includes(':') ? `[${host}]` : host}:${port ?? 9092}`),
      logLevel: logLevel.NOTHING,
      // A broker that is down fails createConnection within a few seconds instead of retrying forever.
      connectionTimeout: 3000,
      retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 1000 },
    };
  }

  connect(options: ProviderConnectOptions): Promise<ProviderConnection> {
    return KafkaConnection.open(this.config, this.provider.url, options, this.seen);
  }
}
