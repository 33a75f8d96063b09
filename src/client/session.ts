import type {
  MessageConsumer,
  MessageProducer,
  QueueBrowser,
  Session,
  TopicSubscriber,
} from '../api/connection.js';
import { AcknowledgeMode } from '../api/constants.js';
import { destinationOf, type Destination, type Queue, type TemporaryQueue, type TemporaryTopic, type Topic } from '../api/destination.js';
import { ErrorCode } from '../api/error-codes.js';
import {
  IllegalArgumentException,
  IllegalStateException,
  InvalidDestinationException,
  JMSException,
  TransactionRolledBackException,
} from '../api/exceptions.js';
import type { Message } from '../api/message.js';
import { compileEnvelopeSelector, envelopeToMessage } from '../codec/index.js';
import { JmsBytesMessage, JmsMapMessage, JmsObjectMessage, JmsStreamMessage, JmsTextMessage, PlainMessage } from '../message/index.js';
import { compileSelector } from '../selector/index.js';
import type { Envelope } from '../spi/envelope.js';
import type { ProviderSession } from '../spi/provider.js';
import { ClientBrowser } from './browser.js';
import type { ClientConnection } from './connection.js';
import { ClientConsumer, type ConsumerEmulation, type ConsumerOptions } from './consumer.js';
import { currentListener, runInListener } from './listener-context.js';
import type { PendingDelivery } from './pending-delivery.js';
import { ClientProducer } from './producer.js';
import { AckBatcher } from './session-acks.js';

/** How often a listener that throws gets its message again before the session gives up on it. */
export const MAX_LISTENER_REDELIVERIES = 10;

interface Delivered {
  readonly consumer: ClientConsumer;
  readonly pending: PendingDelivery;
}

/** A JMS Session: acknowledgement, transactions, recover and listener dispatch, written once. */
export class ClientSession implements Session {
  private readonly consumers = new Set<ClientConsumer>();
  /** `consumers` as an array for the listener pump, rebuilt only when the set changes. */
  private consumerList: ClientConsumer[] | null = null;
  private readonly producers = new Set<ClientProducer>();
  private readonly browsers = new Set<ClientBrowser>();
  /** Messages handed to the application and not yet acknowledged (CLIENT, transacted, a running listener). */
  private delivered: Delivered[] = [];
  /** Sends held until commit when transactions are emulated. */
  private heldSends: [Destination, Envelope][] = [];
  /** Each producer's latest async-send completion: completions settle in send order, so the latest covers the rest. */
  private readonly asyncSends = new Map<ClientProducer, Promise<void>>();
  private readonly acks: AckBatcher;
  private pumping = false;
  private listenerRun: Promise<void> | null = null;
  private runningConsumer: ClientConsumer | null = null;
  private listenerTurn = 0;
  private closing: Promise<void> | null = null;
  closed = false;

  constructor(
    readonly connection: ClientConnection,
    private readonly provider: ProviderSession,
    private readonly mode: AcknowledgeMode,
  ) {
    this.acks = new AckBatcher(provider, (error) => this.connection.reportError(error));
  }

  get features() {
    return this.connection.features;
  }

  checkOpen(): void {
    if (this.closed) throw new IllegalStateException('The session is closed');
    this.connection.checkOpen();
  }

  getTransacted(): boolean {
    this.checkOpen();
    return this.mode === AcknowledgeMode.SESSION_TRANSACTED;
  }

  getAcknowledgeMode(): AcknowledgeMode {
    this.checkOpen();
    return this.mode;
  }

  private get transacted(): boolean {
    return this.mode === AcknowledgeMode.SESSION_TRANSACTED;
  }

  // --- messages and destinations ------------------------------------------------------------

  createMessage(): Message { this.checkOpen(); return new PlainMessage(); }
  createTextMessage(text: string | null = null): JmsTextMessage { this.checkOpen(); return new JmsTextMessage(text); }
  createBytesMessage(): JmsBytesMessage { this.checkOpen(); return new JmsBytesMessage(); }
  createMapMessage(): JmsMapMessage { this.checkOpen(); return new JmsMapMessage(); }
  createStreamMessage(): JmsStreamMessage { this.checkOpen(); return new JmsStreamMessage(); }
  createObjectMessage(object: unknown = null): JmsObjectMessage { this.checkOpen(); return new JmsObjectMessage(object); }

