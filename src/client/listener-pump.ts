import type { Message } from '../api/message.js';
import type { SessionConsumer } from './hosts.js';
import { runInListener, type ListenerScope } from './listener-context.js';
import type { PendingDelivery } from './pending-delivery.js';

/** What the pump needs of its session. */
export interface PumpHost {
  /** The session is open and its connection started. */
  readonly running: boolean;
  handOut(consumer: SessionConsumer, pending: PendingDelivery, forListener: true): Message | null;
  /** The listener returned (failure null) or threw. */
  listenerFinished(consumer: SessionConsumer, pending: PendingDelivery, message: Message, failure: unknown): void;
  scope(consumer: SessionConsumer): ListenerScope;
}

/**
 * Runs a session's message listeners one at a time (JMS: a session is single-threaded), taking
 * the consumers in turn, while the connection is started.
 */
export class ListenerPump {
  private consumers: readonly SessionConsumer[] = [];
  private turn = 0;
  private pumping = false;
  private run: Promise<void> | null = null;
  private running: SessionConsumer | null = null;

  constructor(private readonly host: PumpHost) {}

  /** The session's consumers changed. */
  setConsumers(consumers: readonly SessionConsumer[]): void {
    this.consumers = consumers;
  }

  /** Messages may be waiting for a listener: run listeners unless they already run. */
  kick(): void {
    if (this.pumping || !this.host.running) return;
    this.pumping = true;
    this.run = this.pump();
  }

  /** Resolves when no listener runs (for `consumer`, if given: returns at once when it has none running). */
  async idle(consumer?: SessionConsumer): Promise<void> {
    if (consumer !== undefined && this.running !== consumer && !this.pumping) return;
    if (this.run !== null) await this.run.catch(() => undefined);
  }

  private next(): { consumer: SessionConsumer; pending: PendingDelivery } | null {
    const consumers = this.consumers;
    for (let i = 0; i < consumers.length; i++) {
      const consumer = consumers[(this.turn + i) % consumers.length];
      if (consumer.currentListener() === null || consumer.closed) continue;
      const pending = consumer.takeReady();
      if (pending !== null) {
        this.turn = (this.turn + i + 1) % Math.max(consumers.length, 1);
        return { consumer, pending };
      }
    }
    return null;
  }

  private async pump(): Promise<void> {
    let turns = 0;
    try {
      while (this.host.running) {
        const next = this.next();
        if (next === null) break;
        const message = this.host.handOut(next.consumer, next.pending, true);
        if (message === null) continue;
        // A listener that returns no promise is finished at once: no await, no extra turn.
        const running = this.call(next.consumer, next.pending, message);
        if (running !== undefined) await running;
        // Let I/O and timers run during long bursts.
        if (++turns % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      this.pumping = false;
      this.running = null;
    }
  }

  /** Calls the listener; returns a promise only when the listener itself returned one. */
  private call(consumer: SessionConsumer, pending: PendingDelivery, message: Message): Promise<void> | undefined {
    const listener = consumer.currentListener();
    if (listener === null) return undefined;
    this.running = consumer;
    let result: unknown;
    try {
      result = runInListener(this.host.scope(consumer), listener, message);
    } catch (error) {
      this.finish(consumer, pending, message, error ?? new Error('listener threw nothing'));
      return undefined;
    }
    if (!isThenable(result)) {
      this.finish(consumer, pending, message, null);
      return undefined;
    }
    return Promise.resolve(result).then(
      () => this.finish(consumer, pending, message, null),
      (error: unknown) => this.finish(consumer, pending, message, error ?? new Error('listener rejected with nothing')),
    );
  }

  private finish(consumer: SessionConsumer, pending: PendingDelivery, message: Message, failure: unknown): void {
    this.running = null;
    this.host.listenerFinished(consumer, pending, message, failure);
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as PromiseLike<unknown>).then === 'function';
}
