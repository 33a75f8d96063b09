import { randomUUID } from 'node:crypto';
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { ErrorCode } from '../../src/api/error-codes.js';
import { JMSException } from '../../src/api/exceptions.js';
import type { Envelope } from '../../src/spi/public.js';
import type { ProviderBrowser } from '../../src/spi/public.js';
import { recordToEnvelope } from './records.js';
import type { ConsumerTiming } from './options.js';

/** One partition of a browse: offsets from `start` (included) to `end` (excluded). */
export interface BrowseRange {
  readonly partition: number;
  readonly start: bigint;
  readonly end: bigint;
}

/** Records read ahead of the application. */
const LOOKAHEAD = 500;

/**
 * A QueueBrowser's look at a queue topic: a consumer in a throwaway group (it commits nothing, so
 * the queue's own group is untouched) reads each partition from the queue group's committed offset
 * to the end offset taken when the browse began, then leaves. Aborted records and transaction
 * markers are skipped by kafkajs; its end-of-batch event still reports how far the log was read.
 */
export class KafkaBrowser implements ProviderBrowser {
  private readonly buffer: Envelope[] = [];
  /** Partitions not yet read to their end, with that end. */
  private readonly remaining = new Map<number, bigint>();
  private wake: (() => void) | null = null;
  private failure: JMSException | null = null;
  private consumer: Consumer | null = null;
  private stopping: Promise<void> | null = null;

  private constructor(
    private readonly topic: string,
    ranges: readonly BrowseRange[],
    private readonly groupId: string,
    private readonly onStopped: (browser: KafkaBrowser, groupId: string | null) => Promise<void>,
  ) {
    for (const { partition, start, end } of ranges) if (start < end) this.remaining.set(partition, end);
  }

  static async open(
    kafka: Kafka,
    topic: string,
    ranges: readonly BrowseRange[],
    timing: ConsumerTiming,
    onStopped: (browser: KafkaBrowser, groupId: string | null) => Promise<void>,
  ): Promise<KafkaBrowser> {
    const browser = new KafkaBrowser(topic, ranges, `jms.browser.${randomUUID()}`, onStopped);
    if (browser.remaining.size > 0) await browser.start(kafka, ranges, timing);
    else await browser.stop();
    return browser;
  }

  private async start(kafka: Kafka, ranges: readonly BrowseRange[], timing: ConsumerTiming): Promise<void> {
    const consumer = kafka.consumer({ groupId: this.groupId, allowAutoTopicCreation: false, ...timing });
    this.consumer = consumer;
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => this.readUpTo(payload.partition, BigInt(payload.lastOffset) + 1n));
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) this.fail(new JMSException(`Browsing ${this.topic} failed: ${payload.error.message}`, ErrorCode.BROWSE_FAILED, payload.error));
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [this.topic], fromBeginning: true });
    await consumer.run({ autoCommit: false, eachBatch: (payload) => this.onBatch(payload) });
    for (const { partition, start, end } of ranges) {
      // A partition with nothing to show is parked at its end.
      consumer.seek({ topic: this.topic, partition, offset: (this.remaining.has(partition) ? start : end).toString() });
    }
  }

  private async onBatch({ batch, heartbeat, pause, isRunning }: EachBatchPayload): Promise<void> {
    const end = this.remaining.get(batch.partition);
    if (end === undefined) {
      pause();
      return;
    }
    for (const message of batch.messages) {
      if (BigInt(message.offset) >= end) break;
      try {
        this.buffer.push(recordToEnvelope(message, this.topic, batch.partition));
      } catch (error) {
        this.fail(error instanceof JMSException ? error : new JMSException(String(error)));
        return;
      }
    }
    this.notify();
    // Backpressure: wait for the application, heartbeating so the throwaway member keeps its place.
    while (this.buffer.length >= LOOKAHEAD && isRunning() && this.stopping === null) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 1000);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      await heartbeat();
    }
  }

  private readUpTo(partition: number, position: bigint): void {
    const end = this.remaining.get(partition);
    if (end === undefined || position < end) return;
    this.remaining.delete(partition);
    this.consumer?.pause([{ topic: this.topic, partitions: [partition] }]);
    if (this.remaining.size === 0) void this.stop();
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private fail(error: JMSException): void {
    this.failure ??= error;
    void this.stop();
    this.notify();
  }

  async next(): Promise<Envelope | null> {
    for (;;) {
      const envelope = this.buffer.shift();
      if (envelope !== undefined) {
        if (this.buffer.length === LOOKAHEAD - 1) this.notify(); // room again for the fetcher
        return envelope;
      }
      if (this.failure !== null) throw this.failure;
      if (this.remaining.size === 0 || this.stopping !== null) return null;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  get stopped(): boolean {
    return this.stopping !== null;
  }

  /** Leaves the throwaway group, if one was joined, and removes it. */
  private stop(): Promise<void> {
    this.stopping ??= (async () => {
      if (this.consumer !== null) await this.consumer.disconnect().catch(() => undefined);
      await this.onStopped(this, this.consumer === null ? null : this.groupId);
    })();
    return this.stopping;
  }

  async close(): Promise<void> {
    this.buffer.length = 0;
    await this.stop();
    this.notify();
  }
}
