import type { PendingDelivery } from './pending-delivery.js';

/** The consumer a redelivered message goes back to. */
export interface RequeueTarget {
  readonly closed: boolean;
  requeue(items: PendingDelivery[]): void;
}

/**
 * Messages handed back for redelivery that wait out their redelivery delay. They wait here, not
 * in the consumer's buffer, so the messages behind them keep flowing; when the delay is over they
 * go to the front of their consumer's buffer. A message still waiting when its session or
 * consumer closes was never acknowledged, so the broker gets it back with the subscription.
 */
export class DelayedRedeliveries {
  private readonly timers = new Map<NodeJS.Timeout, RequeueTarget>();

  /** Hands `items` back to `target` after `delay` ms (at once when 0). */
  handBack(target: RequeueTarget, items: PendingDelivery[], delay: number): void {
    if (items.length === 0) return;
    if (delay <= 0) {
      target.requeue(items);
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!target.closed) target.requeue(items);
    }, delay);
    this.timers.set(timer, target);
  }

  /** How many hand-backs still wait for their delay. */
  get waiting(): number {
    return this.timers.size;
  }

  /** `target` closed: its waiting messages go back to the broker with its subscription. */
  cancelFor(target: RequeueTarget): void {
    for (const [timer, owner] of this.timers) {
      if (owner !== target) continue;
      clearTimeout(timer);
      this.timers.delete(timer);
    }
  }

  /** The session closes: nothing more is handed back. */
  cancelAll(): void {
    for (const timer of this.timers.keys()) clearTimeout(timer);
    this.timers.clear();
  }
}
