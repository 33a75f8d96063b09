import type { Broker } from '@kafkats/client';

/** ShareFetch's answer, as @kafkats/client decodes it (the type is not exported by name). */
export type ShareFetchResponse = Awaited<ReturnType<Broker['shareFetch']>>;
import { ErrorCode } from '../../src/api/error-codes.js';
import { JMSException } from '../../src/api/exceptions.js';

/** KIP-932's acknowledge types (RENEW from KIP-1222, Kafka 4.2). */
export enum AckType {
  GAP = 0,
  ACCEPT = 1,
  RELEASE = 2,
  REJECT = 3,
  RENEW = 4,
}

interface Pending {
  readonly partition: number;
  readonly type: AckType;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

type Batch = { firstOffset: bigint; lastOffset: bigint; acknowledgeTypes: number[] };

/** Share-session errors after which the next fetch must open a new session (epoch 0). */
const SESSION_ERRORS = new Set([122, 123, 133]);

/**
 * One member's share session with a partition leader: its epoch (0 opens it, each request moves
 * it on, -1 closes it), the acknowledgements waiting for the next request, and lock renewals.
 * Requests are made one at a time by the subscription's fetch loop, as the epoch requires.
 */
export class ShareSessionAcks {
  private epoch = 0;
  private waiting = new Map<bigint, Pending>();
  /** The broker's record lock, from its last answer; renewals go out at half of it. */
  private lockMs = 0;
  private lastRenew = Date.now();
  /** When the oldest waiting acknowledgement was made. */
  private firstWaiting = 0;

  constructor(
    private readonly groupId: string,
    private readonly memberId: string,
  ) {}

  /** A share session is open (acknowledgements can go); a fetch opens one. */
  get sessionOpen(): boolean {
    return this.epoch !== 0;
  }

  get pending(): boolean {
    return this.waiting.size > 0;
  }

  /** How long until the waiting acknowledgements must go (Infinity when none wait, 0 when due). */
  dueInMs(lingerMs: number): number {
    if (this.waiting.size === 0) return Infinity;
    return Math.max(0, this.firstWaiting + lingerMs - Date.now());
  }

  get renewDue(): boolean {
    return this.lockMs > 0 && Date.now() - this.lastRenew >= this.lockMs / 2;
  }

  /** How long until renewals are due (or a while, when the lock is not known yet). */
  get renewInMs(): number {
    return this.lockMs > 0 ? Math.max(10, this.lastRenew + this.lockMs / 2 - Date.now()) : 1000;
  }

  /** Queues an acknowledgement for the next request; resolves once the broker took it. */
  add(partition: number, offset: bigint, type: AckType): Promise<void> {
    if (this.waiting.size === 0) this.firstWaiting = Date.now();
    const previous = this.waiting.get(offset);
    const promise = new Promise<void>((resolve, reject) => this.waiting.set(offset, { partition, type, resolve, reject }));
    promise.catch(() => undefined); // gaps and releases are not awaited by anyone
    if (previous) previous.resolve();
    return promise;
  }

  private take(partition: number): { batches: Batch[]; taken: Pending[] } {
    const offsets = [...this.waiting.entries()].filter(([, p]) => p.partition === partition).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const batches: Batch[] = [];
    const taken: Pending[] = [];
    for (const [offset, pending] of offsets) {
      this.waiting.delete(offset);
      taken.push(pending);
      const last = batches[batches.length - 1];
      if (last && last.lastOffset + 1n === offset && last.acknowledgeTypes[0] === pending.type) last.lastOffset = offset;
      else batches.push({ firstOffset: offset, lastOffset: offset, acknowledgeTypes: [pending.type] });
    }
    return { batches, taken };
  }

