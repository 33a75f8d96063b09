import { ErrorCode } from '../api/error-codes.js';
import type { MessageConsumer, MessageProducer, QueueBrowser, Session, TopicSubscriber } from '../api/connection.js';
import { AcknowledgeMode } from '../api/constants.js';
import type { Destination, DestinationKind, Queue, Topic } from '../api/destination.js';
import { IllegalStateException, InvalidDestinationException, JMSException, TransactionRolledBackException } from '../api/exceptions.js';
import type { Message } from '../api/message.js';
import type { RedeliveryPolicy } from '../api/redelivery.js';
import { compileSelector } from '../selector/index.js';
import type { ProviderSession } from '../spi/provider.js';
import { AckLedger } from './ack-ledger.js';
import { ClientBrowser } from './browser.js';
import { ClientConsumer } from './consumer.js';
import { receivedMessage } from './hand-out.js';
import type { Features } from './features.js';
import type { BrowserHost, ConsumerHost, ProducerHost, SessionConsumer } from './hosts.js';
import { currentListener } from './listener-context.js';
import { ListenerPump } from './listener-pump.js';
import type { PendingDelivery } from './pending-delivery.js';
import { ClientProducer } from './producer.js';
import type { SendSettings } from './send-settings.js';
import { SessionFactory } from './session-factory.js';
import { browserHost, producerHost } from './session-hosts.js';
import { AsyncSends } from './async-sends.js';
import { checkDestination, planSubscription, type SubscriptionRequest } from './subscription-plan.js';
import { transactionFor, type SessionTransaction } from './transaction.js';
import type { ClientTelemetry } from './telemetry/index.js';

/** What a session needs of its connection. */
export interface SessionOwner {
  readonly features: Features;
  readonly connectionId: string;
  readonly prefetch: number;
  readonly redeliveryPolicy: RedeliveryPolicy;
  readonly started: boolean;
  readonly lost: boolean;
  readonly telemetry: ClientTelemetry | null;
  /** Counts links to the broker (see ClientConnection.generation). */
  readonly generation: number;
  checkOpen(): void;
  getClientID(): string | null;
  reportError(error: unknown): void;
  nextMessageId(): string;
  ownsTemporary(destination: Destination): boolean;
  createTemporary(kind: DestinationKind): Promise<Destination>;
  /** Removes a durable subscription, unless a consumer of the connection is open on it. */
  unsubscribe(name: string): Promise<void>;
  waitingWhileStopped(stillWaiting: () => boolean): void;
  forgetSession(session: ClientSession): void;
}

/**
 * A JMS Session: the factory for messages, destinations, producers, consumers and browsers, and
 * the coordinator of acknowledgement (AckLedger), transactions (SessionTransaction) and listener
 * dispatch (ListenerPump).
 */
export class ClientSession extends SessionFactory implements Session {
  private readonly consumers = new Set<ClientConsumer>();
  private readonly producers = new Set<ClientProducer>();
  private readonly browsers = new Set<ClientBrowser>();
  private readonly ledger: AckLedger;
  private readonly transaction: SessionTransaction;
  private readonly pump: ListenerPump;
  private readonly asyncSends = new AsyncSends();
  private closing: Promise<void> | null = null;
  /** The link was lost while the transaction had work: commit() must roll back and say so. */
  private transactionLost = false;
  closed = false;

  private readonly producerHost: ProducerHost;
  private readonly consumerHost: ConsumerHost;
  private readonly browserHost: BrowserHost;

