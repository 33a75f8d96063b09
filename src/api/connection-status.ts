import type { JMSException } from './exceptions.js';

/**
 * What happens to a connection's link to the broker, as `Connection.status()` reports it:
 * - `disconnected`: the link was lost (`error` says why); with reconnect on, recovery starts.
 * - `reconnecting`: attempt number `attempt` on `host` is about to start, after its backoff delay.
 * - `reconnected`: connected again to `host`; sessions, producers and consumers are re-created.
 * - `failed`: recovery gave up (reconnectTimeout passed, or reconnect is off); the
 *   ExceptionListener hears of it too, and the connection is unusable.
 * - `blocked` / `unblocked`: the broker stopped (or resumed) accepting messages from this
 *   connection, e.g. RabbitMQ under a memory or disk alarm; `reason` is the broker's text.
 */
export type ConnectionStatusType = 'disconnected' | 'reconnecting' | 'reconnected' | 'failed' | 'blocked' | 'unblocked';

/** One status event; see ConnectionStatusType. */
export interface ConnectionStatus {
  readonly type: ConnectionStatusType;
  /** `host:port` the event concerns ('' when the adapter has no hosts, as memory://). */
  readonly host: string;
  /** The reconnect attempt (1 for the first after a loss); 0 where no attempt is meant. */
  readonly attempt: number;
  /** Why the link was lost, the last attempt failed, or recovery gave up; null otherwise. */
  readonly error: JMSException | null;
  /** `reconnected`: milliseconds from the loss until everything was re-created. */
  readonly downtimeMs?: number;
  /** `blocked`: the broker's reason. */
  readonly reason?: string;
  /** When it happened (Date.now()). */
  readonly time: number;
}

/** Counters of a connection's recoveries since it was created. */
export interface ConnectionRecoveryStats {
  /** Times the link to the broker was lost. */
  readonly losses: number;
  /** Times the connection recovered (every session, producer and consumer re-created). */
  readonly reconnects: number;
  /**
   * Sends re-sent after a loss because the broker's confirmation never arrived: each may have
   * reached the broker twice, so a consumer may see that message twice (not flagged redelivered).
   */
  readonly resentSends: number;
}
