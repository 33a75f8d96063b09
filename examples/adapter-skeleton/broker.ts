import type { Destination } from '../../src/index.js';
import type { Delivery, DeliverySink, Envelope } from '../../src/spi/public.js';

/**
 * A tiny in-process broker standing in for the one your adapter talks to: queues with competing
 * consumers, topics that fan out to one queue per subscription, and nothing else. It exists so
 * the skeleton adapter can run the conformance suite; replace it with your broker's client.
 */

/** A message in a queue, with its place (to put it back in order) and whether it was handed out before. */
interface Entry {
  readonly envelope: Envelope;
  readonly seq: number;
  delivered: boolean;
}

let nextSeq = 0;

/** What the broker hands out: the Delivery the SPI asks for, plus what is needed to acknowledge it. */
export class SkeletonDelivery implements Delivery {
  constructor(
    readonly entry: Entry,
    readonly consumer: Consumer,
    readonly destination: Destination,
    readonly redelivered: boolean,
  ) {}
  get envelope(): Envelope {
    return this.entry.envelope;
  }
  /** This broker does not count deliveries; capability deliveryCount is `emulated`. */
  readonly deliveryCount = null;
}

/** One consumer of a queue: its sink, its prefetch window and what it holds unacknowledged. */
export class Consumer {
  readonly inFlight = new Set<SkeletonDelivery>();
  closed = false;

  constructor(
    readonly queue: BrokerQueue,
    readonly sink: DeliverySink,
    readonly prefetch: number,
    /** The topic a subscription's queue belongs to, as the Delivery's destination. */
    readonly destination: Destination,
  ) {}
}

export class BrokerQueue {
  private entries: Entry[] = [];
  private readonly consumers: Consumer[] = [];
  private turn = 0;

  push(envelope: Envelope): void {
    this.entries.push({ envelope, seq: nextSeq++, delivered: false });
    this.dispatch();
  }

  /** The messages waiting, for a browser (in-flight messages are not in the queue right now). */
  snapshot(): Envelope[] {
    return this.entries.map((entry) => entry.envelope);
  }

  addConsumer(consumer: Consumer): void {
    this.consumers.push(consumer);
    this.dispatch();
  }

  /** Removes the consumer and gives back, in their original order, the messages it did not acknowledge. */
  removeConsumer(consumer: Consumer): void {
    consumer.closed = true;
    const index = this.consumers.indexOf(consumer);
    if (index >= 0) this.consumers.splice(index, 1);
    const returned = [...consumer.inFlight].map((delivery) => delivery.entry);
    consumer.inFlight.clear();
    if (returned.length > 0) {
      this.entries = [...this.entries, ...returned].sort((a, b) => a.seq - b.seq);
      this.dispatch();
    }
  }

  /** Consumes a delivery; a delivery its consumer gave back (closed) is no longer in flight: a no-op. */
  acknowledge(delivery: SkeletonDelivery): void {
    if (delivery.consumer.inFlight.delete(delivery)) this.dispatch();
  }

  /** Hands waiting messages to consumers with room in their prefetch window, taking turns. */
  private dispatch(): void {
    while (this.entries.length > 0) {
      const consumer = this.nextConsumerWithCredit();
      if (consumer === null) return;
      const entry = this.entries.shift()!;
      const delivery = new SkeletonDelivery(entry, consumer, consumer.destination, entry.delivered);
      entry.delivered = true;
      consumer.inFlight.add(delivery);
      consumer.sink.deliver(delivery);
    }
  }

  private nextConsumerWithCredit(): Consumer | null {
    for (let i = 0; i < this.consumers.length; i++) {
      const consumer = this.consumers[(this.turn + i) % this.consumers.length]!;
      if (!consumer.closed && consumer.inFlight.size < consumer.prefetch) {
        this.turn = (this.turn + i + 1) % this.consumers.length;
        return consumer;
      }
    }
    return null;
  }
}

/** What the broker needs of a connection to fail it when the broker goes away. */
export interface BrokerClient {
  lose(reason: string): void;
}

export class SkeletonBroker {
  private static readonly brokers = new Map<string, SkeletonBroker>();
  private readonly queues = new Map<string, BrokerQueue>();
  /** Each topic's subscriptions, each a queue of its own. */
  private readonly topics = new Map<string, Set<BrokerQueue>>();
  private readonly clientIds = new Set<string>();
  readonly clients = new Set<BrokerClient>();

  /** One broker per name, so tests can use one each (`skeleton://name`). */
  static named(name: string): SkeletonBroker {
    let broker = SkeletonBroker.brokers.get(name);
    if (!broker) SkeletonBroker.brokers.set(name, (broker = new SkeletonBroker()));
    return broker;
  }

  queue(name: string): BrokerQueue {
    let queue = this.queues.get(name);
    if (!queue) this.queues.set(name, (queue = new BrokerQueue()));
    return queue;
  }

  send(destination: Destination, envelope: Envelope): void {
    if (destination.kind === 'queue') this.queue(destination.name).push(envelope);
    else for (const subscription of this.topics.get(destination.name) ?? []) subscription.push(envelope);
  }

  /** A non-durable subscription: a queue that gets every message sent to the topic from now on. */
  subscribeTopic(topic: string): BrokerQueue {
    const subscription = new BrokerQueue();
    let subscriptions = this.topics.get(topic);
    if (!subscriptions) this.topics.set(topic, (subscriptions = new Set()));
    subscriptions.add(subscription);
    return subscription;
  }

  unsubscribeTopic(topic: string, subscription: BrokerQueue): void {
    this.topics.get(topic)?.delete(subscription);
  }

  /** Claims a client id; false when another connection holds it. */
  claimClientId(clientId: string): boolean {
    if (this.clientIds.has(clientId)) return false;
    this.clientIds.add(clientId);
    return true;
  }

  releaseClientId(clientId: string | null): void {
    if (clientId !== null) this.clientIds.delete(clientId);
  }

  /** Test hook: the broker goes away, every connection is lost and every message with it. */
  crash(reason = 'the skeleton broker crashed'): void {
    for (const client of [...this.clients]) client.lose(reason);
    this.queues.clear();
    this.topics.clear();
    this.clientIds.clear();
  }
}
