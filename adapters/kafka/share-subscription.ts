import { randomUUID } from 'node:crypto';
import type { Cluster } from '@kafkats/client';
import type { Destination } from '../../src/api/destination.js';
import { ErrorCode } from '../../src/api/error-codes.js';
import { JMSException } from '../../src/api/exceptions.js';
import type { Delivery, DeliverySink, Envelope, ProviderSubscription } from '../../src/spi/public.js';
import { recordToEnvelope, type ReceivedRecord } from './records.js';
import { decodeShareRecords } from './share-protocol.js';
import { AckType, ShareSessionAcks, type ShareFetchResponse } from './share-acks.js';

/** Longest a ShareFetch waits for records when it carries no acknowledgements. */
const FETCH_WAIT_MS = 100;
/**
 * Most records one member holds acquired (prefetch is an upper bound): records a member holds are
 * locked away from the others, so a member that took a thousand would leave competing consumers
 * idle while it works through them; a hundred keeps the queue shared and fetches large enough.
 */
const SHARE_WINDOW = 100;
/** A member that cannot reach its coordinator or leader retries after this long. */
const RETRY_MS = 250;
/** How long joining a share group may take on a broker still loading its coordinator. */
const JOIN_TIMEOUT_MS = 20_000;

/**
 * A retriable Kafka error (connection, coordinator moving or loading). @kafkats/client also
 * answers "version not supported" without a supported range when a request races the version
 * negotiation of a connection another request is opening: that one passes too.
 */
function isRetriable(error: unknown): boolean {
  const { retriable, name, supportedRange } = (error ?? {}) as { retriable?: boolean; name?: string; supportedRange?: unknown };
  return retriable === true || (name === 'UnsupportedVersionError' && supportedRange === undefined);
}

/** A message a share group lent this member: acquired under a lock until acknowledged or released. */
export class ShareDelivery implements Delivery {
  constructor(
    readonly envelope: Envelope,
    readonly destination: Destination,
    readonly deliveryCount: number,
    readonly partition: number,
    readonly offset: bigint,
    readonly subscription: ShareSubscription,
  ) {}

  get redelivered(): boolean {
    return this.deliveryCount > 1;
  }

  telemetryAttributes(): Readonly<Record<string, string | number>> {
    return { 'messaging.destination.partition.id': String(this.partition), 'messaging.kafka.offset': Number(this.offset), 'messaging.consumer.group.name': this.subscription.groupId };
  }
}

export interface ShareSubscriptionOptions {
  cluster: Cluster;
  groupId: string;
  topic: string;
  destination: Destination;
  sink: DeliverySink;
  prefetch: number;
  /** How long acknowledgements may gather before they are sent (0: at once); the window refills by halves then. */
  ackLingerMs: number;
  onClosed(subscription: ShareSubscription): void;
}

/**
 * One member of a queue's share group (KIP-932). Any number of members share the queue's
 * partition; the broker lends each record to one member under a lock, counts its deliveries and
 * takes it back when the lock expires, so a crashed member's messages return to the others.
 *
 * Two loops: heartbeats to the group coordinator (membership, assignment), and one share session
 * with the partition leader that fetches up to the prefetch window and carries acknowledgements
 * (ACCEPT on acknowledge, RELEASE on close, RENEW for messages the application still holds, so a
 * slow consumer keeps what it has as long as it lives).
 */
export class ShareSubscription implements ProviderSubscription {
  private open = true;
  private readonly memberId = randomUUID();
  private memberEpoch = 0;
  private heartbeatMs = 1000;
  private topicId: string | null = null;
  private assigned: number[] = [];
  private readonly acks: ShareSessionAcks;
  /** Delivered, not yet acknowledged: partition/offset → delivery. */
  private readonly outstanding = new Map<string, ShareDelivery>();
  private wake: (() => void) | null = null;
  /** The last fetch acquired nothing. */
  private drained = false;
  private lastFetch = 0;
  private heartbeatTimer: ReturnType<typeof setTimeout> | null = null;
  private loop: Promise<void> = Promise.resolve();
  private readonly joined: Promise<void>;
  private resolveJoined!: () => void;

  /** The share group's id, for telemetry. */
  get groupId(): string {
    return this.options.groupId;
  }

  private constructor(private readonly options: ShareSubscriptionOptions) {
    this.acks = new ShareSessionAcks(options.groupId, this.memberId);
    this.joined = new Promise((resolve) => (this.resolveJoined = resolve));
  }

