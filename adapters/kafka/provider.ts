import type { KafkaConfig, SASLOptions } from 'kafkajs';
import { tlsConnectionOptions, type Provider, type ProviderConfig, type ProviderConnectOptions, type ProviderConnection } from '../../src/spi/public.js';
import { KAFKA_CAPABILITIES, kafkaAdapterName, kafkaCapabilities } from './capabilities.js';
import { KafkaConnection } from './connection.js';
import { kafkaOptions, type KafkaTimeouts } from './options.js';
import { saslSettings } from './security.js';

export { KAFKA_CAPABILITIES };

/** `kafka://host:9092[,host2:9092]` through kafkajs. */
export class KafkaProvider implements Provider {
  readonly adapter: string;
  readonly capabilities;
  private readonly config: KafkaConfig;
  private readonly seen = new Map<string, bigint>();
  private readonly timeouts: KafkaTimeouts;

  constructor(private readonly provider: ProviderConfig) {
    ({ config: this.config, timeouts: this.timeouts } = kafkaOptions(provider));
    this.adapter = kafkaAdapterName(this.timeouts.queueMode);
    this.capabilities = kafkaCapabilities(this.timeouts.queueMode);
  }

  async connect(options: ProviderConnectOptions): Promise<ProviderConnection> {
    const sasl = saslSettings(this.provider, options);
    // Read at each connect, so renewed certificates are picked up.
    const ssl = await tlsConnectionOptions(this.provider);
    const config: KafkaConfig = { ...bootstrapFrom(this.config, options), ...(ssl !== null ? { ssl } : {}), ...(sasl !== undefined ? { sasl: sasl as SASLOptions } : {}) };
    return KafkaConnection.open(config, this.provider.url, options, this.seen, this.timeouts);
  }
}

/** The bootstrap list with the host the client layer chose first (kafkajs tries the rest itself). */
function bootstrapFrom(config: KafkaConfig, options: ProviderConnectOptions): KafkaConfig {
  if (options.host === undefined || !Array.isArray(config.brokers)) return config;
  const { host, port } = options.host;
  const first = `${host.includes(':') ? `[${host}]` : host}:${port ?? 9092}`;
  return { ...config, brokers: [first, ...config.brokers.filter((broker) => broker !== first)] };
}
