import type { HostAddress } from '../../spi/provider.js';

/** How a connection recovers from a loss; the common URL options of the same names. */
export interface ReconnectSettings {
  /** Reconnect after a loss of an established connection (the first connect always fails fast). */
  readonly reconnect: boolean;
  /** The wait before the first attempt, in ms; it doubles with each further attempt. */
  readonly reconnectDelay: number;
  /** The longest wait between attempts, in ms. */
  readonly maxReconnectDelay: number;
  /** Give up (and tell the ExceptionListener) when not back within this many ms; 0 = never. */
  readonly reconnectTimeout: number;
  /** Try the hosts in a random order instead of the order given. */
  readonly randomize: boolean;
}

export const DEFAULT_RECONNECT: ReconnectSettings = {
  reconnect: true,
  reconnectDelay: 100,
  maxReconnectDelay: 5000,
  reconnectTimeout: 60000,
  randomize: false,
};

/**
 * After this many failed attempts to re-create one subscription (the broker may still hold the
 * old connection's consumer for a while), that subscription fails alone and the rest carries on.
 */
export const SUBSCRIPTION_RESTORE_ATTEMPTS = 5;

/** The wait before reconnect attempt `attempt` (1-based): exponential from reconnectDelay, capped. */
export function backoffDelay(settings: ReconnectSettings, attempt: number): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  return Math.min(settings.reconnectDelay * 2 ** exponent, Math.max(settings.maxReconnectDelay, settings.reconnectDelay));
}

/** The hosts in the order connects try them: as given, or shuffled once with `randomize`. */
export function hostOrder(hosts: readonly HostAddress[], randomize: boolean, random: () => number = Math.random): HostAddress[] {
  const order = [...hosts];
  if (!randomize) return order;
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** `host:port` for status events and messages ('' for no host). */
export function hostLabel(host: HostAddress | undefined): string {
  if (host === undefined) return '';
  const name = host.host.includes(':') ? `[${host.host}]` : host.host;
  return host.port === null ? name : `${name}:${host.port}`;
}