  /** Joins the share group and starts fetching; resolves once the member has its assignment. */
  static async start(options: ShareSubscriptionOptions): Promise<ShareSubscription> {
    const subscription = new ShareSubscription(options);
    const metadata = await options.cluster.refreshMetadata([options.topic]);
    subscription.topicId = metadata.topics.get(options.topic)?.topicId ?? null;
    if (subscription.topicId === null) throw new JMSException(`Kafka has no topic ${options.topic}`);
    // A fresh broker answers COORDINATOR_NOT_AVAILABLE until its group coordinator has loaded.
    const deadline = Date.now() + JOIN_TIMEOUT_MS;
    for (;;) {
      try {
        await subscription.beat();
        break;
      } catch (error) {
        if (!isRetriable(error) || Date.now() > deadline) throw error;
        options.cluster.invalidateCoordinator('GROUP', options.groupId);
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
    subscription.scheduleHeartbeat();
    subscription.loop = subscription.fetchLoop();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const assigned = await Promise.race([
      subscription.joined.then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), JOIN_TIMEOUT_MS))),
    ]);
    clearTimeout(timer);
    if (!assigned) {
      await subscription.close();
      throw new JMSException(`Share group ${options.groupId} gave this consumer no assignment within ${JOIN_TIMEOUT_MS} ms`, ErrorCode.BROKER_ERROR);
    }
    return subscription;
  }

  /** One ShareGroupHeartbeat: joins (epoch 0), keeps the membership, and takes the assignment. */
  private async beat(): Promise<void> {
    const coordinator = await this.options.cluster.getCoordinator('GROUP', this.options.groupId);
    const response = await coordinator.shareGroupHeartbeat({
      groupId: this.options.groupId,
      memberId: this.memberId,
      memberEpoch: this.memberEpoch,
      subscribedTopicNames: this.memberEpoch === 0 ? [this.options.topic] : null,
    });
    if (FENCED.has(response.errorCode)) {
      this.memberEpoch = 0; // joins again; what it held returns to the group when the locks expire
      return;
    }
    if (response.errorCode !== 0) {
      throw Object.assign(new Error(`share group heartbeat: ${response.errorMessage ?? `error ${response.errorCode}`}`), {
        retriable: RETRIABLE.has(response.errorCode),
      });
    }
    this.memberEpoch = response.memberEpoch;
    if (response.heartbeatIntervalMs > 0) this.heartbeatMs = response.heartbeatIntervalMs;
    if (response.assignment !== null) {
      this.assigned = response.assignment.filter((a) => a.topicId === this.topicId).flatMap((a) => a.partitions);
      this.resolveJoined();
      this.poke();
    }
  }

  private scheduleHeartbeat(): void {
    if (!this.open) return;
    this.heartbeatTimer = setTimeout(() => {
      this.beat().then(
        () => this.scheduleHeartbeat(),
        (error: unknown) => {
          if (!this.open) return;
          if (!isRetriable(error)) return this.fail(`the share group heartbeat failed: ${(error as Error).message}`);
          this.options.cluster.invalidateCoordinator('GROUP', this.options.groupId);
          this.scheduleHeartbeat();
        },
      );
    }, this.heartbeatMs);
  }

  /** Wakes the fetch loop: acknowledgements to send, the window reopened, or the assignment changed. */
  private poke(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /**
   * The share session's one loop. It fetches when half the window is free (so requests carry many
   * records and acknowledgements), or when there is any room and the last fetch is FETCH_WAIT_MS
   * old (a consumer that holds many messages unacknowledged still gets more); it sends
   * acknowledgements on their own when they are due and no fetch is; it renews locks when due.
   * While the application holds messages a fetch does not wait on the broker, as an
   * acknowledgement would queue behind it.
   */
  private async fetchLoop(): Promise<void> {
    while (this.open) {
      const partition = this.assigned[0];
      if (partition === undefined) {
        await this.idle(RETRY_MS);
        continue;
      }
      const window = Math.min(this.options.prefetch, SHARE_WINDOW);
      const room = window - this.outstanding.size;
      const holding = this.outstanding.size > 0 || this.acks.pending;
      const sinceFetch = Date.now() - this.lastFetch;
      const fetchNow = !holding || !this.acks.sessionOpen || (room > 0 && (sinceFetch >= FETCH_WAIT_MS || (room >= Math.max(1, window / 2) && !this.drained)));
      const renew = this.acks.renewDue && this.outstanding.size > 0;
      const ackIn = this.acks.dueInMs(this.options.ackLingerMs);
      if (!fetchNow && ackIn > 0 && !renew) {
        const fetchIn = room > 0 ? FETCH_WAIT_MS - sinceFetch : Infinity;
        await this.idle(Math.max(1, Math.min(this.acks.renewInMs, ackIn, fetchIn, 1000)));
        continue;
      }
      try {
        const leader = await this.options.cluster.getLeaderForPartition(this.options.topic, partition);
        if (renew || !fetchNow) await this.acks.flush(leader, this.topicId!, partition, [...this.outstanding.values()].map((d) => d.offset));
        if (fetchNow) {
          this.lastFetch = Date.now();
          const response = await this.acks.fetch(leader, this.topicId!, partition, { maxWaitMs: holding ? 0 : FETCH_WAIT_MS, maxRecords: Math.max(1, room) });
          this.drained = (await this.hand(response, partition)) === 0;
        }
      } catch (error) {
        if (!this.open) return;
        // The share session is gone with the connection; the broker takes the records back when
        // their locks expire and the next fetch opens a new session.
        this.acks.reset(error);
        await this.options.cluster.refreshMetadata([this.options.topic]).catch(() => undefined);
        await this.idle(RETRY_MS);
      }
    }
  }

  /** Hands the acquired records on; offsets acquired without a record (transaction markers, compacted) are gaps. */
  private async hand(response: ShareFetchResponse, partition: number): Promise<number> {
    let acquired = 0;
    for (const topic of response.topics) {
      for (const part of topic.partitions) {
        if (part.partitionIndex !== partition) continue;
        if (part.errorCode !== 0) throw new Error(part.errorMessage ?? `ShareFetch error ${part.errorCode}`);
        if (part.acquiredRecords.length === 0) continue;
        acquired += part.acquiredRecords.length;
        const records = await decodeShareRecords(part.recordsData);
        for (const range of part.acquiredRecords) {
          for (let offset = range.firstOffset; offset <= range.lastOffset; offset++) {
            const record = records.get(offset);
            if (record === undefined || !this.open) {
              this.acks.add(partition, offset, record === undefined ? AckType.GAP : AckType.RELEASE);
              continue;
            }
            this.deliver(partition, offset, range.deliveryCount, record);
          }
        }
      }
    }
    return acquired;
  }

  private deliver(partition: number, offset: bigint, deliveryCount: number, record: ReceivedRecord): void {
    let envelope: Envelope;
    try {
      envelope = recordToEnvelope(record, this.options.topic, partition);
    } catch (error) {
      // A record that is not a message would come back forever: reject it, and say why.
      this.acks.add(partition, offset, AckType.REJECT);
      this.options.sink.fail(error instanceof JMSException ? error : new JMSException(String(error)));
      return;
    }
    const delivery = new ShareDelivery(envelope, this.options.destination, deliveryCount, partition, offset, this);
    this.outstanding.set(`${partition}/${offset}`, delivery);
    this.options.sink.deliver(delivery);
  }

  /** ACCEPTs the deliveries; resolves once the broker has the acknowledgement. */
  acknowledge(deliveries: readonly ShareDelivery[]): Promise<void> {
    return this.settle(deliveries, AckType.ACCEPT);
  }

  /** Gives the deliveries back to the group for another delivery (their count goes up). */
  release(deliveries: readonly ShareDelivery[]): Promise<void> {
    return this.settle(deliveries, AckType.RELEASE);
  }

  private settle(deliveries: readonly ShareDelivery[], type: AckType): Promise<void> {
    if (!this.open) return Promise.resolve();
    const waits: Promise<void>[] = [];
    for (const delivery of deliveries) {
      if (!this.outstanding.delete(`${delivery.partition}/${delivery.offset}`)) continue;
      waits.push(this.acks.add(delivery.partition, delivery.offset, type));
    }
    if (waits.length === 0) return Promise.resolve();
    this.poke();
    return Promise.all(waits).then(() => undefined);
  }

  private fail(reason: string): void {
    if (!this.open) return;
    this.options.sink.fail(new JMSException(`The subscription to ${this.options.destination} ended: ${reason}`, ErrorCode.SUBSCRIPTION_LOST));
    void this.close();
  }

  /** RELEASEs what the application did not acknowledge, closes the share session and leaves the group. */
  async close(): Promise<void> {
    if (!this.open) return;
    this.open = false;
    this.options.onClosed(this);
    if (this.heartbeatTimer !== null) clearTimeout(this.heartbeatTimer);
    this.poke();
    await this.loop;
    const partition = this.assigned[0];
    for (const delivery of this.outstanding.values()) void this.acks.add(delivery.partition, delivery.offset, AckType.RELEASE).catch(() => undefined);
    this.outstanding.clear();
    if (partition !== undefined) {
      const leader = await this.options.cluster.getLeaderForPartition(this.options.topic, partition).catch(() => null);
      if (leader !== null) await this.acks.closeSession(leader, this.topicId!, partition).catch(() => undefined);
    }
    if (this.memberEpoch > 0) {
      await (await this.options.cluster.getCoordinator('GROUP', this.options.groupId))
        .shareGroupHeartbeat({ groupId: this.options.groupId, memberId: this.memberId, memberEpoch: -1, subscribedTopicNames: null })
        .catch(() => undefined);
    }
  }
}

/** Heartbeat errors after which the member joins again: FENCED_MEMBER_EPOCH, UNKNOWN_MEMBER_ID. */
const FENCED = new Set([110, 25]);
/** Heartbeat errors worth retrying: COORDINATOR_LOAD_IN_PROGRESS, COORDINATOR_NOT_AVAILABLE, NOT_COORDINATOR. */
const RETRIABLE = new Set([14, 15, 16]);
