import { createClient } from 'redis';
import type { Capabilities } from '../../src/spi/capabilities.js';
import type { Provider, ProviderConfig, ProviderConnectOptions, ProviderConnection } from '../../src/spi/provider.js';
import { RedisConnection, type Client } from './connection.js';
import { connectError } from './errors.js';
import { databaseOf, redisOptions, type RedisOptions } from './options.js';

/**
 * What Redis Streams give natively, what the client layer adds, and what is refused. The reasons:
 * - queues, topics, durable and shared subscriptions: consumer groups (see subscription-groups.ts);
 * - persistentDelivery: as durable as the server's AOF/RDB settings make every write;
 * - priority, deliveryDelay: a stream has one order and no scheduled entries; holding messages in
 *   the client would pin them to one consumer past the reclaim idle time;
 * - timeToLive: the client layer drops (and acknowledges) an entry that expired;
 * - queueSelectors: a group member cannot skip entries meant for the others;
 * - topicSelectors, noLocal: faithful in the client, since each subscription has its own group;
 * - temporaryQueues, temporaryTopics: ordinary streams under `jms:tmp:`, deleted by the adapter;
 * - browsing: XRANGE over what the queue group has not acknowledged;
 * - transactions: sends and acknowledgements in one MULTI/EXEC at commit;
 * - deliveryCount: from the pending entries list (XPENDING).
 */
export const REDIS_CAPABILITIES: Capabilities = {
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
  deliveryCount: 'native',
};

/** Redis Streams through node-redis: `redis://user:pass@host:6379/db`, `rediss://…` for TLS. */
export class RedisProvider implements Provider {
  readonly adapter = 'redis';
  readonly capabilities = REDIS_CAPABILITIES;
  private readonly options: RedisOptions;
  private readonly database: number;

  constructor(private readonly config: ProviderConfig) {
    this.options = redisOptions(config);
    this.database = databaseOf(config);
  }

  async connect(options: ProviderConnectOptions): Promise<ProviderConnection> {
    const { config } = this;
    const host = config.hosts[0] ?? { host: '127.0.0.1', port: null };
    const username = options.username ?? config.username;
    const password = options.password ?? config.password;
    const client = createClient({
      RESP: 2,
      socket: {
        host: host.host,
        port: host.port ?? 6379,
        connectTimeout: this.options.connectTimeout,
        // A lost connection is reported to the application (ExceptionListener), never hidden behind retries.
        reconnectStrategy: false,
        ...(config.scheme === 'rediss' ? { tls: true as const, servername: host.host } : { tls: false as const }),
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
      throw connectError(error, config.url);
    }
    const connection = new RedisConnection(client, this.options, options);
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
