import { inspect } from 'node:util';
import type { ConnectionFactory, ConnectionOptions, JMSContext } from '../api/connection.js';
import { AcknowledgeMode } from '../api/constants.js';
import { DEFAULT_REDELIVERY_POLICY, type RedeliveryPolicy } from '../api/redelivery.js';
import type { HostAddress, Provider } from '../spi/provider.js';
import { ClientConnection } from './connection.js';
import { ClientJMSContext } from './context.js';
import { Features } from './features.js';
import { openProviderConnection } from './recovery/connect.js';
import { DEFAULT_RECONNECT, type ReconnectSettings } from './recovery/settings.js';
import { watchConnection, type ClientTelemetry } from './telemetry/index.js';

export interface FactoryDefaults {
  clientId?: string;
  username?: string;
  password?: string;
  /** Most unacknowledged messages a consumer holds; default 1000. */
  prefetch?: number;
  /** How messages the application did not take come back, and when they are dead-lettered. */
  redeliveryPolicy?: RedeliveryPolicy;
  /** The URL's hosts, tried in order (each connect is given one); empty or absent: the adapter's own. */
  hosts?: readonly HostAddress[];
  /** Reconnect after a loss, and how; default: on, 100 ms to 5 s backoff, 60 s timeout. */
  reconnect?: ReconnectSettings;
  /** Logs, traces and metrics of this factory's connections (src/client/telemetry). */
  telemetry?: ClientTelemetry;
}

export const DEFAULT_PREFETCH = 1000;

/** The ConnectionFactory for one adapter; src/config builds it from a URL. */
export class ClientConnectionFactory implements ConnectionFactory {
  private readonly features: Features;

  constructor(
    private readonly provider: Provider,
    private readonly defaults: FactoryDefaults = {},
  ) {
    this.features = new Features(provider);
  }

  get adapter(): string {
    return this.provider.adapter;
  }

  /** What printing a factory shows (JSON.stringify, util.inspect): the password only as `***`. */
  toJSON(): Record<string, unknown> {
    const { clientId, username, password, prefetch } = this.defaults;
    return { adapter: this.adapter, clientId, username, ...(password !== undefined ? { password: '***' } : {}), prefetch };
  }

  [inspect.custom](): string {
    return `ConnectionFactory ${inspect(this.toJSON())}`;
  }

  get capabilities() {
    return this.provider.capabilities;
  }

  async createConnection(options: ConnectionOptions = {}): Promise<ClientConnection> {
    const clientId = options.clientId ?? this.defaults.clientId ?? null;
    const connection = new ClientConnection(this.features, ClientConnection.newId(), clientId, this.defaults.prefetch ?? DEFAULT_PREFETCH, this.defaults.redeliveryPolicy ?? DEFAULT_REDELIVERY_POLICY);
    const telemetry = (await this.defaults.telemetry?.ready()) ?? null;
    connection.telemetry = telemetry;
    const username = options.username ?? this.defaults.username;
    const password = options.password ?? this.defaults.password;
    const { provider, recovery } = await openProviderConnection({
      hosts: this.defaults.hosts ?? [],
      settings: this.defaults.reconnect ?? DEFAULT_RECONNECT,
      clientId,
      hooks: connection.recoveryHooks,
      connector: (host, currentClientId, events) =>
        this.provider.connect({
          connectionId: connection.connectionId,
          clientId: currentClientId,
          username,
          password,
          ...(host !== undefined ? { host } : {}),
          onConnectionLost: (error) => {
            telemetry?.linkLost(connection.connectionId, error);
            events.lost(error);
          },
          onBlocked: (blocked, reason) => events.blocked(blocked, reason),
        }),
    });
    connection.attach(telemetry === null ? provider : watchConnection(provider, telemetry, connection.connectionId, () => connection.lost), recovery);
    telemetry?.connectionOpened(connection.connectionId, clientId);
    return connection;
  }

  async createContext(sessionMode: AcknowledgeMode = AcknowledgeMode.AUTO_ACKNOWLEDGE, options: ConnectionOptions = {}): Promise<JMSContext> {
    const connection = await this.createConnection(options);
    try {
      return await ClientJMSContext.open(connection, sessionMode, { count: 1 });
    } catch (error) {
      await connection.close().catch(() => undefined);
      throw error;
    }
  }
}
