import { Producer, type SessionCredentials } from 'rocketmq-client-nodejs';
import type { Provider, ProviderConfig, ProviderConnectOptions, ProviderConnection } from '../../src/spi/public.js';
import { claimClientId } from '../../src/spi/public.js';
import { RocketAdmin } from './admin.js';
import { ROCKETMQ_CAPABILITIES } from './capabilities.js';
import { RocketConnection } from './connection.js';
import { connectError } from './errors.js';
import { rocketOptions, type RocketOptions } from './options.js';

/** A topic no one creates: asking the proxy for its route proves the proxy answers (it says NOT_FOUND). */
const PROBE_TOPIC = 'jmsts-connect-probe';
const NOT_FOUND = 40402;

interface RouteProbe {
  getRouteData(topic: string): Promise<unknown>;
}

/** RocketMQ 5 through its gRPC proxy: `rocketmq://accessKey:secret@host:8081`. */
export class RocketProvider implements Provider {
  readonly adapter = 'rocketmq';
  readonly capabilities = ROCKETMQ_CAPABILITIES;
  private readonly options: RocketOptions;

  constructor(private readonly config: ProviderConfig) {
    this.options = rocketOptions(config);
  }

  async connect(options: ProviderConnectOptions): Promise<ProviderConnection> {
    const { config } = this;
    const host = config.hosts[0] ?? { host: '127.0.0.1', port: null };
    const endpoints = `${host.host}:${host.port ?? 8081}`;
    const accessKey = options.username ?? config.username;
    const secretKey = options.password ?? config.password;
    const credentials: SessionCredentials | undefined = accessKey !== undefined ? { accessKey, accessSecret: secretKey ?? '' } : undefined;
    const admin = new RocketAdmin(this.options.brokerHost, this.options.brokerPort, this.options.requestTimeout, credentials ? { accessKey: credentials.accessKey, secretKey: credentials.accessSecret } : null);
    const producer = new Producer({
      endpoints,
      namespace: '',
      requestTimeout: this.options.requestTimeout,
      logger: this.options.libraryLogger,
      ...(credentials ? { sessionCredentials: credentials } : {}),
    });
    try {
      await producer.startup();
      // The route call is the client's own (protected in its types); it is the one request that needs no topic.
      await (producer as unknown as RouteProbe).getRouteData(PROBE_TOPIC).catch((error: unknown) => {
        if ((error as { code?: unknown }).code !== NOT_FOUND) throw error;
      });
      await admin.groupsStartingWith(PROBE_TOPIC);
    } catch (error) {
      admin.close();
      await producer.shutdown().catch(() => undefined);
      throw connectError(error, config.url);
    }
    const connection = new RocketConnection(endpoints, producer, admin, this.options, credentials, options);
    await claimClientId(connection, options.clientId);
    return connection;
  }
}

export { ROCKETMQ_CAPABILITIES };
