import type { ConnectionRecoveryStats, ConnectionStatus } from '../../api/connection-status.js';
import type { Destination, DestinationKind } from '../../api/destination.js';
import { ErrorCode } from '../../api/error-codes.js';
import { IllegalStateException, JMSException } from '../../api/exceptions.js';
import type { HostAddress, ProviderConnection, ProviderSession, ProviderSessionOptions } from '../../spi/provider.js';
import { asJmsException, closeQuietly, connectToFirst, isLoss, type Connector } from './link.js';
import { RecoveringSession } from './recovering-session.js';
import { backoffDelay, hostLabel, type ReconnectSettings } from './settings.js';

/** What the recovering connection tells the JMS connection above it. */
export interface RecoveryHooks {
  /** The link was lost and recovery starts: drop what belongs to the old link (called synchronously). */
  interrupted(error: JMSException): void;
  /** Recovery gave up: the connection is lost for good. */
  failed(error: JMSException): void;
  status(event: Omit<ConnectionStatus, 'time'>): void;
}

export interface RecoveringConnectionOptions {
  /** The hosts in the order to try them; `[undefined]` for an adapter without hosts. */
  readonly hosts: readonly (HostAddress | undefined)[];
  readonly connector: Connector;
  readonly settings: ReconnectSettings;
  readonly hooks: RecoveryHooks;
  readonly clientId: string | null;
}

interface Waiting {
  readonly promise: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

function waiting(): Waiting {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined); // nobody may be waiting when recovery gives up
  return { promise, resolve, reject };
}

/**
 * A provider connection that survives the loss of the link to the broker: it reconnects with
 * backoff (moving on through the host list), re-creates its sessions and their subscriptions on
 * the new link, and holds calls made meanwhile until the link is back. `generation` counts links:
 * whatever came from an older one (deliveries, in-flight calls) is stale.
 */
export class RecoveringConnection implements ProviderConnection {
  generation = 0;
  private current: ProviderConnection | null = null;
  readonly sessions = new Set<RecoveringSession>();
  private back: Waiting | null = null;
  private failure: JMSException | null = null;
  private closed = false;
  private recovering = false;
  private hostIndex = 0;
  private lostAt = 0;
  private readonly lossListeners = new Set<(error: JMSException) => void>();
  private cancelPause: (() => void) | null = null;
  private clientId: string | null;
  private stats = { losses: 0, reconnects: 0, resentSends: 0 };

  private constructor(private readonly options: RecoveringConnectionOptions) {
    this.clientId = options.clientId;
  }

  /** Connects to the first host that answers (failing fast, as without reconnect). */
  static async open(options: RecoveringConnectionOptions): Promise<RecoveringConnection> {
    const connection = new RecoveringConnection(options);
    const first = await connectToFirst(options.hosts, (host) => connection.connectTo(host));
    connection.current = first.connection;
    connection.hostIndex = first.index;
    return connection;
  }

  get recoveryStats(): ConnectionRecoveryStats {
    return { ...this.stats };
  }

  countResend(): void {
    this.stats.resentSends++;
  }

  private get host(): HostAddress | undefined {
    return this.options.hosts[this.hostIndex];
  }

  private connectTo(host: HostAddress | undefined): Promise<ProviderConnection> {
    const generation = this.generation;
    return this.options.connector(host, this.clientId, {
      lost: (error) => this.lost(generation, error),
      blocked: (blocked, reason) =>
        this.options.hooks.status({ type: blocked ? 'blocked' : 'unblocked', host: hostLabel(host), attempt: 0, error: null, ...(reason !== null ? { reason } : {}) }),
    });
  }

  /** The link of `generation` was lost: everything of it is stale from now on, and recovery starts. */
  lost(generation: number, error: JMSException): void {
    if (this.closed || generation !== this.generation || this.failure !== null) return;
    this.generation++;
    const dead = this.current;
    this.current = null;
    this.back ??= waiting();
    this.stats.losses++;
    if (!this.recovering) this.lostAt = Date.now();
    for (const session of this.sessions) session.interrupted();
    for (const listener of [...this.lossListeners]) listener(error);
    this.options.hooks.status({ type: 'disconnected', host: hostLabel(this.host), attempt: 0, error });
    this.options.hooks.interrupted(error);
    if (dead !== null) closeQuietly(dead);
    if (!this.recovering) void this.recover(error);
  }

