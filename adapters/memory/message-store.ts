import type { Destination } from '../../src/api/destination.js';
import type { Delivery, Envelope } from '../../src/spi/public.js';
import type { DeliverySink as Sink } from '../../src/spi/public.js';
import { ALL_NATIVE, type MemoryNative } from './emulation.js';

/** A message held by a store, with its delivery state. */
export interface Entry {
  readonly envelope: Envelope;
  readonly seq: number;
  /** The priority level it waits at: its JMSPriority, or 4 when priority is emulated by the client. */
  readonly level: number;
  /** False when the client emulates expiry: the store then keeps expired messages. */
  readonly expires: boolean;
  deliveryCount: number;
}

/** What a store hands to a consumer; the consumer acknowledges or releases it. */
export class MemoryDelivery implements Delivery {
  constructor(
    readonly entry: Entry,
    readonly consumer: StoreConsumer,
    readonly store: MessageStore,
    readonly destination: Destination,
  ) {}
  get envelope(): Envelope { return this.entry.envelope; }
  get redelivered(): boolean { return this.entry.deliveryCount > 1; }
  get deliveryCount(): number | null { return this.consumer.countsDeliveries ? this.entry.deliveryCount : null; }
}

/** A consumer attached to a store, with its prefetch window and filter. */
export class StoreConsumer {
  readonly inFlight = new Set<MemoryDelivery>();
  closed = false;

  constructor(
    readonly sink: Sink,
    readonly prefetch: number,
    readonly accepts: (envelope: Envelope) => boolean,
    /** False when the client emulates JMSXDeliveryCount. */
    readonly countsDeliveries = true,
  ) {}

  get hasCredit(): boolean {
    return !this.closed && this.inFlight.size < this.prefetch;
  }
}

/** A FIFO with O(1) push and shift, and ordered re-insertion for returned messages. */
class Fifo {
  private items: Entry[] = [];
  private head = 0;

  get size(): number { return this.items.length - this.head; }
  push(entry: Entry): void { this.items.push(entry); }
  at(index: number): Entry { return this.items[this.head + index]; }

  removeAt(index: number): void {
    if (index === 0) {
      this.items[this.head++] = undefined as unknown as Entry;
      if (this.head > 1024 && this.head * 2 > this.items.length) {
        this.items = this.items.slice(this.head);
        this.head = 0;
      }
    } else {
      this.items.splice(this.head + index, 1);
    }
  }

  /** Puts a returned entry back where its sequence number places it. */
  insertBySeq(entry: Entry): void {
    let low = this.head;
    let high = this.items.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.items[mid].seq < entry.seq) low = mid + 1;
      else high = mid;
    }
    this.items.splice(low, 0, entry);
  }

  *entries(): Generator<Entry> {
    for (let i = this.head; i < this.items.length; i++) yield this.items[i];
  }
}

let nextSeq = 0;

/**
 * The messages of one queue or one topic subscription: highest priority first, FIFO within a
 * priority, dispatched to consumers with free prefetch in turn. Expired messages are dropped
 * when met; messages not yet due wait on a timer.
 */
export class MessageStore {
  private readonly levels: Fifo[] = Array.from({ length: 10 }, () => new Fifo());
  private readonly consumers: StoreConsumer[] = [];
  private readonly scheduled = new Set<NodeJS.Timeout>();
  private turn = 0;
  /** Messages waiting in the levels: dispatch, which runs per send and per ack, returns at once at 0. */
  private waiting = 0;
  private dispatching = false;
  private again = false;

  constructor(readonly destination: Destination) {}

  get consumerCount(): number { return this.consumers.length; }

