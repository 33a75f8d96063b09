import { FeatureNotSupportedException, JMSException } from '../../src/api/exceptions.js';
import type { Provider, ProviderConfig, ProviderConnectOptions, ProviderConnection } from '../../src/spi/provider.js';
import { StompConnection, type StompEndpoint } from './connection.js';
import { ACTIVEMQ, RABBITMQ, type StompDialect } from './dialect.js';

const DEFAULT_CONNECT_TIMEOUT_MS = 10000;

/** STOMP 1.2 through stompit: `stomp://` and `stomp+activemq://` (ActiveMQ), `stomp+rabbitmq://`. */
export class StompProvider implements Provider {
  readonly adapter: string;
  readonly capabilities;
  private readonly dialect: StompDialect;
  private readonly endpoint: StompEndpoint;

  constructor(config: ProviderConfig) {
    this.dialect = config.scheme === 'stomp+rabbitmq' ? RABBITMQ : ACTIVEMQ;
    this.adapter = this.dialect.adapter;
    this.capabilities = this.dialect.capabilities;
    const timeout = config.options.connectTimeout;
    if (timeout !== undefined && !/^\d+$/.test(timeout)) {
      throw new JMSException(`Option connectTimeout must be a whole number of ms, got "${timeout}" in "${config.url}"`, 'InvalidConfiguration');
    }
    const transformation = config.options.transformation;
    if (transformation !== undefined && transformation !== 'jms-json') {
      throw new JMSException(`Option transformation takes only "jms-json", got "${transformation}" in "${config.url}"`, 'InvalidConfiguration');
    }
    if (transformation !== undefined && this.dialect !== ACTIVEMQ) {
      throw new FeatureNotSupportedException(this.dialect.adapter, 'the jms-json transformation', 'it is ActiveMQ\'s; RabbitMQ has no Java message types');
    }
    const host = config.hosts[0] ?? { host: '127.0.0.1', port: null };
    this.endpoint = {
      host: host.host,
      port: host.port ?? this.dialect.defaultPort,
      url: config.url,
      vhost: config.path === '' ? '/' : config.path,
      ...(config.username !== undefined ? { username: config.username } : {}),
      ...(config.password !== undefined ? { password: config.password } : {}),
      connectTimeout: timeout !== undefined ? Number(timeout) : DEFAULT_CONNECT_TIMEOUT_MS,
      transformation: transformation ?? null,
    };
  }

  connect(options: ProviderConnectOptions): Promise<ProviderConnection> {
    return StompConnection.open(this.dialect, this.endpoint, options);
  }
}
