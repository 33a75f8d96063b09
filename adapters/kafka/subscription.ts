import { unreachable } from './errors.js';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import type { Destination } from '../../src/api/destination.js';
import { ErrorCode } from '../../src/api/error-codes.js';
import { JMSException } from '../../src/api/exceptions.js';
import type { Delivery, Envelope } from '../../src/spi/public.js';
import type { DeliverySink, ProviderSubscription } from '../../src/spi/public.js';
import { OffsetCommitter } from './committer.js';
import type { ConsumerTiming } from './options.js';
import { recordToEnvelope } from './records.js';

/** How often a batch being handed on stops to let kafkajs heartbeat (its interval is 300 ms, see options.ts). */
const HEARTBEAT_CHECK_MS = 300;

/** A group's offset to commit: the next offset to read. */
export type OffsetCommit = { topic: string; partition: number; offset: string };

/** Offsets a new group member starts from, per partition. */
export type StartOffsets = { partition: number; offset: string }[];

export class KafkaDelivery implements Delivery {
  constructor(
    readonly envelope: Envelope,
    readonly destination: Destination,
    readonly redelivered: boolean,
    readonly partition: number,
    readonly offset: bigint,
    readonly subscription: KafkaSubscription,
  ) {}

  get deliveryCount(): number | null {
    return null;
  }

  telemetryAttributes(): Readonly<Record<string, string | number>> {
    return { 'messaging.destination.partition.id': String(this.partition), 'messaging.kafka.offset': Number(this.offset), 'messaging.consumer.group.name': this.subscription.groupId };
  }
}

/**
 * One consumer-group member. Acknowledging is committing offsets: the commit only ever moves to
 * the first offset not yet acknowledged, so nothing the application has not had is skipped. In a
 * transacted session the offsets go into the Kafka transaction instead (see transaction.ts).
 *
 * The handler kafkajs calls hands a fetched batch on and returns, so kafkajs heartbeats however
 * long an asynchronous listener runs, and it is asked to between records while synchronous ones
 * run (see onBatch): a slow listener never costs the member its place in the group. While paused
 * at the prefetch limit kafkajs keeps heartbeating too.
 */
export class KafkaSubscription implements ProviderSubscription {
  private open = true;
  private paused = false;
  /** Per partition, delivered offsets in order, true once acknowledged. */
  private readonly delivered = new Map<number, Map<bigint, boolean>>();
  private outstanding = 0;
  private readonly committer: OffsetCommitter;

  constructor(
    private readonly consumer: Consumer,
    readonly topic: string,
    private readonly destination: Destination,
    private readonly sink: DeliverySink,
    private readonly prefetch: number,
    /** Highest offset this process delivered per group partition, so a second delivery is marked redelivered. */
    private readonly seen: Map<string, bigint>,
    readonly groupId: string,
    private readonly onClosed: (subscription: KafkaSubscription) => void,
    commitDelayMs: number,
  ) {
    this.committer = new OffsetCommitter((offsets) => this.commit(offsets), commitDelayMs);
  }