  constructor(
    protected readonly connection: SessionOwner,
    private readonly provider: ProviderSession,
    private readonly mode: AcknowledgeMode,
  ) {
    super();
    this.ledger = new AckLedger({
      provider,
      mode,
      nativeTransaction: mode === AcknowledgeMode.SESSION_TRANSACTED && connection.features.isNative('transactions'),
      reportError: (error) => connection.reportError(error),
      telemetry: connection.telemetry,
    });
    this.transaction = transactionFor(mode, connection.features, provider, this.ledger);
    const session = this;
    this.pump = new ListenerPump({
      get running() { return session.running; },
      handOut: (consumer, pending) => this.handOut(consumer, pending, true),
      listenerFinished: (consumer, pending, _message, failure) => this.ledger.listenerFinished(consumer, pending, failure),
      scope: (consumer) => ({ connection, session: this, consumer }),
      telemetry: connection.telemetry,
    });
    const checkOpen = () => this.checkOpen();
    this.producerHost = producerHost(connection, checkOpen, this.transaction, this.asyncSends, this.producers);
    this.consumerHost = {
      get started() { return connection.started; },
      get lost() { return connection.lost; },
      checkOpen: () => this.checkOpen(),
      handOut: (consumer, pending, forListener) => this.handOut(consumer, pending, forListener),
      discard: (pending) => this.ledger.discard(pending),
      reportError: (error) => connection.reportError(error),
      listenerReady: () => this.pump.kick(),
      listenerIdle: (consumer) => this.listenerIdle(consumer),
      waitingWhileStopped: (stillWaiting) => connection.waitingWhileStopped(stillWaiting),
      consumerClosed: (consumer) => {
        this.ledger.consumerClosed(consumer);
        this.consumers.delete(consumer as ClientConsumer);
        this.pump.setConsumers([...this.consumers]);
      },
    };
    this.browserHost = browserHost(connection, checkOpen, provider, this.browsers);
  }

  private get features(): Features {
    return this.connection.features;
  }

  private get running(): boolean {
    return !this.closed && this.connection.started;
  }

  override checkOpen(): void {
    if (this.closed) throw new IllegalStateException('The session is closed');
    this.connection.checkOpen();
  }

  getTransacted(): boolean {
    this.checkOpen();
    return this.transaction.transacted;
  }

  getAcknowledgeMode(): AcknowledgeMode {
    this.checkOpen();
    return this.mode;
  }

  // --- producers, consumers, browsers -------------------------------------------------------

  async createProducer(destination: Destination | null): Promise<MessageProducer> {
    return this.openProducer(destination);
  }

  /** A producer whose settings may be shared (JMSContext's JMSProducer keeps one). */
  openProducer(destination: Destination | null, settings?: SendSettings): ClientProducer {
    this.checkOpen();
    if (destination !== null && destination !== undefined) checkDestination(destination);
    const producer = new ClientProducer(this.producerHost, destination ?? null, settings);
    this.producers.add(producer);
    return producer;
  }

  createConsumer(destination: Destination, selector: string | null = null, noLocal = false): Promise<MessageConsumer> {
    return this.openConsumer({ destination, selector, noLocal, subscriptionName: null, durable: false, shared: false });
  }

  async createDurableSubscriber(topic: Topic, name: string, selector: string | null = null, noLocal = false): Promise<TopicSubscriber> {
    return this.openConsumer({ destination: topic, selector, noLocal, subscriptionName: name, durable: true, shared: false });
  }

  createDurableConsumer(topic: Topic, name: string, selector: string | null = null, noLocal = false): Promise<MessageConsumer> {
    return this.openConsumer({ destination: topic, selector, noLocal, subscriptionName: name, durable: true, shared: false });
  }

  createSharedConsumer(topic: Topic, name: string, selector: string | null = null): Promise<MessageConsumer> {
    return this.openConsumer({ destination: topic, selector, noLocal: false, subscriptionName: name, durable: false, shared: true });
  }

  createSharedDurableConsumer(topic: Topic, name: string, selector: string | null = null): Promise<MessageConsumer> {
    return this.openConsumer({ destination: topic, selector, noLocal: false, subscriptionName: name, durable: true, shared: true });
  }

