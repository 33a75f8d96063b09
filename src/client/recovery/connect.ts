import type { JMSException } from '../../api/exceptions.js';
import type { HostAddress, ProviderConnection } from '../../spi/provider.js';
import { connectToFirst, type Connector } from './link.js';
import { RecoveringConnection, type RecoveryHooks } from './recovering-connection.js';
import { hostLabel, hostOrder, type ReconnectSettings } from './settings.js';

export interface OpenOptions {
  readonly hosts: readonly HostAddress[];
  readonly settings: ReconnectSettings;
  readonly connector: Connector;
  readonly clientId: string | null;
  readonly hooks: RecoveryHooks;
}

/**
 * The provider connection a JMS connection runs on: one that recovers from losses (reconnect on),
 * or the adapter's own, whose loss is final (reconnect off). Either way the first connect tries
 * each host once, in order, and fails fast.
 */
export async function openProviderConnection(options: OpenOptions): Promise<{ provider: ProviderConnection; recovery: RecoveringConnection | null }> {
  const { settings, connector, clientId, hooks } = options;
  const hosts: (HostAddress | undefined)[] = options.hosts.length === 0 ? [undefined] : hostOrder(options.hosts, settings.randomize);
  if (settings.reconnect) {
    const recovery = await RecoveringConnection.open({ hosts, connector, settings, hooks, clientId });
    return { provider: recovery, recovery };
  }
  let host: HostAddress | undefined;
  const lost = (error: JMSException) => {
    hooks.status({ type: 'disconnected', host: hostLabel(host), attempt: 0, error });
    hooks.status({ type: 'failed', host: hostLabel(host), attempt: 0, error });
    hooks.failed(error);
  };
  const first = await connectToFirst(hosts, (candidate) =>
    connector(candidate, clientId, {
      lost,
      blocked: (blocked, reason) => hooks.status({ type: blocked ? 'blocked' : 'unblocked', host: hostLabel(candidate), attempt: 0, error: null, ...(reason !== null ? { reason } : {}) }),
    }),
  );
  host = hosts[first.index];
  return { provider: first.connection, recovery: null };
}
