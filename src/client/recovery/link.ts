import { ErrorCode } from '../../api/error-codes.js';
import { JMSException } from '../../api/exceptions.js';
import type { HostAddress, ProviderConnection } from '../../spi/provider.js';

/** What a provider connection reports about its link to the broker. */
export interface LinkEvents {
  lost(error: JMSException): void;
  blocked(blocked: boolean, reason: string | null): void;
}

/** Opens one provider connection to `host` (undefined for adapters without hosts) with this client id. */
export type Connector = (host: HostAddress | undefined, clientId: string | null, events: LinkEvents) => Promise<ProviderConnection>;

/** Whether an error means the link to the broker went away (rather than the call being refused). */
export function isLoss(error: unknown): boolean {
  return error instanceof JMSException && (error.code === ErrorCode.CONNECTION_LOST || error.code === ErrorCode.BROKER_UNAVAILABLE);
}

export function asJmsException(error: unknown): JMSException {
  if (error instanceof JMSException) return error;
  return new JMSException(String((error as Error)?.message ?? error), ErrorCode.CONNECTION_LOST, error);
}

/**
 * Connects to the first host that answers, trying them in order; fails with the last host's
 * error when none does. Returns the connection and the index of its host.
 */
export async function connectToFirst(
  hosts: readonly (HostAddress | undefined)[],
  open: (host: HostAddress | undefined) => Promise<ProviderConnection>,
): Promise<{ connection: ProviderConnection; index: number }> {
  let lastError: unknown = new JMSException('No host to connect to', ErrorCode.INVALID_CONFIGURATION);
  for (let index = 0; index < hosts.length; index++) {
    try {
      return { connection: await open(hosts[index]), index };
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

/** Closes a connection that is no longer used, without waiting for it or hearing its errors. */
export function closeQuietly(connection: { close(): Promise<void> }): void {
  try {
    connection.close().catch(() => undefined);
  } catch {
    // A provider that throws synchronously from close() is as done as one that rejects.
  }
}
