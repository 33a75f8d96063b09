import { adapterLogger, tlsConnectionOptions, type Provider, type ProviderConfig, type ProviderConnectOptions, type ProviderConnection } from '../../src/spi/public.js';
import type { StompEndpoint } from './client.js';
import { StompConnection } from './connection.js';
import { ACTIVEMQ, RABBITMQ, type StompDialect } from './dialect.js';

/** STOMP 1.2 through stompit: `stomp://` and `stomp+activemq://` (ActiveMQ), `stomp+rabbitmq://`. */
export class StompProvider implements Provider {
  readonly adapter: string;
  readonly capabilities;
  private readonly dialect: StompDialect;
  private readonly endpoint: StompEndpoint;

  constructor(private readonly config: ProviderConfig) {
    this.dialect = config.scheme === 'stomp+rabbitmq' ? RABBITMQ : ACTIVEMQ;
    this.adapter = this.dialect.adapter;
    this.capabilities = this.dialect.capabilities;
    // Parsed and checked by src/config against the descriptor's option specs (transformation: ActiveMQ only).
    const transformation = config.options.transformation as 'jms-json' | undefined;
    const host = config.hosts[0] ?? { host: '127.0.0.1', port: null };
    this.endpoint = {
      host: host.host,
      port: host.port ?? this.dialect.defaultPort,
      url: config.url,
      vhost: config.path === '' ? '/' : config.path,
      ...(config.username !== undefined ? { username: config.username } : {}),
      ...(config.password !== undefined ? { password: config.password } : {}),
      connectTimeout: config.options.connectTimeout as number,
      heartbeat: config.options.heartbeat as number,
      transformation: transformation ?? null,
      log: adapterLogger(config, 'stomp'),
      tls: null,
      limits: { maxFrameSize: config.options.maxFrameSize as number, maxHeaderSize: config.options.maxHeaderSize as number },
    };
  }

  async connect(options: ProviderConnectOptions): Promise<ProviderConnection> {
    const endpoint = options.host === undefined ? this.endpoint : { ...this.endpoint, host: options.host.host, port: options.host.port ?? this.dialect.defaultPort };
    // Read at each connect, so renewed certificates are picked up.
    const tls = await tlsConnectionOptions(this.config);
    return StompConnection.open(this.dialect, { ...endpoint, tls }, options);
  }
}