  private async openConsumer(request: SubscriptionRequest): Promise<ClientConsumer> {
    this.checkOpen();
    const plan = planSubscription(request, {
      features: this.features,
      clientId: this.connection.getClientID(),
      connectionId: this.connection.connectionId,
      prefetch: this.connection.prefetch,
      ownsTemporary: (destination) => this.connection.ownsTemporary(destination),
    });
    const consumer = new ClientConsumer(this.consumerHost, {
      destination: request.destination,
      selector: plan.selector,
      noLocal: request.noLocal,
      subscriptionName: request.subscriptionName,
      emulation: plan.emulation,
      redeliveryPolicy: this.connection.redeliveryPolicy,
    });
    consumer.attach(await this.provider.subscribe(plan.spec, consumer));
    this.consumers.add(consumer);
    this.pump.setConsumers([...this.consumers]);
    consumer.wake();
    return consumer;
  }

  async createBrowser(queue: Queue, selector: string | null = null): Promise<QueueBrowser> {
    this.checkOpen();
    checkDestination(queue);
    if (queue.kind !== 'queue') throw new InvalidDestinationException(`A browser needs a queue, not ${queue}`);
    this.features.require('browsing', 'queue browsing');
    // A browse consumes nothing, so the browser filters it itself where the broker cannot.
    const compiled = compileSelector(selector);
    const browser = new ClientBrowser(this.browserHost, queue, compiled?.text ?? null);
    this.browsers.add(browser);
    return browser;
  }

  /** Whether a consumer of this session reads the destination. */
  usesDestination(destination: Destination): boolean {
    for (const consumer of this.consumers) if (consumer.destination.equals(destination)) return true;
    return false;
  }

  hasActiveSubscription(name: string): boolean {
    for (const consumer of this.consumers) if (consumer.subscriptionName === name) return true;
    return false;
  }

  async unsubscribe(name: string): Promise<void> {
    this.checkOpen();
    this.features.require('durableSubscriptions', 'durable subscriptions');
    await this.connection.unsubscribe(name);
  }

  // --- delivery and acknowledgement ---------------------------------------------------------

  /** Hands a delivery to the application as a message, recorded or acknowledged per the mode; null (dropped) when undecodable. */
  private handOut(consumer: SessionConsumer, pending: PendingDelivery, forListener: boolean): Message | null {
    let message;
    try {
      message = receivedMessage(pending);
    } catch (error) {
      this.connection.reportError(new JMSException(`A message on ${consumer.destination} could not be decoded and was dropped: ${(error as Error).message}`, ErrorCode.MESSAGE_DECODE_FAILED, error));
      this.ledger.discard(pending);
      return null;
    }
    if (this.mode === AcknowledgeMode.CLIENT_ACKNOWLEDGE) {
      // A message from before a loss acknowledges nothing: it comes back flagged redelivered, and
      // the messages delivered since are the application's to acknowledge.
      const generation = this.connection.generation;
      message.setAcknowledger(() => (generation === this.connection.generation ? this.acknowledge() : this.acknowledgeStale()));
    }
    this.ledger.handedOut(consumer, pending, forListener);
    this.connection.telemetry?.handedOut(consumer, pending, forListener);
    return message;
  }

  async acknowledge(): Promise<void> {
    if (this.closed) throw new IllegalStateException('Cannot acknowledge: the session is closed');
    this.connection.checkOpen();
    if (this.mode !== AcknowledgeMode.CLIENT_ACKNOWLEDGE) return;
    await this.ledger.acknowledgeAll();
  }

  private async acknowledgeStale(): Promise<void> {
    if (this.closed) throw new IllegalStateException('Cannot acknowledge: the session is closed');
    this.connection.checkOpen();
  }

  async recover(): Promise<void> {
    this.checkOpen();
    if (this.transaction.transacted) throw new IllegalStateException('recover() cannot be used in a transacted session; use rollback()');
    await this.ledger.redeliverUnacknowledged('recover');
  }