  /** Joins the group and starts fetching; resolves once the group has this member. */
  static async start(options: {
    kafka: Kafka;
    groupId: string;
    topic: string;
    fromBeginning: boolean;
    /** For a new subscription: where it starts, committed at once so the group keeps it. */
    startAt: StartOffsets | null;
    destination: Destination;
    sink: DeliverySink;
    prefetch: number;
    seen: Map<string, bigint>;
    timing: ConsumerTiming;
    onClosed: (subscription: KafkaSubscription) => void;
    /** The consumer lost the brokers (kafkajs gave up retrying): the connection's loss, reported by it. */
    onLinkLost: (reason: string) => void;
    /** How long acknowledgements gather before they are committed (0: as soon as no commit is in flight). */
    commitDelayMs: number;
  }): Promise<KafkaSubscription> {
    // A consumer that lost the brokers is not restarted by kafkajs: the connection is lost, and the
    // client layer re-creates it (a restarted one would hold partitions for a subscription gone stale).
    const consumer = options.kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
      ...options.timing,
      retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 1000, restartOnFailure: async (error) => !unreachable(error) },
    });
    const subscription = new KafkaSubscription(
      consumer,
      options.topic,
      options.destination,
      options.sink,
      options.prefetch,
      options.seen,
      options.groupId,
      options.onClosed,
      options.commitDelayMs,
    );
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    consumer.on(consumer.events.CRASH, (event) => {
      // A retriable crash is the network's (brokers unreachable): the connection is lost, and
      // recovered as a whole; any other crash ends this subscription alone.
      if (unreachable(event.payload.error)) options.onLinkLost(`a consumer lost the brokers: ${event.payload.error.message}`);
      else if (!event.payload.restart) subscription.fail(`the consumer stopped: ${event.payload.error.message}`);
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [options.topic], fromBeginning: options.fromBeginning });
    await consumer.run({
      autoCommit: false,
      // A batch is handed on in one go (one turn, so the client acknowledges it in one call); the
      // fetch position moves only past what was handed on, so records after a pause come again.
      eachBatchAutoResolve: false,
      eachBatch: (payload) => subscription.onBatch(payload),
    });
    const { startAt, topic } = options;
    if (startAt !== null) for (const { partition, offset } of startAt) consumer.seek({ topic, partition, offset });
    await joined;
    if (startAt !== null) await consumer.commitOffsets(startAt.map(({ partition, offset }) => ({ topic, partition, offset })));
    return subscription;
  }

  /**
   * Hands a batch's records on until the prefetch limit pauses the topic. A listener that does not
   * await runs inside deliver(), so kafkajs, which heartbeats only when asked, is asked between
   * records once in a while: a slow synchronous listener keeps the member in its group too.
   */
  private async onBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const { partition } = batch;
    const key = `${this.groupId}/${this.topic}/${partition}`;
    let last: string | null = null;
    let beat = performance.now();
    try {
      for (const message of batch.messages) {
        if (!this.open || !isRunning() || isStale()) break;
        const offset = BigInt(message.offset);
        const redelivered = (this.seen.get(key) ?? -1n) >= offset;
        if (!redelivered) this.seen.set(key, offset);
        last = message.offset;
        this.onRecord(partition, message, offset, redelivered);
        if (this.paused) break;
        if (performance.now() - beat >= HEARTBEAT_CHECK_MS) {
          await heartbeat();
          beat = performance.now();
        }
      }
    } finally {
      if (last !== null) resolveOffset(last);
    }
  }

  private onRecord(partition: number, message: KafkaMessage, offset: bigint, redelivered: boolean): void {
    let envelope: Envelope;
    try {
      envelope = recordToEnvelope(message, this.topic, partition);
    } catch (error) {
      this.sink.fail(error instanceof JMSException ? error : new JMSException(String(error)));
      return;
    }
    let offsets = this.delivered.get(partition);
    if (offsets === undefined) this.delivered.set(partition, (offsets = new Map<bigint, boolean>()));
    offsets.set(offset, false);
    if (++this.outstanding >= this.prefetch && !this.paused) {
      this.paused = true;
      this.consumer.pause([{ topic: this.topic }]);
    }
    this.sink.deliver(new KafkaDelivery(envelope, this.destination, redelivered, partition, offset, this));
  }

  get isOpen(): boolean {
    return this.open;
  }

  /**
   * Acknowledges outside a transaction: consumes the deliveries and commits the group's offsets,
   * coalesced with other acknowledgements (see OffsetCommitter). Resolves once they are committed.
   */
  acknowledge(deliveries: readonly KafkaDelivery[]): Promise<void> {
    if (!this.open) return Promise.resolve();
    const commits = this.offsetsAfter(deliveries);
    this.consumed(deliveries);
    if (commits.length === 0) return Promise.resolve();
    return this.committer.add(commits);
  }

  private commit(offsets: OffsetCommit[]): Promise<void> {
    return this.consumer.commitOffsets(offsets).catch((error: unknown) => {
      // A rebalance took the partition away: the next owner redelivers from the last commit.
      if (this.open) throw new JMSException(`Kafka refused an offset commit: ${(error as Error).message}`, ErrorCode.ACKNOWLEDGE_FAILED, error);
    });
  }

  /**
   * The offsets to commit once these deliveries are consumed: per partition, the first offset not
   * yet acknowledged, where that moved. Changes nothing, so a transaction that fails leaves all as it was.
   */
  offsetsAfter(deliveries: readonly KafkaDelivery[]): OffsetCommit[] {
    const acking = new Map<number, Set<bigint>>();
    for (const delivery of deliveries) {
      if (this.delivered.get(delivery.partition)?.get(delivery.offset) !== false) continue;
      const offsets = acking.get(delivery.partition) ?? new Set<bigint>();
      offsets.add(delivery.offset);
      acking.set(delivery.partition, offsets);
    }
    const commits: OffsetCommit[] = [];
    for (const [partition, offsets] of acking) {
      let next: bigint | null = null;
      for (const [offset, acked] of this.delivered.get(partition)!) {
        if (!acked && !offsets.has(offset)) break;
        next = offset + 1n;
      }
      if (next !== null) commits.push({ topic: this.topic, partition, offset: next.toString() });
    }
    return commits;
  }

  /** Marks deliveries consumed (their offsets committed or about to be), which reopens the prefetch window. */
  consumed(deliveries: readonly KafkaDelivery[]): void {
    if (!this.open) return;
    const touched = new Set<number>();
    for (const delivery of deliveries) {
      const offsets = this.delivered.get(delivery.partition);
      if (offsets?.get(delivery.offset) !== false) continue;
      offsets.set(delivery.offset, true);
      this.outstanding--;
      touched.add(delivery.partition);
    }
    for (const partition of touched) {
      const offsets = this.delivered.get(partition)!;
      for (const [offset, acked] of offsets) {
        if (!acked) break;
        offsets.delete(offset);
      }
    }
    if (this.paused && this.outstanding < this.prefetch) {
      this.paused = false;
      this.consumer.resume([{ topic: this.topic }]);
    }
  }

  private fail(reason: string): void {
    if (!this.open) return;
    this.sink.fail(new JMSException(`The subscription to ${this.destination} ended: ${reason}`, ErrorCode.SUBSCRIPTION_LOST));
    void this.close();
  }

  /** Commits what was acknowledged and leaves the group, so another member takes over from there. */
  async close(): Promise<void> {
    if (!this.open) return;
    this.open = false;
    this.onClosed(this);
    await this.committer.flush();
    await this.consumer.disconnect().catch(() => undefined);
  }
}
