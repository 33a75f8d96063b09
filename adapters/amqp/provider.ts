import amqp from 'amqplib';
import { JMSException } from '../../src/api/exceptions.js';
import type { Capabilities } from '../../src/spi/capabilities.js';
import type { Provider, ProviderConfig, ProviderConnectOptions, ProviderConnection } from '../../src/spi/provider.js';
import { AmqpConnection } from './connection.js';
import { connectError } from './errors.js';

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

const DEFAULT_CONNECT_TIMEOUT_MS = 10000;

function integerOption(config: ProviderConfig, name: string): number | undefined {
  const text = config.options[name];
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new JMSException(`Option ${name} must be a non-negative integer, got "${text}" in "${config.url}"`, 'InvalidConfiguration');
  return Number(text);
}

/** RabbitMQ over AMQP 0-9-1: `amqp://user:pass@host:5672/vhost`, `amqps://…`. */
export class AmqpProvider implements Provider {
  readonly adapter = 'amqp';
  readonly capabilities = AMQP_CAPABILITIES;
  private readonly heartbeat: number | undefined;
  private readonly connectTimeout: number;

  constructor(private readonly config: ProviderConfig) {
    this.heartbeat = integerOption(config, 'heartbeat');
    this.connectTimeout = integerOption(config, 'connectTimeout') ?? DEFAULT_CONNECT_TIMEOUT_MS;
  }

  async connect(options: ProviderConnectOptions): Promise<ProviderConnection> {
    const { config } = this;
    const host = config.hosts[0] ?? { host: '127.0.0.1', port: null };
    const secure = config.scheme === 'amqps';
    const vhost = config.path === '' ? '/' : config.path;
    let model: amqp.ChannelModel;
    try {
      model = await amqp.connect(
        {
          protocol: config.scheme,
          hostname: host.host,
          port: host.port ?? (secure ? 5671 : 5672),
          username: options.username ?? config.username ?? 'guest',
          password: options.password ?? config.password ?? 'guest',
          vhost,
          ...(this.heartbeat !== undefined ? { heartbeat: this.heartbeat } : {}),
        },
        {
          timeout: this.connectTimeout,
          noDelay: true,
          // Shown by rabbitmqctl and the management UI, so an operator can tell connections apart.
          clientProperties: { connection_name: `jms-ts ${options.clientId ?? options.connectionId}` },
        },
      );
    } catch (error) {
      throw connectError(error, config.url, vhost);
    }
    const connection = new AmqpConnection(model, options);
    if (options.clientId !== null) {
      try {
        await connection.setClientId(options.clientId);
      } catch (error) {
        await connection.close();
        throw error;
      }
    }
    return connection;
  }
}
