import type { PendingDelivery } from './pending-delivery.js';

/** What the buffer should do with an item it looks at: hand it out, leave it for later, or drop it. */
export type Verdict = 'take' | 'skip' | 'drop';

/**
 * The messages a consumer holds, in delivery order: a FIFO with O(1) push and shift, redeliveries
 * put back at the front. With `byPriority`, the highest JMSPriority is taken first (the client's
 * priority emulation), FIFO within a priority.
 */
export class DeliveryBuffer {
  private items: (PendingDelivery | undefined)[] = [];
  private head = 0;

  constructor(private readonly byPriority: boolean) {}

  get size(): number {
    return this.items.length - this.head;
  }

  push(item: PendingDelivery): void {
    this.items.push(item);
  }

  /** Puts redelivered items back at the front, keeping their order. */
  unshiftAll(items: PendingDelivery[]): void {
    if (items.length === 0) return;
    this.items = [...items, ...this.items.slice(this.head)];
    this.head = 0;
  }

  /**
   * Removes and returns the first item `judge` says to take (the highest priority of those, with
   * `byPriority`); items judged 'drop' on the way are removed and passed to `dropped`.
   */
  take(judge: (item: PendingDelivery) => Verdict, dropped: (item: PendingDelivery) => void): PendingDelivery | undefined {
    let best = -1;
    for (let i = this.head; i < this.items.length; ) {
      const item = this.items[i]!;
      const verdict = judge(item);
      if (verdict === 'drop') {
        const atHead = i === this.head;
        this.removeAt(i);
        dropped(item);
        if (atHead) i = this.head; // else the next item has moved up to i
        continue;
      }
      if (verdict === 'take') {
        if (!this.byPriority) {
          this.removeAt(i);
          return item;
        }
        if (best < 0 || item.delivery.envelope.priority > this.items[best]!.delivery.envelope.priority) best = i;
      }
      i++;
    }
    if (best < 0) return undefined;
    const item = this.items[best]!;
    this.removeAt(best);
    return item;
  }

  drain(): PendingDelivery[] {
    const rest = this.items.slice(this.head) as PendingDelivery[];
    this.items = [];
    this.head = 0;
    return rest;
  }

  private removeAt(index: number): void {
    if (index !== this.head) {
      this.items.splice(index, 1);
      return;
    }
    this.items[this.head++] = undefined;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}
