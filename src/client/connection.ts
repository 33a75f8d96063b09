import { randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import { DEFAULT_REDELIVERY_POLICY, type RedeliveryPolicy } from '../api/redelivery.js';
import type { Connection, ConnectionMetaData, ExceptionListener } from '../api/connection.js';
import type { ConnectionRecoveryStats, ConnectionStatus } from '../api/connection-status.js';
import { AcknowledgeMode } from '../api/constants.js';
import type { Destination, DestinationKind } from '../api/destination.js';
import { IllegalArgumentException, IllegalStateException, InvalidClientIDException, InvalidDestinationException, JMSException } from '../api/exceptions.js';
import type { ProviderConnection } from '../spi/provider.js';
import type { Features } from './features.js';
import { currentListener } from './listener-context.js';
import type { RecoveringConnection, RecoveryHooks } from './recovery/recovering-connection.js';
import { StatusStream } from './recovery/status-stream.js';
import { ClientSession, type SessionOwner } from './session.js';
import { StartReminder } from './start-reminder.js';
import type { ClientTelemetry } from './telemetry/index.js';
import { ClientTemporaryQueue, ClientTemporaryTopic } from './temporary.js';

const VALID_MODES = new Set<number>(Object.values(AcknowledgeMode));

/** A JMS Connection over one provider connection. Starts stopped; close() is idempotent. */
export class ClientConnection implements Connection, SessionOwner {
  private readonly sessions = new Set<ClientSession>();
  private readonly temporaries = new Map<string, Destination>();
  private exceptionListener: ExceptionListener | null = null;
  private clientId: string | null;
  private clientIdFixed = false;
  private messageCounter = 0;
  private closing: Promise<void> | null = null;
  private readonly startReminder = new StartReminder();
  private readonly statusStream = new StatusStream();
  private recovery: RecoveringConnection | null = null;
  private losses = 0;
  started = false;
  closed = false;
  /** The connection was lost for good (reconnect off, or recovery gave up). */
  lost = false;
  /** Counts links to the broker: a message handed out on an older link is stale after a loss. */
  generation = 0;
  provider!: ProviderConnection;
  /** Logs, traces and metrics; null when none is configured (see ./telemetry). */
  telemetry: ClientTelemetry | null = null;

  /** What the provider connection below reports: losses, recoveries, status events. */
  readonly recoveryHooks: RecoveryHooks = {
    interrupted: () => this.interrupted(),
    failed: (error) => this.connectionLost(error),
    status: (event) => this.statusStream.emit({ ...event, time: Date.now() }),
  };

  constructor(
    readonly features: Features,
    readonly connectionId: string,
    clientId: string | null,
    readonly prefetch: number,
    /** The factory's redelivery policy; each consumer starts from it. */
    readonly redeliveryPolicy: RedeliveryPolicy = DEFAULT_REDELIVERY_POLICY,
  ) {
    this.clientId = clientId;
    this.clientIdFixed = clientId !== null;
  }

  static newId(): string {
    return randomUUID();
  }

  /** What printing a connection shows (JSON.stringify, util.inspect): never the credentials it was opened with. */
  toJSON(): Record<string, unknown> {
    return { adapter: this.features.adapter, connectionId: this.connectionId, clientId: this.clientId, started: this.started, closed: this.closed };
  }

  [inspect.custom](): string {
    return `ClientConnection ${inspect(this.toJSON())}`;
  }

  attach(provider: ProviderConnection, recovery: RecoveringConnection | null = null): void {
    this.provider = provider;
    this.recovery = recovery;
  }

  status(): AsyncIterable<ConnectionStatus> {
    return this.statusStream.iterate();
  }

  getRecoveryStats(): ConnectionRecoveryStats {
    return this.recovery?.recoveryStats ?? { losses: this.losses, reconnects: 0, resentSends: 0 };
  }

  /**
   * The link to the broker was lost and is being recovered: what was delivered on it is stale
   * (the broker gives it back, flagged redelivered), open transactions with work are doomed.
   */
  private interrupted(): void {
    this.generation++;
    for (const session of this.sessions) session.interrupted();
  }

  nextMessageId(): string {
    return `ID:${this.connectionId}:${++this.messageCounter}`;
  }

  checkOpen(): void {
    if (this.lost) throw new IllegalStateException('The connection to the broker was lost');
    if (this.closed) throw new IllegalStateException('The connection is closed');
  }

  getClientID(): string | null {
    return this.clientId;
  }

  async setClientID(clientId: string): Promise<void> {
    this.checkOpen();
    if (this.clientIdFixed) {
      throw new IllegalStateException('The client id can only be set once, before any other use of the connection');
    }
    if (typeof clientId !== 'string' || clientId === '') {
      throw new InvalidClientIDException('A client id must be a non-empty string');
    }
    await this.provider.setClientId(clientId);
    this.clientId = clientId;
    this.clientIdFixed = true;
  }

  getMetaData(): ConnectionMetaData {
    this.checkOpen();
    return {
      jmsVersion: '2.0',
      providerName: `jms-ts (${this.features.adapter})`,
      providerVersion: '0.1.0',
      jmsxPropertyNames: ['JMSXDeliveryCount', 'JMSXGroupID', 'JMSXGroupSeq'],
    };
  }

  getExceptionListener(): ExceptionListener | null {
    this.checkOpen();
    return this.exceptionListener;
  }

  setExceptionListener(listener: ExceptionListener | null): void {
    this.checkOpen();
    this.clientIdFixed = true;
    this.exceptionListener = listener;
  }

  /** Reports an asynchronous problem to the ExceptionListener (else the logger, else a process warning). */
  reportError(error: unknown): void {
    const jmsError = error instanceof JMSException ? error : new JMSException(String((error as Error)?.message ?? error), undefined, error);
    if (this.exceptionListener) {
      try {
        this.exceptionListener(jmsError);
      } catch {
        // An ExceptionListener that throws must not break delivery.
      }
    } else if (this.telemetry?.log.enabled('error')) {
      this.telemetry.log.error({ code: jmsError.code, err: jmsError }, jmsError.message); // the application's logger instead of a process warning
    } else {
      process.emitWarning(`jms-ts: ${jmsError.message}`, { code: jmsError.code });
    }
  }

  /** The provider lost the connection: fail everything that waits, then tell the application. */
  connectionLost(error: JMSException): void {
    if (this.lost || this.closed) return;
    this.lost = true;
    this.losses++;
    this.telemetry?.connectionLost(this.connectionId, error);
    this.started = false;
    for (const session of this.sessions) session.abandon(error);
    this.reportError(error);
  }

  async start(): Promise<void> {
    this.checkOpen();
    this.clientIdFixed = true;
    if (this.started) return;
    this.started = true;
    this.startReminder.cancel();
    for (const session of this.sessions) session.wakeConsumers();
  }

  async stop(): Promise<void> {
    this.checkOpen();
    if (currentListener()?.connection === this) {
      throw new IllegalStateException('A message listener cannot stop its own connection');
    }
    this.clientIdFixed = true;
    this.started = false;
    await Promise.all([...this.sessions].map((session) => session.listenerIdle()));
  }

  createSession(modeOrTransacted?: AcknowledgeMode | boolean, acknowledgeMode?: AcknowledgeMode): Promise<ClientSession> {
    return this.openSession(modeOrTransacted, acknowledgeMode);
  }

  private async openSession(modeOrTransacted?: AcknowledgeMode | boolean, acknowledgeMode?: AcknowledgeMode): Promise<ClientSession> {
    this.checkOpen();
    this.clientIdFixed = true;
    let mode: AcknowledgeMode;
    if (typeof modeOrTransacted === 'boolean') {
      mode = modeOrTransacted ? AcknowledgeMode.SESSION_TRANSACTED : (acknowledgeMode ?? AcknowledgeMode.AUTO_ACKNOWLEDGE);
    } else {
      mode = modeOrTransacted ?? AcknowledgeMode.AUTO_ACKNOWLEDGE;
    }
    if (!VALID_MODES.has(mode)) {
      throw new IllegalArgumentException(`Unknown session mode ${String(mode)}: use an AcknowledgeMode value`);
    }
    const transacted = mode === AcknowledgeMode.SESSION_TRANSACTED;
    if (transacted) this.features.require('transactions', 'transacted sessions');
    const provider = await this.provider.createSession({ transacted: transacted && this.features.isNative('transactions'), acknowledgeMode: mode });
    const session = new ClientSession(this, provider, mode);
    this.sessions.add(session);
    return session;
  }

  forgetSession(session: ClientSession): void {
    this.sessions.delete(session);
  }

  private hasActiveSubscription(name: string): boolean {
    for (const session of this.sessions) if (session.hasActiveSubscription(name)) return true;
    return false;
  }

  async unsubscribe(name: string): Promise<void> {
    if (this.hasActiveSubscription(name)) {
      throw new IllegalStateException(`Cannot unsubscribe "${name}" while a consumer of this connection is open on it`);
    }
    await this.provider.unsubscribe!(name);
  }

  /** A receive waits while the connection is stopped: remind the application, once, to start it. */
  waitingWhileStopped(stillWaiting: () => boolean): void {
    this.startReminder.waiting(stillWaiting);
  }

  // --- temporary destinations ---------------------------------------------------------------

  async createTemporary(kind: DestinationKind): Promise<Destination> {
    this.checkOpen();
    this.features.require(kind === 'queue' ? 'temporaryQueues' : 'temporaryTopics', `temporary ${kind}s`);
    const created = await this.provider.createTemporaryDestination!(kind);
    const destination = kind === 'queue' ? new ClientTemporaryQueue(created.name, this) : new ClientTemporaryTopic(created.name, this);
    this.temporaries.set(`${kind}:${created.name}`, destination);
    return destination;
  }

  ownsTemporary(destination: Destination): boolean {
    return this.temporaries.has(`${destination.kind}:${destination.name}`);
  }

  async deleteTemporary(destination: Destination): Promise<void> {
    this.checkOpen();
    if (!this.ownsTemporary(destination)) {
      throw new InvalidDestinationException(`Temporary ${destination.kind} ${destination.name} was not created by this connection or is already deleted`);
    }
    for (const session of this.sessions) {
      if (session.usesDestination(destination)) {
        throw new IllegalStateException(`Temporary ${destination.kind} ${destination.name} still has a consumer; close it first`);
      }
    }
    await this.provider.deleteTemporaryDestination!(destination);
    this.temporaries.delete(`${destination.kind}:${destination.name}`);
  }

  // --- closing ------------------------------------------------------------------------------

  close(): Promise<void> {
    if (currentListener()?.connection === this) {
      return Promise.reject(new IllegalStateException('A message listener cannot close its own connection'));
    }
    if (this.closing) return this.closing;
    this.closing = this.doClose();
    return this.closing;
  }

  private async doClose(): Promise<void> {
    this.started = false;
    this.startReminder.cancel();
    if (!this.lost) {
      try {
        for (const session of [...this.sessions]) await session.close();
      } catch (error) {
        // Lost while closing: what the broker did not answer is gone with the connection anyway.
        if (!this.lost) throw error;
      }
    }
    this.closed = true;
    this.statusStream.end();
    this.temporaries.clear();
    await this.provider.close().catch((error: unknown) => {
      if (!this.lost) throw error;
    });
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
