import type { MessageListener, MessageConsumer, TopicSubscriber } from '../api/connection.js';
import type { Destination, Topic } from '../api/destination.js';
import { IllegalArgumentException, IllegalStateException, JMSException } from '../api/exceptions.js';
import type { Message } from '../api/message.js';
import type { RedeliveryPolicy } from '../api/redelivery.js';
import type { Delivery } from '../spi/envelope.js';
import type { DeliverySink, ProviderSubscription } from '../spi/provider.js';
import { DeliveryBuffer, type Verdict } from './delivery-buffer.js';
import type { ConsumerHost, SessionConsumer } from './hosts.js';
import { currentListener } from './listener-context.js';
import { PendingDelivery } from './pending-delivery.js';
import { ReceiveWaiters } from './receive-waiters.js';
import { redeliveryPolicy } from './redelivery-policy.js';
import { startReminderTiming } from './start-reminder.js';
import type { ConsumerEmulation } from './subscription-plan.js';

export interface ConsumerOptions {
  readonly destination: Destination;
  /** The selector as parsed, for getMessageSelector(). */
  readonly selector: string | null;
  readonly noLocal: boolean;
  /** Durable or shared subscription name, or null. */
  readonly subscriptionName: string | null;
  readonly emulation: ConsumerEmulation;
  /** The connection factory's policy, which setRedeliveryPolicy changes start from. */
  readonly redeliveryPolicy: RedeliveryPolicy;
}

/**
 * A MessageConsumer over one provider subscription. Messages wait in a local buffer until the
 * application takes them with receive(), iteration, or a listener run by the session.
 */
export class ClientConsumer implements MessageConsumer, TopicSubscriber, DeliverySink, SessionConsumer {
  private readonly buffer: DeliveryBuffer;
  private readonly waiters = new ReceiveWaiters();
  private listener: MessageListener | null = null;
  private subscription: ProviderSubscription | null = null;
  private holdTimer: NodeJS.Timeout | null = null;
  private holdUntil = 0;
  private closing: Promise<void> | null = null;
  private policy: RedeliveryPolicy;
  closed = false;

  constructor(
    private readonly host: ConsumerHost,
    private readonly options: ConsumerOptions,
  ) {
    this.buffer = new DeliveryBuffer(options.emulation.byPriority);
    this.policy = options.redeliveryPolicy;
  }

  get destination(): Destination {
    return this.options.destination;
  }

  get subscriptionName(): string | null {
    return this.options.subscriptionName;
  }

  get redeliveryPolicy(): RedeliveryPolicy {
    return this.policy;
  }

  setRedeliveryPolicy(changes: Partial<RedeliveryPolicy>): void {
    this.checkOpen();
    this.policy = redeliveryPolicy(changes, this.options.redeliveryPolicy);
  }

  getRedeliveryPolicy(): RedeliveryPolicy {
    return this.policy;
  }

  attach(subscription: ProviderSubscription): void {
    this.subscription = subscription;
  }

  // --- DeliverySink ---------------------------------------------------------------------

  deliver(delivery: Delivery): void {
    if (this.closed) return;
    const accept = this.options.emulation.accept;
    if (accept !== null && !accept(delivery.envelope)) {
      this.host.discard(new PendingDelivery(delivery));
      return;
    }
    this.buffer.push(new PendingDelivery(delivery));
    this.wake();
  }

  fail(error: JMSException): void {
    this.host.reportError(error);
    this.waiters.failAll(error);
  }

  // --- taking messages --------------------------------------------------------------------

  requeue(items: PendingDelivery[]): void {
    if (this.closed) return;
    this.buffer.unshiftAll(items);
    this.wake();
  }

  /** The next message that may be handed out now: expired ones are dropped, not-yet-due ones wait. */
  takeReady(): PendingDelivery | null {
    this.judgedAt = Date.now();
    this.nextDue = Infinity;
    const taken = this.buffer.take(this.judge, this.dropExpired);
    if (taken === undefined && this.nextDue !== Infinity) this.wakeAt(this.nextDue);
    return taken ?? null;
  }