  /** Stores a message; `native` says which features the store does (the rest the client emulates). */
  enqueue(envelope: Envelope, native: MemoryNative = ALL_NATIVE): void {
    const level = native.priority ? clampPriority(envelope.priority) : 4;
    const entry: Entry = { envelope, seq: nextSeq++, level, expires: native.timeToLive, deliveryCount: 0 };
    const delay = envelope.deliveryTime - Date.now();
    if (native.deliveryDelay && envelope.deliveryTime > 0 && delay > 0) {
      const timer = setTimeout(() => {
        this.scheduled.delete(timer);
        this.levels[entry.level].push(entry);
        this.waiting++;
        this.dispatch();
      }, delay);
      this.scheduled.add(timer);
      return;
    }
    this.levels[level].push(entry);
    this.waiting++;
    this.dispatch();
  }

  addConsumer(consumer: StoreConsumer): void {
    this.consumers.push(consumer);
    this.dispatch();
  }

  /** Removes a consumer and returns its unacknowledged messages to the store. */
  removeConsumer(consumer: StoreConsumer): void {
    consumer.closed = true;
    const index = this.consumers.indexOf(consumer);
    if (index >= 0) this.consumers.splice(index, 1);
    for (const delivery of consumer.inFlight) this.levels[delivery.entry.level].insertBySeq(delivery.entry);
    this.waiting += consumer.inFlight.size;
    consumer.inFlight.clear();
    this.dispatch();
  }

  acknowledge(delivery: MemoryDelivery): void {
    if (delivery.consumer.inFlight.delete(delivery)) this.dispatch();
  }

  /** The messages waiting now, in delivery order (not those delivered and unacknowledged). */
  *available(now = Date.now()): Generator<Envelope> {
    for (let p = 9; p >= 0; p--) {
      for (const entry of this.levels[p].entries()) {
        if (!(entry.expires && isExpired(entry.envelope, now))) yield entry.envelope;
      }
    }
  }

  /** Drops every message and timer. */
  discard(): void {
    for (const timer of this.scheduled) clearTimeout(timer);
    this.scheduled.clear();
    for (let p = 0; p < 10; p++) this.levels[p] = new Fifo();
    this.waiting = 0;
  }

  dispatch(): void {
    if (this.waiting === 0) return;
    if (this.dispatching) {
      this.again = true;
      return;
    }
    this.dispatching = true;
    try {
      do {
        this.again = false;
        this.dispatchOnce();
      } while (this.again);
    } finally {
      this.dispatching = false;
    }
  }

  private dispatchOnce(): void {
    let now = 0; // read only when a message can expire: dispatch runs per message
    for (let p = 9; p >= 0 && this.waiting > 0; p--) {
      const level = this.levels[p];
      let index = 0;
      while (index < level.size) {
        if (!this.anyCredit()) return;
        const entry = level.at(index);
        if (entry.expires && entry.envelope.expiration !== 0 && isExpired(entry.envelope, now || (now = Date.now()))) {
          level.removeAt(index);
          this.waiting--;
          continue;
        }
        const consumer = this.pickConsumer(entry.envelope);
        if (!consumer) {
          index++;
          continue;
        }
        level.removeAt(index);
        this.waiting--;
        entry.deliveryCount++;
        const delivery = new MemoryDelivery(entry, consumer, this, this.destination);
        consumer.inFlight.add(delivery);
        consumer.sink.deliver(delivery);
      }
    }
  }

  private anyCredit(): boolean {
    for (let i = 0; i < this.consumers.length; i++) if (this.consumers[i].hasCredit) return true;
    return false;
  }

  private pickConsumer(envelope: Envelope): StoreConsumer | undefined {
    const count = this.consumers.length;
    for (let i = 0; i < count; i++) {
      const consumer = this.consumers[(this.turn + i) % count];
      if (consumer.hasCredit && consumer.accepts(envelope)) {
        this.turn = (this.turn + i + 1) % count;
        return consumer;
      }
    }
    return undefined;
  }
}

export function isExpired(envelope: Envelope, now: number): boolean {
  return envelope.expiration !== 0 && envelope.expiration <= now;
}

function clampPriority(priority: number): number {
  return priority < 0 ? 0 : priority > 9 ? 9 : priority;
}