  async commit(): Promise<void> {
    this.checkOpen();
    if (!this.transaction.transacted) throw new IllegalStateException('commit() needs a transacted session');
    await this.asyncSends.settle();
    if (this.transactionLost) {
      await this.rollback().catch(() => undefined);
      throw new TransactionRolledBackException(
        'The connection to the broker was lost while this transaction had work, so it was rolled back: its consumed messages come back flagged JMSRedelivered, its sends were discarded',
        undefined,
      );
    }
    const generation = this.connection.generation;
    const consumed = this.ledger.toCommit();
    const began = this.connection.telemetry?.commitStarted();
    try {
      await this.transaction.commit(consumed.deliveries);
    } catch (error) {
      if (generation !== this.connection.generation || (error as JMSException).code === ErrorCode.TRANSACTION_IN_DOUBT) throw this.commitInDoubt(error);
      await this.rollback().catch(() => undefined);
      throw new TransactionRolledBackException(`The transaction was rolled back: ${(error as Error).message}`, undefined, error);
    }
    if (generation !== this.connection.generation) throw this.commitInDoubt(null);
    consumed.committed();
    if (began !== undefined) this.connection.telemetry!.committed(began);
  }

  /** The link was lost during the commit: the transaction that follows starts clean. */
  private commitInDoubt(error: unknown): JMSException {
    this.transactionLost = false;
    if (error instanceof JMSException && error.code === ErrorCode.TRANSACTION_IN_DOUBT) return error;
    return new JMSException(
      'The connection was lost while the commit was on its way, so it may or may not have happened: consumed messages that were not committed come back flagged JMSRedelivered',
      ErrorCode.TRANSACTION_IN_DOUBT,
      error,
    );
  }

  async rollback(): Promise<void> {
    this.checkOpen();
    if (!this.transaction.transacted) throw new IllegalStateException('rollback() needs a transacted session');
    this.transactionLost = false;
    await this.asyncSends.settle();
    await this.transaction.rollback();
    await this.ledger.redeliverUnacknowledged('rollback');
  }

  // --- the connection's calls ---------------------------------------------------------------

  /** The connection started: hand buffered messages to waiting receives and listeners. */
  wakeConsumers(): void {
    for (const consumer of this.consumers) consumer.wake();
  }

  /** Resolves when no listener of this session runs (at once when called from one of its own). */
  async listenerIdle(consumer?: SessionConsumer): Promise<void> {
    if (currentListener()?.session === this) return;
    await this.pump.idle(consumer);
  }

  /**
   * The link to the broker was lost and is being recovered: messages delivered on it are stale
   * (the broker gives them back), and a transaction with work can only roll back.
   */
  interrupted(): void {
    const outstanding = this.ledger.connectionInterrupted();
    for (const consumer of this.consumers) consumer.interrupted();
    if (this.transaction.transacted && (outstanding > 0 || this.transaction.hasWork())) this.transactionLost = true;
  }

  /** The connection was lost: fail what waits, without talking to the provider. */
  abandon(error: JMSException): void {
    this.closed = true;
    for (const consumer of this.consumers) consumer.abandon(error);
  }

  // --- closing ------------------------------------------------------------------------------

  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.closing = this.doClose();
    return this.closing;
  }

  private async doClose(): Promise<void> {
    const insideOwnListener = currentListener()?.session === this;
    this.closed = true;
    if (!insideOwnListener) await this.pump.idle();
    // Before the subscriptions close: a dead-letter move acknowledges through them.
    if (!this.connection.lost) await this.ledger.quiesce();
    for (const consumer of [...this.consumers]) await consumer.close();
    for (const producer of [...this.producers]) producer.markClosed();
    for (const browser of [...this.browsers]) await browser.close();
    await this.asyncSends.settle();
    if (this.connection.lost) return;
    await this.transaction.discard(); // an open transaction is rolled back, never committed
    await this.ledger.settle();
    await this.provider.close();
    this.connection.forgetSession(this);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
