import type { MessageListener, MessageConsumer, TopicSubscriber } from '../api/connection.js';
import type { Destination, Topic } from '../api/destination.js';
import { IllegalArgumentException, IllegalStateException, JMSException } from '../api/exceptions.js';
import type { Message } from '../api/message.js';
import type { Delivery, Envelope } from '../spi/envelope.js';
import type { DeliverySink, ProviderSubscription } from '../spi/provider.js';
import { DeliveryBuffer } from './delivery-buffer.js';
import { currentListener } from './listener-context.js';
import { PendingDelivery } from './pending-delivery.js';
import type { ClientSession } from './session.js';

interface Waiter {
  resolve(message: Message | null): void;
  reject(error: unknown): void;
  timer: NodeJS.Timeout | null;
}

/** What the client layer checks itself for a consumer, where the adapter only emulates a feature. */
export interface ConsumerEmulation {
  /** Messages failing it are acknowledged and dropped (emulated topic selectors, noLocal). */
  readonly accept: ((envelope: Envelope) => boolean) | null;
  /** Hold messages until JMSDeliveryTime (emulated delivery delay). */
  readonly holdUntilDeliveryTime: boolean;
  /** Order the local backlog by priority (emulated priority). */
  readonly byPriority: boolean;
}

export interface ConsumerOptions {
  readonly destination: Destination;
  readonly selector: string | null;
  readonly noLocal: boolean;
  /** Durable or shared subscription name, or null. */
  readonly subscriptionName: string | null;
  readonly durable: boolean;
  readonly emulation: ConsumerEmulation;
}

/**
 * A MessageConsumer over one provider subscription. Messages wait in a local buffer until the
 * application takes them with receive(), iteration, or a listener run by the session.
 */
export class ClientConsumer implements MessageConsumer, TopicSubscriber, DeliverySink {
  private readonly buffer: DeliveryBuffer;
  private readonly waiters: Waiter[] = [];
  private listener: MessageListener | null = null;
  private subscription: ProviderSubscription | null = null;
  private holdTimer: NodeJS.Timeout | null = null;
  private closing: Promise<void> | null = null;
  closed = false;

  constructor(
    readonly session: ClientSession,
    readonly options: ConsumerOptions,
  ) {
    this.buffer = new DeliveryBuffer(options.emulation.byPriority);
  }

  attach(subscription: ProviderSubscription): void {
    this.subscription = subscription;
  }

  // --- DeliverySink ---------------------------------------------------------------------

  deliver(delivery: Delivery): void {
    if (this.closed) return;
    const accept = this.options.emulation.accept;
    if (accept !== null && !accept(delivery.envelope)) {
      this.session.discard(new PendingDelivery(delivery));
      return;
    }
    this.buffer.push(new PendingDelivery(delivery));
    this.wake();
  }

  fail(error: JMSException): void {
    this.session.connection.reportError(error);
    this.rejectWaiters(error);
  }

  // --- taking messages --------------------------------------------------------------------

  /** Redeliveries from recover/rollback, ahead of everything buffered. */
  requeue(items: PendingDelivery[]): void {
    if (this.closed) return;
    this.buffer.unshiftAll(items);
    this.wake();
  }

  /** The next message that may be handed out now, dropping expired ones. */
  takeReady(): PendingDelivery | null {
    const now = Date.now();
    for (;;) {
      const next = this.buffer.peek();
      if (next === undefined) return null;
      const { expiration, deliveryTime } = next.delivery.envelope;
      if (expiration !== 0 && expiration <= now) {
        this.buffer.shift();
        this.session.discard(next);
        continue;
      }
      if (this.options.emulation.holdUntilDeliveryTime && deliveryTime > now) {
        this.scheduleWake(deliveryTime - now);
        return null;
      }
      return this.buffer.shift()!;
    }
  }

  private scheduleWake(delay: number): void {
    if (this.holdTimer !== null) return;
    this.holdTimer = setTimeout(() => {
      this.holdTimer = null;
      this.wake();
    }, delay);
  }

  hasListener(): boolean {
    return this.listener !== null;
  }

  /** Called when messages may be available: serve a waiting receive() or the session's listeners. */
  wake(): void {
    if (this.closed || !this.session.connection.started) return;
    if (this.listener !== null) {
      this.session.pumpListeners();
      return;
    }
    while (this.waiters.length > 0) {
      const pending = this.takeReady();
      if (pending === null) return;
      const message = this.session.handOut(this, pending, false);
      if (message === null) continue;
      const waiter = this.waiters.shift()!;
      if (waiter.timer !== null) clearTimeout(waiter.timer);
      waiter.resolve(message);
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
    if (listener !== null && this.waiters.length > 0) {
      throw new IllegalStateException('Cannot set a message listener while a receive() call is waiting on this consumer');
    }
    this.listener = listener;
    if (listener !== null) this.session.pumpListeners();
  }

  /** Provider-facing: the listener for the session's pump. */
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
    if (this.session.connection.started && this.waiters.length === 0) {
      for (;;) {
        const pending = this.takeReady();
        if (pending === null) break;
        const message = this.session.handOut(this, pending, false);
        if (message !== null) return Promise.resolve(message);
      }
    }
    if (noWait) return Promise.resolve(null);
    return new Promise<Message | null>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, timer: null };
      if (timeout > 0) {
        waiter.timer = setTimeout(() => {
          const index = this.waiters.indexOf(waiter);
          if (index >= 0) this.waiters.splice(index, 1);
          resolve(null);
        }, timeout);
      }
      this.waiters.push(waiter);
    });
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
    this.session.checkOpen();
  }

  /** Fails waiting receive() calls (connection lost). */
  rejectWaiters(error: unknown): void {
    for (const waiter of this.waiters.splice(0)) {
      if (waiter.timer !== null) clearTimeout(waiter.timer);
      waiter.reject(error);
    }
  }

  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.closing = this.doClose();
    return this.closing;
  }

  private async doClose(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiters.splice(0)) {
      if (waiter.timer !== null) clearTimeout(waiter.timer);
      waiter.resolve(null);
    }
    if (this.holdTimer !== null) clearTimeout(this.holdTimer);
    // Wait for this consumer's running listener, unless close() is called from inside it.
    if (currentListener()?.consumer !== this) await this.session.listenerIdle(this);
    this.buffer.drain();
    this.session.forgetConsumer(this);
    if (!this.session.connection.lost) await this.subscription?.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
