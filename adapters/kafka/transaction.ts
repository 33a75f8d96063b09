import { Partitioners, type Kafka, type Producer, type RecordMetadata, type Transaction } from 'kafkajs';
import { ErrorCode } from '../../src/api/error-codes.js';
import { IllegalStateException, JMSException } from '../../src/api/exceptions.js';
import { withBackoff } from './backoff.js';
import { BatchingSender } from './sender.js';
import type { KafkaDelivery, KafkaSubscription } from './subscription.js';

/** Kafka error types that mean another producer now owns this transactional id. */
const FENCED = new Set(['INVALID_PRODUCER_EPOCH', 'PRODUCER_FENCED', 'INVALID_PRODUCER_ID_MAPPING']);
/** The coordinator is still finishing the previous transaction's markers: try again shortly. */
const BUSY = 'CONCURRENT_TRANSACTIONS';
/** The longest a commit waits for its records to become readable (see visible()). */
const VISIBLE_WITHIN_MS = 2000;

/** A topic's last stable offset per partition: where read_committed readers stop. */
export type StableOffsets = (topic: string) => Promise<Map<number, bigint>>;

function errorTypes(error: unknown): string[] {
  const types: string[] = [];
  for (let e = error as { type?: string; cause?: unknown; originalError?: unknown } | undefined; e; ) {
    if (typeof e.type === 'string') types.push(e.type);
    e = (e.cause ?? e.originalError) as typeof e | undefined;
  }
  return types;
}

/**
 * A transacted session's Kafka transaction: a transactional producer whose sends and consumed
 * offsets (`sendOffsets`, per consumer group) commit or abort together, so consume-transform-produce
 * is exactly once. A transaction is always open: kafkajs begins one locally and the broker only
 * hears of it at the first send or offsets, so an empty commit costs nothing.
 *
 * The transactional id is stable when the connection has a client id (`jms.tx.<clientId>.<n>`, n
 * the session's slot): the client-id claim keeps it unique among live connections, and after a
 * crash the restarted application's producer fences the dead one at once, which makes the broker
 * abort the transaction it left open (otherwise readers in read_committed would wait for it to time
 * out). Without a client id the id is unique per session, and a crash's open transaction is aborted
 * by the broker after `transactionTimeout`.
 */
export class KafkaTransaction {
  readonly sender = new BatchingSender(async () => {
    const transaction = await this.current();
    return { sendBatch: async (batch) => this.wrote(await transaction.sendBatch(batch)) };
  });
  /** Per topic and partition, the first offset this transaction wrote. */
  private written = new Map<string, Map<number, bigint>>();
  /**
   * Acknowledged deliveries awaiting the commit. Kept across a rollback: outside a failed commit they
   * are messages the client consumed without showing them (expired, filtered), whose offsets must
   * not stay open. After a failed commit they also hold what the client now redelivers: a later
   * commit can then move the group past those before the application commits them again, which
   * matters only if the process dies before it does.
   */
  private readonly acks = new Set<KafkaDelivery>();
  private producer: Promise<Producer>;
  private transaction: Promise<Transaction>;
  private fenced = false;

  constructor(
    private readonly kafka: Kafka,
    readonly transactionalId: string,
    private readonly timeout: number,
    private readonly stableOffsets: StableOffsets,
  ) {
    this.producer = this.connect();
    this.transaction = this.begin();
  }

  /** A new transaction; a failure surfaces where it is awaited, never as an unhandled rejection. */
  private begin(): Promise<Transaction> {
    const transaction = this.producer.then((producer) => producer.transaction());
    transaction.catch(() => undefined);
    return transaction;
  }

  /** Resolves once the producer holds its transactional id (and so fenced any predecessor). */
  async ready(): Promise<void> {
    await this.transaction;
  }

  private async connect(): Promise<Producer> {
    const producer = this.kafka.producer({
      transactionalId: this.transactionalId,
      idempotent: true,
      maxInFlightRequests: 1,
      transactionTimeout: this.timeout,
      createPartitioner: Partitioners.DefaultPartitioner,
      // The first request after a commit often meets CONCURRENT_TRANSACTIONS for a few ms: retry soon.
      retry: { retries: 30, initialRetryTime: 10, maxRetryTime: 1000 },
    });
    await producer.connect();
    return producer;
  }

  private current(): Promise<Transaction> {
    if (this.fenced) return Promise.reject(this.fencedError());
    return this.transaction;
  }

