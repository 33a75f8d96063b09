import { createClient } from '@redis/client';
import type { Provider, ProviderConfig, ProviderConnectOptions, ProviderConnection } from '../../src/spi/public.js';
import { adapterLogger, claimClientId, forwardEvents, sniFor, tlsConnectionOptions, type LoggedEvent, type ScopedLogger } from '../../src/spi/public.js';
import { REDIS_CAPABILITIES } from './capabilities.js';
import { RedisConnection, type Client } from './connection.js';
import { REDISS } from './descriptor.js';
import { connectError } from './errors.js';
import { databaseOf, redisOptions, type RedisOptions } from './options.js';

/** node-redis's client events, as the adapter logs them (the client layer reports the loss itself). */
const REDIS_EVENTS: Readonly<Record<string, LoggedEvent>> = {
  error: { level: 'error', message: 'node-redis client error' },
  end: { level: 'info', message: 'node-redis connection ended' },
  reconnecting: { level: 'info', message: 'node-redis reconnecting' },
};

/** Redis Streams through node-redis: `redis://user:pass@host:6379/db`, `rediss://…` for TLS. */
export class RedisProvider implements Provider {
  readonly adapter = 'redis';
  readonly capabilities = REDIS_CAPABILITIES;
  private readonly options: RedisOptions;
  private readonly database: number;
  private readonly log: ScopedLogger;

  constructor(private readonly config: ProviderConfig) {
    this.options = redisOptions(config);
    this.database = databaseOf(config);
    this.log = adapterLogger(config, 'redis');
  }

  async connect(options: ProviderConnectOptions): Promise<ProviderConnection> {
    const { config } = this;
    const host = options.host ?? config.hosts[0] ?? { host: '127.0.0.1', port: null };
    const username = options.username ?? config.username;
    const password = options.password ?? config.password;
    // Read at each connect, so renewed certificates are picked up.
    const tls = await tlsConnectionOptions(config, REDISS);
    const client = createClient({
      RESP: 2,
      socket: {
        host: host.host,
        port: host.port ?? 6379,
        connectTimeout: this.options.connectTimeout,
        // A lost connection is reported to the application (ExceptionListener), never hidden behind retries.
        reconnectStrategy: false,
        ...(tls !== null ? { ...sniFor(host.host), ...tls, tls: true as const } : { tls: false as const }),
      },
      ...(username !== undefined ? { username } : {}),
      ...(password !== undefined ? { password } : {}),
      database: this.database,
      disableOfflineQueue: true,
      name: `jms-ts:${options.clientId ?? options.connectionId}`,
    }) as unknown as Client;
    client.on('error', () => undefined); // connect() rejects with it; afterwards the connection listens
    try {
      await client.connect();
    } catch (error) {
      client.destroy();
      throw connectError(error, config.url, tls !== null);
    }
    forwardEvents(client, this.log, REDIS_EVENTS, { connectionId: options.connectionId });
    this.log.debug({ host: host.host, database: this.database, connectionId: options.connectionId }, 'Redis connection open');
    const connection = new RedisConnection(client, this.options, options);
    await claimClientId(connection, options.clientId);
    return connection;
  }
}

export { REDIS_CAPABILITIES };
