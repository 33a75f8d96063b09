import { logLevel, type KafkaConfig } from 'kafkajs';
import type { Provider, ProviderConfig, ProviderConnectOptions, ProviderConnection } from '../../src/spi/public.js';
import { KAFKA_CAPABILITIES } from './capabilities.js';
import { KafkaConnection } from './connection.js';

/** Milliseconds, from the URL options `sessionTimeout` (consumer groups) and `transactionTimeout`. */
export interface KafkaTimeouts {
  readonly session: number;
  readonly transaction: number;
}

export { KAFKA_CAPABILITIES };

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
    // Parsed, bounded and defaulted by src/config against the descriptor's option specs.
    this.timeouts = {
      session: provider.options.sessionTimeout as number,
      transaction: provider.options.transactionTimeout as number,
    };
  }

  connect(options: ProviderConnectOptions): Promise<ProviderConnection> {
    return KafkaConnection.open(this.config, this.provider.url, options, this.seen, this.timeouts);
  }
}
