import { logLevel, type KafkaConfig } from 'kafkajs';
import { JMSException } from '../../src/api/exceptions.js';
import type { Capabilities } from '../../src/spi/capabilities.js';
import type { Provider, ProviderConfig, ProviderConnectOptions, ProviderConnection } from '../../src/spi/provider.js';
import { KafkaConnection } from './connection.js';
import { DEFAULT_SESSION_TIMEOUT } from './subscription.js';

/** kafkajs's default: how long a transaction may stay open before the broker aborts it. */
const DEFAULT_TRANSACTION_TIMEOUT = 60000;

/** Milliseconds, from the URL options `sessionTimeout` (consumer groups) and `transactionTimeout`. */
export interface KafkaTimeouts {
  readonly session: number;
  readonly transaction: number;
}

export const KAFKA_OPTIONS = ['sessionTimeout', 'transactionTimeout'] as const;

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

/** `kafka://host:9092[,host2:9092]` through kafkajs. */
export class KafkaProvider implements Provider {
  readonly adapter = 'kafka';
  readonly capabilities = KAFKA_CAPABILITIES;
  private readonly config: KafkaConfig;
  private readonly seen = new Map<string, bigint>();
  private readonly timeouts: KafkaTimeouts;

  constructor(private readonly provider: ProviderConfig) {
    this.config = {
      clientId: 'jms-ts',
      brokers: provider.hosts.map(({ host, port }) => `${host.includes(':') ? `[${host}]` : host}:${port ?? 9092}`),
      logLevel: logLevel.NOTHING,
      // A broker that is down fails createConnection within a few seconds instead of retrying forever.
      connectionTimeout: 3000,
      retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 1000 },
    };
    this.timeouts = {
      session: milliseconds(provider, 'sessionTimeout', DEFAULT_SESSION_TIMEOUT),
      transaction: milliseconds(provider, 'transactionTimeout', DEFAULT_TRANSACTION_TIMEOUT),
    };
  }

  connect(options: ProviderConnectOptions): Promise<ProviderConnection> {
    return KafkaConnection.open(this.config, this.provider.url, options, this.seen, this.timeouts);
  }
}

function milliseconds(provider: ProviderConfig, name: (typeof KAFKA_OPTIONS)[number], fallback: number): number {
  const text = provider.options[name];
  if (text === undefined) return fallback;
  if (!/^[1-9]\d*$/.test(text)) {
    throw new JMSException(`Option ${name} must be a positive number of milliseconds, got "${text}" in "${provider.url}"`, 'InvalidConfiguration');
  }
  return Number(text);
}