  // takeReady's judge and its state: made once per consumer, as takeReady runs per message.
  private judgedAt = 0;
  private nextDue = Infinity;
  private readonly judge = (pending: PendingDelivery): Verdict => {
    const { expiration, deliveryTime } = pending.delivery.envelope;
    if (expiration !== 0 && expiration <= this.judgedAt) return 'drop';
    if (this.options.emulation.holdUntilDeliveryTime && deliveryTime > this.judgedAt) {
      this.nextDue = Math.min(this.nextDue, deliveryTime);
      return 'skip';
    }
    return 'take';
  };
  private readonly dropExpired = (expired: PendingDelivery): void => this.host.discard(expired);

  /** Wakes the consumer when the earliest held message is due. */
  private wakeAt(time: number): void {
    if (this.holdTimer !== null && this.holdUntil <= time) return;
    if (this.holdTimer !== null) clearTimeout(this.holdTimer);
    this.holdUntil = time;
    this.holdTimer = setTimeout(() => {
      this.holdTimer = null;
      this.wake();
    }, time - Date.now());
  }

  wake(): void {
    if (this.closed || !this.host.started) return;
    if (this.listener !== null) {
      this.host.listenerReady();
      return;
    }
    while (this.waiters.size > 0) {
      const pending = this.takeReady();
      if (pending === null) return;
      const message = this.host.handOut(this, pending, false);
      if (message !== null) this.waiters.serve(message);
    }
  }

  // --- MessageConsumer ----------------------------------------------------------------------

  getMessageSelector(): string | null {
    return this.options.selector;
  }

  getTopic(): Topic {
    if (this.options.destination.kind !== 'topic') throw new IllegalStateException('This consumer reads a queue, not a topic');
    return this.options.destination as Topic;
  }

  getNoLocal(): boolean {
    return this.options.noLocal;
  }

  getMessageListener(): MessageListener | null {
    this.checkOpen();
    return this.listener;
  }

  setMessageListener(listener: MessageListener | null): void {
    this.checkOpen();
    if (listener !== null && this.waiters.size > 0) {
      throw new IllegalStateException('Cannot set a message listener while a receive() call is waiting on this consumer');
    }
    this.listener = listener;
    if (listener !== null) this.host.listenerReady();
  }

  currentListener(): MessageListener | null {
    return this.listener;
  }

  receive(timeout = 0): Promise<Message | null> {
    return this.receiveWithin(timeout, false);
  }

  receiveNoWait(): Promise<Message | null> {
    return this.receiveWithin(0, true);
  }

  private receiveWithin(timeout: number, noWait: boolean): Promise<Message | null> {
    try {
      this.checkOpen();
      if (this.listener !== null) throw new IllegalStateException('Cannot receive() on a consumer that has a message listener');
      if (!Number.isFinite(timeout) || timeout < 0) throw new IllegalArgumentException(`receive timeout must be >= 0 ms, got ${timeout}`);
    } catch (error) {
      return Promise.reject(error);
    }
    if (this.host.started && this.waiters.size === 0) {
      for (;;) {
        const pending = this.takeReady();
        if (pending === null) break;
        const message = this.host.handOut(this, pending, false);
        if (message !== null) return Promise.resolve(message);
      }
    }
    if (noWait) return Promise.resolve(null);
    const waiting = this.waiters.wait(timeout);
    if (!this.host.started && (timeout === 0 || timeout > startReminderTiming.delayMs)) this.host.waitingWhileStopped(waiting.stillWaiting);
    return waiting.message;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Message> {
    for (;;) {
      if (this.closed) return;
      const message = await this.receive();
      if (message === null) return;
      yield message;
    }
  }

  private checkOpen(): void {
    if (this.closed) throw new IllegalStateException('The consumer is closed');
    this.host.checkOpen();
  }

  /** The link was lost: buffered messages are stale (the broker gives them back); receives keep waiting. */
  interrupted(): void {
    this.buffer.drain();
    if (this.holdTimer !== null) clearTimeout(this.holdTimer);
    this.holdTimer = null;
  }

  abandon(error: JMSException): void {
    this.waiters.failAll(error);
    this.closed = true;
  }

  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.closing = this.doClose();
    return this.closing;
  }

  private async doClose(): Promise<void> {
    this.closed = true;
    this.waiters.endAll();
    if (this.holdTimer !== null) clearTimeout(this.holdTimer);
    // Wait for this consumer's running listener, unless close() is called from inside it.
    if (currentListener()?.consumer !== this) await this.host.listenerIdle(this);
    this.buffer.drain();
    this.host.consumerClosed(this);
    if (!this.host.lost) await this.subscription?.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
