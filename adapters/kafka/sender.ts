import type { ProducerBatch } from 'kafkajs';
import type { KafkaRecord } from './records.js';

interface Pending {
  readonly topic: string;
  readonly record: KafkaRecord;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/** Kafka refuses a record batch over max.message.bytes (1 MiB by default): batches stay well under it. */
const BATCH_BYTES = 512 * 1024;
const BATCH_RECORDS = 1000;

/** A producer, or a transaction of one: what a batch goes to. */
export interface BatchTarget {
  sendBatch(batch: ProducerBatch): Promise<unknown>;
}

/**
 * Sends in call order with at most one request in flight: sends that arrive while one is on the
 * wire go together in the next batch, so pipelined sends cost one round trip per batch.
 */
export class BatchingSender {
  private queue: Pending[] = [];
  private flushing = false;

  constructor(private readonly target: () => Promise<BatchTarget>) {}

  send(topic: string, record: KafkaRecord): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ topic, record, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        queueMicrotask(() => void this.flush()); // let the rest of this tick's sends join the batch
      }
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.takeBatch();
      const byTopic = new Map<string, KafkaRecord[]>();
      for (const { topic, record } of batch) {
        const records = byTopic.get(topic) ?? [];
        records.push(record);
        byTopic.set(topic, records);
      }
      try {
        const target = await this.target();
        await target.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
        for (const pending of batch) pending.resolve();
      } catch (error) {
        for (const pending of batch) pending.reject(error);
      }
    }
    this.flushing = false;
  }

  /** The oldest sends, up to the batch limits (at least one, whatever its size). */
  private takeBatch(): Pending[] {
    let bytes = 0;
    let count = 0;
    while (count < this.queue.length && count < BATCH_RECORDS) {
      bytes += this.queue[count]!.record.value.length;
      if (count > 0 && bytes > BATCH_BYTES) break;
      count++;
    }
    return this.queue.splice(0, count);
  }
}
