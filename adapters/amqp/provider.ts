import amqp from 'amqplib';
import type { Provider, ProviderConfig, ProviderConnectOptions, ProviderConnection } from '../../src/spi/public.js';
import { adapterLogger, claimClientId, forwardEvents, tlsConnectionOptions, type ScopedLogger } from '../../src/spi/public.js';
import { AMQP_EVENTS } from './logging.js';
import { AMQP_CAPABILITIES } from './capabilities.js';
import { AmqpConnection } from './connection.js';
import { AMQPS } from './descriptor.js';
import { connectError } from './errors.js';

export { AMQP_CAPABILITIES };

/** RabbitMQ over AMQP 0-9-1: `amqp://user:pass@host:5672/vhost`, `amqps://…`. */
export class AmqpProvider implements Provider {
  readonly adapter = 'amqp';
  readonly capabilities = AMQP_CAPABILITIES;
  private readonly heartbeat: number | undefined;
  private readonly connectTimeout: number;
  private readonly log: ScopedLogger;

  constructor(private readonly config: ProviderConfig) {
    // Parsed and bounded by src/config against the descriptor's option specs.
    this.heartbeat = config.options.heartbeat as number | undefined;
    this.connectTimeout = config.options.connectTimeout as number;
    this.log = adapterLogger(config, 'amqp');
  }

  async connect(options: ProviderConnectOptions): Promise<ProviderConnection> {
    const { config } = this;
    const host = options.host ?? config.hosts[0] ?? { host: '127.0.0.1', port: null };
    const tls = await tlsConnectionOptions(config, AMQPS);
    const secure = tls !== null;
    const vhost = config.path === '' ? '/' : config.path;
    let model: amqp.ChannelModel;
    try {
      model = await amqp.connect(
        {
          protocol: secure ? 'amqps' : 'amqp',
          hostname: host.host,
          port: host.port ?? (secure ? 5671 : 5672),
          username: options.username ?? config.username ?? 'guest',
          password: options.password ?? config.password ?? 'guest',
          vhost,
          ...(this.heartbeat !== undefined ? { heartbeat: this.heartbeat } : {}),
          maxFrameSize: config.options.maxFrameSize as number,
        },
        {
          ...tls,
          timeout: this.connectTimeout,
          noDelay: true,
          // Shown by rabbitmqctl and the management UI, so an operator can tell connections apart.
          clientProperties: { connection_name: `jms-ts ${options.clientId ?? options.connectionId}` },
        },
      );
    } catch (error) {
      throw connectError(error, config.url, vhost, this.connectTimeout, secure);
    }
    forwardEvents(model, this.log, AMQP_EVENTS, { connectionId: options.connectionId });
    this.log.debug({ host: host.host, vhost, connectionId: options.connectionId }, 'AMQP connection open');
    const connection = new AmqpConnection(model, options, this.connectTimeout || 10000);
    await claimClientId(connection, options.clientId);
    return connection;
  }
}
