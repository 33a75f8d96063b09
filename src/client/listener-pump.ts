import type { Message } from '../api/message.js';
import type { SessionConsumer } from './hosts.js';
import { runInListener, type ListenerScope } from './listener-context.js';
import type { PendingDelivery } from './pending-delivery.js';
import type { ClientTelemetry, ListenerRun } from './telemetry/index.js';

/** What the pump needs of its session. */
export interface PumpHost {
  /** The session is open and its connection started. */
  readonly running: boolean;
  handOut(consumer: SessionConsumer, pending: PendingDelivery, forListener: true): Message | null;
  /** The listener returned (failure null) or threw. */
  listenerFinished(consumer: SessionConsumer, pending: PendingDelivery, message: Message, failure: unknown): void;
  scope(consumer: SessionConsumer): ListenerScope;
  /** Spans and timing around each listener call; null when off. */
  readonly telemetry: ClientTelemetry | null;
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
    // Listeners that return no promise run right here, with no async function or promise per
    // kick (a kick comes per delivered message); the pump goes async once it has to wait.
    let handedOver = false;
    try {
      let turns = 0;
      while (this.host.running) {
        const next = this.next();
        if (next === null) break;
        const message = this.host.handOut(next.consumer, next.pending, true);
        if (message === null) continue;
        const running = this.call(next.consumer, next.pending, message);
        if (running !== undefined || ++turns % YIELD_EVERY === 0) {
          handedOver = true;
          this.run = this.pump(running, turns);
          return;
        }
      }
    } finally {
      if (!handedOver) {
        this.pumping = false;
        this.running = null;
      }
    }
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

  /** The pump once it waits: for a listener's promise (`first`), or for a turn of I/O after `turns` listeners. */
  private async pump(first: Promise<void> | undefined, turns: number): Promise<void> {
    try {
      if (first !== undefined) await first;
      else await yieldToIo();
      while (this.host.running) {
        const next = this.next();
        if (next === null) break;
        const message = this.host.handOut(next.consumer, next.pending, true);
        if (message === null) continue;
        // A listener that returns no promise is finished at once: no await, no extra turn.
        const running = this.call(next.consumer, next.pending, message);
        if (running !== undefined) await running;
        // Let I/O and timers run during long bursts.
        if (++turns % YIELD_EVERY === 0) await yieldToIo();
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
    const traced = this.host.telemetry?.listener(consumer, pending);
    let result: unknown;
    try {
      result =
        traced === undefined
          ? runInListener(this.host.scope(consumer), listener, message)
          : runInListener(this.host.scope(consumer), (m: Message) => traced.run(() => listener(m)), message);
    } catch (error) {
      this.finish(consumer, pending, message, error ?? new Error('listener threw nothing'), traced);
      return undefined;
    }
    if (!isThenable(result)) {
      this.finish(consumer, pending, message, null, traced);
      return undefined;
    }
    return Promise.resolve(result).then(
      () => this.finish(consumer, pending, message, null, traced),
      (error: unknown) => this.finish(consumer, pending, message, error ?? new Error('listener rejected with nothing'), traced),
    );
  }

  private finish(consumer: SessionConsumer, pending: PendingDelivery, message: Message, failure: unknown, traced: ListenerRun | undefined): void {
    this.running = null;
    traced?.end(failure);
    this.host.listenerFinished(consumer, pending, message, failure);
  }
}

/** Listeners run in a burst before the pump lets I/O and timers run. */
const YIELD_EVERY = 500;

function yieldToIo(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as PromiseLike<unknown>).then === 'function';
}
