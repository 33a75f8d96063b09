import type { PendingDelivery } from './pending-delivery.js';

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

  peek(): PendingDelivery | undefined {
    if (this.size === 0) return undefined;
    return this.items[this.byPriority ? this.highestIndex() : this.head];
  }

  shift(): PendingDelivery | undefined {
    if (this.size === 0) return undefined;
    if (this.byPriority) {
      const index = this.highestIndex();
      const [item] = this.items.splice(index, 1);
      return item;
    }
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  drain(): PendingDelivery[] {
    const rest = this.items.slice(this.head) as PendingDelivery[];
    this.items = [];
    this.head = 0;
    return rest;
  }

  private highestIndex(): number {
    let best = this.head;
    for (let i = this.head + 1; i < this.items.length; i++) {
      if (this.items[i]!.delivery.envelope.priority > this.items[best]!.delivery.envelope.priority) best = i;
    }
    return best;
  }
}