  private async recover(cause: JMSException): Promise<void> {
    this.recovering = true;
    const { settings, hooks, hosts } = this.options;
    let lastError = cause;
    let attempt = 0;
    try {
      while (!this.closed) {
        attempt++;
        const delay = backoffDelay(settings, attempt);
        if (settings.reconnectTimeout > 0 && Date.now() + delay - this.lostAt > settings.reconnectTimeout) break;
        this.hostIndex = (this.hostIndex + 1) % hosts.length;
        const host = this.host;
        hooks.status({ type: 'reconnecting', host: hostLabel(host), attempt, error: attempt > 1 ? lastError : null });
        await this.pause(delay);
        if (this.closed) return;
        const generation = this.generation;
        let fresh: ProviderConnection | null = null;
        try {
          fresh = await this.connectTo(host);
          if (this.closed || generation !== this.generation) {
            closeQuietly(fresh);
            continue;
          }
          this.current = fresh;
          for (const session of [...this.sessions]) await session.restore(fresh, generation, attempt);
          if (generation !== this.generation) continue; // lost again while re-creating
        } catch (error) {
          lastError = asJmsException(error);
          if (fresh !== null && generation === this.generation) this.invalidate(fresh, lastError);
          continue;
        }
        this.stats.reconnects++;
        hooks.status({ type: 'reconnected', host: hostLabel(host), attempt, error: null, downtimeMs: Date.now() - this.lostAt });
        const back = this.back;
        this.back = null;
        back?.resolve();
        return;
      }
      if (this.closed) return;
      const seconds = settings.reconnectTimeout / 1000;
      this.giveUp(new JMSException(`The connection to the broker was lost and could not be recovered within reconnectTimeout (${seconds} s): ${lastError.message}`, ErrorCode.CONNECTION_LOST, lastError));
    } finally {
      this.recovering = false;
    }
  }

  /** A reconnect got part-way (re-creating failed): what it made is stale, and the next attempt starts over. */
  private invalidate(fresh: ProviderConnection, error: JMSException): void {
    this.generation++;
    this.current = null;
    for (const session of this.sessions) session.interrupted();
    this.options.hooks.interrupted(error);
    closeQuietly(fresh);
  }

  private giveUp(error: JMSException): void {
    this.failure = error;
    this.back?.reject(error);
    this.back = null;
    this.options.hooks.status({ type: 'failed', host: hostLabel(this.host), attempt: 0, error });
    this.options.hooks.failed(error);
  }

  private pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.cancelPause = done;
    }).finally(() => (this.cancelPause = null));
  }

  /** The live link, once it is back (or at once); rejects when recovery gave up or the connection closed. */
  whenConnected(): Promise<ProviderConnection> {
    if (this.closed) return Promise.reject(new IllegalStateException('The connection is closed'));
    if (this.failure !== null) return Promise.reject(this.failure);
    if (this.current !== null && this.back === null) return Promise.resolve(this.current);
    return this.back!.promise.then(() => this.whenConnected());
  }

  /**
   * `work`, unless the link is lost first: then it rejects with the loss, so a call stuck on a
   * dead link (a close, a commit, a send whose confirmation never comes) does not hang.
   */
  raceLoss<T>(work: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const onLoss = (error: JMSException) => reject(error);
      this.lossListeners.add(onLoss);
      work.then(
        (value) => {
          this.lossListeners.delete(onLoss);
          resolve(value);
        },
        (error: unknown) => {
          this.lossListeners.delete(onLoss);
          reject(error);
        },
      );
    });
  }

  /**
   * Runs `work` on the live link; if the link is lost before it finished, runs it again on the
   * next one. For calls that are safe to repeat (declarations, subscriptions).
   */
  async withConnection<T>(work: (connection: ProviderConnection) => Promise<T>): Promise<T> {
    for (;;) {
      const connection = await this.whenConnected();
      const generation = this.generation;
      try {
        const result = await this.raceLoss(work(connection));
        if (generation === this.generation) return result;
      } catch (error) {
        this.checkFailure(error, generation);
      }
    }
  }

  /** A call failed: rethrow unless the link was lost (reported now if the adapter has not yet). */
  checkFailure(error: unknown, generation: number): void {
    if (generation === this.generation && !isLoss(error)) throw error;
    if (generation === this.generation) this.lost(generation, asJmsException(error));
  }

  // --- ProviderConnection ---------------------------------------------------------------------

  async setClientId(clientId: string): Promise<void> {
    await this.withConnection((connection) => connection.setClientId(clientId));
    this.clientId = clientId;
  }

  async createSession(options: ProviderSessionOptions): Promise<ProviderSession> {
    const session = new RecoveringSession(this, options);
    await session.open();
    this.sessions.add(session);
    return session;
  }

  createTemporaryDestination(kind: DestinationKind): Promise<Destination> {
    return this.withConnection((connection) => connection.createTemporaryDestination!(kind));
  }

  deleteTemporaryDestination(destination: Destination): Promise<void> {
    return this.withConnection((connection) => connection.deleteTemporaryDestination!(destination));
  }

  unsubscribe(name: string): Promise<void> {
    return this.withConnection((connection) => connection.unsubscribe!(name));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.cancelPause?.();
    this.back?.reject(new IllegalStateException('The connection was closed while it was being recovered'));
    this.back = null;
    const current = this.current;
    this.current = null;
    if (current !== null) {
      await this.raceLoss(current.close()).catch((error: unknown) => {
        if (!isLoss(error)) throw error;
      });
    }
  }
}