  /** A ShareFetch carrying the waiting acknowledgements of `partition`; opens the session when needed. */
  async fetch(leader: Broker, topicId: string, partition: number, limits: { maxWaitMs: number; maxRecords: number }): Promise<ShareFetchResponse> {
    const { batches, taken } = this.epoch === 0 ? { batches: [], taken: [] } : this.take(partition);
    let response: ShareFetchResponse;
    try {
      response = await leader.shareFetch({
        groupId: this.groupId,
        memberId: this.memberId,
        shareSessionEpoch: this.epoch,
        maxWaitMs: limits.maxWaitMs,
        minBytes: 1,
        maxBytes: 8 * 1024 * 1024,
        maxRecords: limits.maxRecords,
        batchSize: limits.maxRecords,
        acquireMode: 1, // record_limit: never more than the prefetch window
        topics: [{ topicId, partitions: [{ partitionIndex: partition, acknowledgementBatches: batches }] }],
      });
    } catch (error) {
      this.settle(taken, error);
      throw error;
    }
    this.answered(response.errorCode, response.errorMessage, response.acquisitionLockTimeoutMs);
    const part = response.topics.flatMap((t) => t.partitions).find((p) => p.partitionIndex === partition);
    this.settle(taken, part && part.acknowledgeErrorCode !== 0 ? ackError(part.acknowledgeErrorCode, part.acknowledgeErrorMessage) : null);
    return response;
  }

  /** Sends the waiting acknowledgements, and renews the locks of the records the application holds (`held`) when due. */
  async flush(leader: Broker, topicId: string, partition: number, held: bigint[]): Promise<void> {
    if (this.epoch === 0) return;
    if (this.pending) await this.acknowledge(leader, topicId, partition, this.take(partition), false);
    if (this.renewDue && held.length > 0) {
      this.lastRenew = Date.now();
      const batches = held.map((offset) => ({ firstOffset: offset, lastOffset: offset, acknowledgeTypes: [AckType.RENEW] }));
      await this.acknowledge(leader, topicId, partition, { batches, taken: [] }, true);
    }
  }

  private async acknowledge(leader: Broker, topicId: string, partition: number, { batches, taken }: { batches: Batch[]; taken: Pending[] }, renew: boolean, epoch = this.epoch): Promise<void> {
    try {
      const response = await leader.shareAcknowledge({
        groupId: this.groupId,
        memberId: this.memberId,
        shareSessionEpoch: epoch,
        isRenewAck: renew,
        topics: [{ topicId, partitions: [{ partitionIndex: partition, acknowledgementBatches: batches }] }],
      });
      if (epoch !== -1) this.answered(response.errorCode, response.errorMessage, response.acquisitionLockTimeoutMs);
      const part = response.topics.flatMap((t) => t.partitions).find((p) => p.partitionIndex === partition);
      this.settle(taken, part && part.errorCode !== 0 ? ackError(part.errorCode, part.errorMessage) : null);
    } catch (error) {
      this.settle(taken, error);
      throw error;
    }
  }

  /** Sends what is waiting (the releases of a closing consumer) and closes the session. */
  async closeSession(leader: Broker, topicId: string, partition: number): Promise<void> {
    if (this.epoch === 0) return this.reset(new JMSException('The share session was never opened'));
    await this.acknowledge(leader, topicId, partition, this.take(partition), false, -1);
    this.epoch = 0;
  }

  /** The session is gone (connection lost, session evicted): what waited fails, the next fetch opens a new one. */
  reset(error: unknown): void {
    this.epoch = 0;
    this.settle([...this.waiting.values()], error);
    this.waiting.clear();
  }

  private answered(errorCode: number, message: string | null, lockMs: number): void {
    if (errorCode !== 0) {
      if (SESSION_ERRORS.has(errorCode)) this.epoch = 0;
      throw new JMSException(`Kafka refused a share request: ${message ?? `error ${errorCode}`}`, ErrorCode.BROKER_ERROR);
    }
    this.epoch = this.epoch === Number.MAX_SAFE_INTEGER ? 1 : this.epoch + 1;
    if (lockMs > 0) this.lockMs = lockMs;
  }

  private settle(taken: Pending[], error: unknown): void {
    for (const pending of taken) {
      if (error === null) pending.resolve();
      else pending.reject(error instanceof JMSException ? error : new JMSException(`Kafka did not take an acknowledgement: ${String(error)}`, ErrorCode.ACKNOWLEDGE_FAILED, error));
    }
  }
}

function ackError(code: number, message: string | null): JMSException {
  // INVALID_RECORD_STATE: the record's lock expired and it went back to the group.
  return new JMSException(`Kafka refused an acknowledgement: ${message ?? `error ${code}`}`, ErrorCode.ACKNOWLEDGE_FAILED);
}