  private wrote(records: RecordMetadata[]): RecordMetadata[] {
    for (const { topicName, partition, baseOffset } of records) {
      const partitions = this.written.get(topicName) ?? new Map<number, bigint>();
      this.written.set(topicName, partitions);
      if (!partitions.has(partition) && baseOffset !== undefined) partitions.set(partition, BigInt(baseOffset));
    }
    return records;
  }

  /**
   * The broker writes the commit markers after EndTxn answers; until they land, read_committed
   * readers and browsers stop before this transaction's records. Waiting for that here means what
   * follows a commit sees its messages. Only while the last stable offset is this transaction's
   * first record: below it, an older open transaction holds readers back, and is not ours to wait for.
   */
  private async visible(written: Map<string, Map<number, bigint>>): Promise<void> {
    const deadline = Date.now() + VISIBLE_WITHIN_MS;
    for (const [topic, partitions] of written) {
      for (;;) {
        const stable = await this.stableOffsets(topic).catch(() => null);
        if (stable === null || [...partitions].every(([partition, first]) => stable.get(partition) !== first)) break;
        if (Date.now() > deadline) return;
        await new Promise((resolve) => setTimeout(resolve, 5)); // the broker offers no event for this
      }
    }
  }

  acknowledge(deliveries: readonly KafkaDelivery[]): void {
    for (const delivery of deliveries) this.acks.add(delivery);
  }

  async commit(): Promise<void> {
    const transaction = await this.current();
    const bySubscription = new Map<KafkaSubscription, KafkaDelivery[]>();
    for (const delivery of this.acks) {
      if (!delivery.subscription.isOpen) continue; // its partition may have another owner now
      const list = bySubscription.get(delivery.subscription) ?? [];
      list.push(delivery);
      bySubscription.set(delivery.subscription, list);
    }
    try {
      for (const [subscription, list] of bySubscription) {
        const partitions = subscription.offsetsAfter(list).map(({ partition, offset }) => ({ partition, offset }));
        if (partitions.length === 0) continue;
        // kafkajs does not retry AddOffsetsToTxn itself.
        await this.whenFree(() => transaction.sendOffsets({ consumerGroupId: subscription.groupId, topics: [{ topic: subscription.topic, partitions }] }));
      }
      await transaction.commit();
    } catch (error) {
      throw this.failure(error, 'Kafka did not commit the transaction');
    }
    this.acks.clear();
    for (const [subscription, list] of bySubscription) subscription.consumed(list);
    this.transaction = this.begin();
    const written = this.written;
    this.written = new Map();
    await this.visible(written);
  }

  async rollback(): Promise<void> {
    if (this.fenced) throw this.fencedError();
    this.written = new Map();
    try {
      const transaction = await this.transaction;
      if (transaction.isActive()) await transaction.abort();
      this.transaction = this.begin();
      await this.transaction; // kafkajs refuses a new one while a failed commit left its state open
    } catch (error) {
      if (this.isFencing(error)) throw this.failure(error, 'Kafka did not abort the transaction');
      // A producer in an unknown state (a failed commit or abort) is replaced: its successor's
      // InitProducerId makes the broker abort whatever the old one left open.
      await this.replace();
    }
  }

  private async replace(): Promise<void> {
    const old = this.producer;
    this.producer = this.connect();
    this.transaction = this.begin();
    await old.then((producer) => producer.disconnect()).catch(() => undefined);
    await this.transaction.catch((error: unknown) => {
      throw this.failure(error, 'Cannot open a new Kafka transaction');
    });
  }

  private whenFree<T>(run: () => Promise<T>): Promise<T> {
    return withBackoff(run, (error, tries) => errorTypes(error).includes(BUSY) && tries < 10);
  }

  private isFencing(error: unknown): boolean {
    return errorTypes(error).some((type) => FENCED.has(type));
  }

  private failure(error: unknown, what: string): JMSException {
    if (this.isFencing(error)) {
      this.fenced = true;
      return this.fencedError();
    }
    if (error instanceof JMSException) return error;
    return new JMSException(`${what}: ${(error as Error)?.message ?? String(error)}`, ErrorCode.TRANSACTION_FAILED, error);
  }

  private fencedError(): IllegalStateException {
    return new IllegalStateException(
      `Kafka fenced transactional id "${this.transactionalId}": a newer producer (a connection with the same client id) owns it; this session can no longer commit`,
    );
  }

  /** Aborts what is open (a closed session rolls back) and disconnects. */
  async close(): Promise<void> {
    await this.transaction.then((t) => (t.isActive() ? t.abort() : undefined)).catch(() => undefined);
    await this.producer.then((producer) => producer.disconnect()).catch(() => undefined);
  }
}