  createQueue(name: string): Queue {
    this.checkOpen();
    return destinationOf('queue', checkDestinationName(name, 'queue')) as Queue;
  }

  createTopic(name: string): Topic {
    this.checkOpen();
    return destinationOf('topic', checkDestinationName(name, 'topic')) as Topic;
  }

  createTemporaryQueue(): Promise<TemporaryQueue> {
    this.checkOpen();
    return this.connection.createTemporary('queue') as Promise<TemporaryQueue>;
  }

  createTemporaryTopic(): Promise<TemporaryTopic> {
    this.checkOpen();
    return this.connection.createTemporary('topic') as Promise<TemporaryTopic>;
  }

  // --- producers, consumers, browsers -------------------------------------------------------

  async createProducer(destination: Destination | null): Promise<MessageProducer> {
    this.checkOpen();
    if (destination !== null && destination !== undefined) checkDestination(destination);
    const producer = new ClientProducer(this, destination ?? null);
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

  private async openConsumer(request: {
    destination: Destination;
    selector: string | null;
    noLocal: boolean;
    subscriptionName: string | null;
    durable: boolean;
    shared: boolean;
  }): Promise<ClientConsumer> {
    this.checkOpen();
    const { destination, noLocal, subscriptionName, durable, shared } = request;
    checkDestination(destination);
    const selector = compileSelector(request.selector)?.text ?? null; // InvalidSelectorException here
    const features = this.features;
    const isTopic = destination.kind === 'topic';
    if (durable || shared) {
      if (!isTopic) throw new InvalidDestinationException(`${durable ? 'Durable' : 'Shared'} subscriptions need a topic, not ${destination}`);
      if (typeof subscriptionName !== 'string' || subscriptionName === '') {
        throw new IllegalArgumentException('A durable or shared subscription needs a non-empty name');
      }
      if (durable) features.require('durableSubscriptions', 'durable subscriptions');
      if (shared) features.require('sharedSubscriptions', 'shared subscriptions');
      if (durable && !shared && this.connection.getClientID() === null) {
        throw new IllegalStateException('An unshared durable subscription needs a client id: set one on the connection first');
      }
    }
    if (destination.kind === 'queue') features.require('queues', 'queues');
    else features.require('topics', 'topics');
    if (destination.temporary) {
      features.require(destination.kind === 'queue' ? 'temporaryQueues' : 'temporaryTopics', `temporary ${destination.kind}s`);
      if (!this.connection.ownsTemporary(destination)) {
        throw new InvalidDestinationException(`Temporary ${destination.kind} ${destination.name} belongs to another connection; only its own connection may consume from it`);
      }
    }
    const selectorFeature = isTopic ? 'topicSelectors' : 'queueSelectors';
    if (selector !== null) features.require(selectorFeature, `message selectors on ${destination.kind}s`);
    if (noLocal && isTopic) features.require('noLocal', 'noLocal subscriptions');

    const emulatedSelector = selector !== null && features.isEmulated(selectorFeature) ? compileEnvelopeSelector(selector) : null;
    const emulatedNoLocal = noLocal && isTopic && features.isEmulated('noLocal');
    const connectionId = this.connection.connectionId;
    const accept =
      emulatedSelector === null && !emulatedNoLocal
        ? null
        : (envelope: Envelope) =>
            !(emulatedNoLocal && envelope.connectionId === connectionId) && (emulatedSelector === null || emulatedSelector(envelope));
    const emulation: ConsumerEmulation = {
      accept,
      holdUntilDeliveryTime: features.isEmulated('deliveryDelay'),
      byPriority: features.isEmulated('priority'),
    };
    const options: ConsumerOptions = { destination, selector, noLocal, subscriptionName, durable, emulation };
    const consumer = new ClientConsumer(this, options);
    const subscription = await this.provider.subscribe(
      {
        destination,
        selector: selector !== null && features.isNative(selectorFeature) ? selector : null,
        definedSelector: selector,
        noLocal: noLocal && isTopic && features.isNative('noLocal'),
        durable,
        shared,
        subscriptionName,
        clientId: this.connection.getClientID(),
        prefetch: this.connection.prefetch,
      },
      consumer,
    );
    consumer.attach(subscription);
    this.consumers.add(consumer);
    this.consumerList = null;
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
    const browser = new ClientBrowser(this, queue, compiled?.text ?? null);
    this.browsers.add(browser);
    return browser;
  }

  /** Provider-facing for the browser. */
  browseProvider(queue: Queue, selector: string | null) {
    return this.provider.browse!(queue, this.features.isNative('queueSelectors') ? selector : null);
  }

  forgetBrowser(browser: ClientBrowser): void {
    this.browsers.delete(browser);
  }

  forgetProducer(producer: ClientProducer): void {
    this.producers.delete(producer);
  }

  forgetConsumer(consumer: ClientConsumer): void {
    this.consumers.delete(consumer);
    this.consumerList = null;
  }

  /** Whether a consumer of this session reads the destination or subscription. */
  usesDestination(destination: Destination): boolean {
    for (const consumer of this.consumers) if (consumer.options.destination.equals(destination)) return true;
    return false;
  }

  hasActiveSubscription(name: string): boolean {
    for (const consumer of this.consumers) if (consumer.options.subscriptionName === name) return true;
    return false;
  }

  async unsubscribe(name: string): Promise<void> {
    this.checkOpen();
    this.features.require('durableSubscriptions', 'durable subscriptions');
    if (this.connection.hasActiveSubscription(name)) {
      throw new IllegalStateException(`Cannot unsubscribe "${name}" while a consumer of this connection is open on it`);
    }
    await this.connection.provider.unsubscribe!(name);
  }

  // --- sending ------------------------------------------------------------------------------

  /** Sends, or holds the send until commit where transactions are emulated. */
  sendEnvelope(destination: Destination, envelope: Envelope): Promise<void> {
    try {
      this.checkOpen();
    } catch (error) {
      return Promise.reject(error);
    }
    if (this.transacted && this.features.isEmulated('transactions')) {
      this.heldSends.push([destination, envelope]);
      return Promise.resolve();
    }
    return this.provider.send(destination, envelope);
  }

  /** Async sends still in flight; close and commit wait for them. */
  trackAsyncSend(producer: ClientProducer, completion: Promise<void>): void {
    this.asyncSends.set(producer, completion);
  }

  private async settleAsyncSends(): Promise<void> {
    while (this.asyncSends.size > 0) {
      const latest = [...this.asyncSends];
      await Promise.all(latest.map(([, completion]) => completion));
      // A producer that sent again meanwhile stays, with its newer completion.
      for (const [producer, completion] of latest) if (this.asyncSends.get(producer) === completion) this.asyncSends.delete(producer);
    }
  }

  // --- delivery -----------------------------------------------------------------------------

  /**
   * Turns a delivery into the message the application gets: decoded, stamped with JMSDestination,
   * JMSRedelivered and JMSXDeliveryCount, read-only, and recorded or acknowledged per the mode.
   * Returns null (and drops the message) when its body cannot be decoded.
   */
  handOut(consumer: ClientConsumer, pending: PendingDelivery, forListener: boolean): Message | null {
    let message;
    try {
      message = envelopeToMessage(pending.delivery.envelope);
    } catch (error) {
      this.connection.reportError(new JMSException(`A message on ${consumer.options.destination} could not be decoded and was dropped: ${(error as Error).message}`, ErrorCode.MESSAGE_DECODE_FAILED, error));
      this.discard(pending);
      return null;
    }
    message.setJMSDestination(pending.delivery.destination);
    message.setJMSRedelivered(pending.redelivered);
    message.setTypedProperty('JMSXDeliveryCount', { type: 'int', value: pending.deliveryCount });
    message.markReceived();
    pending.state = 'delivered';
    if (this.mode === AcknowledgeMode.CLIENT_ACKNOWLEDGE) {
      message.setAcknowledger(() => this.acknowledge());
      this.delivered.push({ consumer, pending });
    } else if (this.transacted || forListener) {
      this.delivered.push({ consumer, pending });
    } else {
      pending.state = 'acknowledged';
      this.acks.add(pending.delivery);
    }
    return message;
  }

  /** Consumes a message the application never sees (expired, filtered out, undecodable). */
  discard(pending: PendingDelivery): void {
    pending.state = 'acknowledged';
    this.acks.add(pending.delivery);
  }

  async acknowledge(): Promise<void> {
    if (this.closed) throw new IllegalStateException('Cannot acknowledge: the session is closed');
    this.connection.checkOpen();
    if (this.mode !== AcknowledgeMode.CLIENT_ACKNOWLEDGE) return;
    const records = this.delivered.filter((r) => r.pending.state === 'delivered');
    this.delivered = [];
    for (const record of records) record.pending.state = 'acknowledged';
    await this.acks.now(records.map((r) => r.pending.delivery));
  }

  /** Hands every unacknowledged message back to its consumer, marked redelivered. */
  private redeliverUnacknowledged(): void {
    const records = this.delivered;
    this.delivered = [];
    const byConsumer = new Map<ClientConsumer, PendingDelivery[]>();
    for (const { consumer, pending } of records) {
      if (pending.state !== 'delivered' || consumer.closed) continue;
      let list = byConsumer.get(consumer);
      if (!list) byConsumer.set(consumer, (list = []));
      list.push(pending.again());
    }
    for (const [consumer, list] of byConsumer) consumer.requeue(list);
  }

  async recover(): Promise<void> {
    this.checkOpen();
    if (this.transacted) throw new IllegalStateException('recover() cannot be used in a transacted session; use rollback()');
    this.redeliverUnacknowledged();
  }

  async commit(): Promise<void> {
    this.checkOpen();
    if (!this.transacted) throw new IllegalStateException('commit() needs a transacted session');
    await this.settleAsyncSends();
    const records = this.delivered.filter((r) => r.pending.state === 'delivered');
    const held = this.heldSends;
    try {
      if (this.features.isEmulated('transactions')) {
        this.heldSends = [];
        for (const [destination, envelope] of held) await this.provider.send(destination, envelope);
        await this.acks.now(records.map((r) => r.pending.delivery));
      } else {
        await this.provider.acknowledge(records.map((r) => r.pending.delivery));
        await this.provider.commit!();
      }
    } catch (error) {
      await this.rollback().catch(() => undefined);
      throw new TransactionRolledBackException(`The transaction was rolled back: ${(error as Error).message}`, undefined, error);
    }
    this.delivered = this.delivered.filter((r) => !records.includes(r));
    for (const record of records) record.pending.state = 'acknowledged';
  }

  async rollback(): Promise<void> {
    this.checkOpen();
    if (!this.transacted) throw new IllegalStateException('rollback() needs a transacted session');
    await this.settleAsyncSends();
    this.heldSends = [];
    if (this.features.isNative('transactions')) await this.provider.rollback!();
    this.redeliverUnacknowledged();
  }

  // --- listeners ----------------------------------------------------------------------------

  /** The connection started: hand buffered messages to waiting receives and listeners. */
  wakeConsumers(): void {
    for (const consumer of this.consumers) consumer.wake();
  }

  /** Runs listeners one at a time, taking consumers in turn, while the connection is started. */
  pumpListeners(): void {
    if (this.pumping || this.closed || !this.connection.started) return;
    this.pumping = true;
    this.listenerRun = this.pump();
  }

  private nextForListener(): { consumer: ClientConsumer; pending: PendingDelivery } | null {
    const consumers = (this.consumerList ??= [...this.consumers]);
    for (let i = 0; i < consumers.length; i++) {
      const consumer = consumers[(this.listenerTurn + i) % consumers.length];
      if (!consumer.hasListener() || consumer.closed) continue;
      const pending = consumer.takeReady();
      if (pending !== null) {
        this.listenerTurn = (this.listenerTurn + i + 1) % Math.max(consumers.length, 1);
        return { consumer, pending };
      }
    }
    return null;
  }

  private async pump(): Promise<void> {
    let turns = 0;
    try {
      while (!this.closed && this.connection.started) {
        const next = this.nextForListener();
        if (next === null) break;
        const message = this.handOut(next.consumer, next.pending, true);
        if (message === null) continue;
        // A listener that returns no promise is finished at once: no await, no extra turn.
        const running = this.runListener(next.consumer, next.pending, message);
        if (running !== undefined) await running;
        // Let I/O and timers run during long bursts.
        if (++turns % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      this.pumping = false;
      this.runningConsumer = null;
    }
  }

  /** Calls the listener; returns a promise only when the listener itself returned one. */
  private runListener(consumer: ClientConsumer, pending: PendingDelivery, message: Message): Promise<void> | undefined {
    const listener = consumer.currentListener();
    if (listener === null) return undefined;
    this.runningConsumer = consumer;
    let result: unknown;
    try {
      result = runInListener({ connection: this.connection, session: this, consumer }, () => listener(message));
    } catch (error) {
      this.afterListener(consumer, pending, message, error ?? new Error('listener threw nothing'));
      return undefined;
    }
    if (!isThenable(result)) {
      this.afterListener(consumer, pending, message, null);
      return undefined;
    }
    return Promise.resolve(result).then(
      () => this.afterListener(consumer, pending, message, null),
      (error: unknown) => this.afterListener(consumer, pending, message, error ?? new Error('listener rejected with nothing')),
    );
  }

  private afterListener(consumer: ClientConsumer, pending: PendingDelivery, message: Message, failure: unknown): void {
    this.runningConsumer = null;
    if (this.mode !== AcknowledgeMode.AUTO_ACKNOWLEDGE && this.mode !== AcknowledgeMode.DUPS_OK_ACKNOWLEDGE) return;
    const index = this.delivered.findIndex((r) => r.pending === pending);
    if (index >= 0) this.delivered.splice(index, 1);
    if (pending.state !== 'delivered') return; // recover() inside the listener handed it back
    if (failure !== null && pending.localRedeliveries < MAX_LISTENER_REDELIVERIES && !consumer.closed) {
      consumer.requeue([pending.again()]);
      return;
    }
    if (failure !== null) {
      this.connection.reportError(
        new JMSException(
          `A message listener on ${consumer.options.destination} threw ${MAX_LISTENER_REDELIVERIES + 1} times for message ${message.getJMSMessageID()}; the message was acknowledged and dropped: ${String((failure as Error)?.message ?? failure)}`,
          'ListenerFailed',
          failure,
        ),
      );
    }
    this.discard(pending);
  }

  /** Resolves when no listener of this session (or of `consumer`, if given) is running. */
  async listenerIdle(consumer?: ClientConsumer): Promise<void> {
    if (currentListener()?.session === this) return;
    if (consumer !== undefined && this.runningConsumer !== consumer && !this.pumping) return;
    if (this.listenerRun !== null) await this.listenerRun.catch(() => undefined);
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
    if (!insideOwnListener && this.listenerRun !== null) await this.listenerRun.catch(() => undefined);
    for (const consumer of [...this.consumers]) await consumer.close();
    for (const producer of [...this.producers]) producer.markClosed();
    for (const browser of [...this.browsers]) await browser.close();
    await this.settleAsyncSends();
    this.heldSends = [];
    if (this.connection.lost) return;
    if (this.transacted && this.features.isNative('transactions')) await this.provider.rollback!().catch(() => undefined);
    await this.acks.settle();
    this.delivered = [];
    await this.provider.close();
    this.connection.forgetSession(this);
  }

  /** The connection was lost: fail what waits, without talking to the provider. */
  abandon(error: JMSException): void {
    this.closed = true;
    for (const consumer of this.consumers) {
      consumer.rejectWaiters(error);
      consumer.closed = true;
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as PromiseLike<unknown>).then === 'function';
}

function checkDestination(destination: Destination): void {
  if (destination === null || destination === undefined || typeof destination !== 'object' || (destination.kind !== 'queue' && destination.kind !== 'topic')) {
    throw new InvalidDestinationException(`Not a valid destination: ${String(destination)}`);
  }
}

function checkDestinationName(name: string, kind: string): string {
  if (typeof name !== 'string' || name.trim() === '') {
    throw new InvalidDestinationException(`A ${kind} name must be a non-empty string, got ${name === '' ? 'an empty string' : String(name)}`);
  }
  return name;
}
