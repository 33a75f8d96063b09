import { ErrorCode } from '../../src/api/error-codes.js';
import type { Destination } from '../../src/api/destination.js';
import { JMSException } from '../../src/api/exceptions.js';
import type { Delivery, Envelope } from '../../src/spi/public.js';
import type { DeliverySink, ProviderSubscription } from '../../src/spi/public.js';
import { autoClaim, pendingRange, readNew, touch, type CommandClient, type StreamEntry } from './commands.js';
import { entryToEnvelope } from './entry-mapping.js';
import { toJmsException } from './errors.js';
import { renewMember, RENEW_MS } from './leases.js';

/** How long one XREADGROUP waits for new entries before the reader looks for idle entries to claim. */
const BLOCK_MS = 1000;
/** How often a reader runs XAUTOCLAIM for entries a closed or crashed consumer left. */
const CLAIM_INTERVAL_MS = 1000;

export class RedisDelivery implements Delivery {
  constructor(
    readonly envelope: Envelope,
    readonly destination: Destination,
    readonly redelivered: boolean,
    readonly deliveryCount: number,
    readonly id: string,
    readonly subscription: RedisSubscription,
  ) {}
}

/** Where a subscription reads: a stream, its group, and this subscription's consumer in it. */
export interface GroupMember {
  readonly stream: string;
  readonly group: string;
  readonly consumer: string;
  readonly membersKey: string;
}

export interface SubscriptionHooks {
  /** Gives back what is pending for this consumer and leaves the group (or removes it). */
  leave(member: GroupMember): Promise<void>;
  /** The reader's connection failed while the subscription was open. */
  readerLost(error: unknown): boolean;
  closed(subscription: RedisSubscription): void;
}

/**
 * One JMS consumer: a member of a consumer group reading on a connection of its own, since
 * XREADGROUP BLOCK holds its connection. It first takes over entries that have been idle for
 * `reclaimIdle` (XAUTOCLAIM: a closed or crashed consumer's), then reads new ones, never holding
 * more than `prefetch` unacknowledged. While it lives it keeps the entries it holds from going
 * idle, so a slow listener does not lose its messages to another member.
 */
export class RedisSubscription implements ProviderSubscription {
  private open = true;
  private readonly unacknowledged = new Set<string>();
  private wake: (() => void) | null = null;
  private nextClaim = 0;
  private renewal: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private loop: Promise<void> = Promise.resolve();

  constructor(
    private readonly reader: CommandClient & { destroy(): void },
    private readonly commands: CommandClient,
    readonly member: GroupMember,
    private readonly destination: Destination,
    private readonly sink: DeliverySink,
    private readonly prefetch: number,
    private readonly reclaimIdle: number,
    private readonly hooks: SubscriptionHooks,
  ) {}

  start(): void {
    // Renewed by a timer, not the read loop, which may wait long for the application to acknowledge.
    this.renewal = setInterval(() => void renewMember(this.commands, this.member.membersKey, this.member.consumer).catch(() => undefined), RENEW_MS);
    this.renewal.unref();
    // Entries this consumer holds stay fresh while it lives, so only a crashed consumer's go idle.
    this.heartbeat = setInterval(() => void this.keepFresh().catch(() => undefined), Math.max(100, Math.floor(this.reclaimIdle / 3)));
    this.heartbeat.unref();
    this.loop = this.run();
  }

  private stop(): void {
    this.open = false;
    if (this.renewal) clearInterval(this.renewal);
    if (this.heartbeat) clearInterval(this.heartbeat);
    const wake = this.wake;
    this.wake = null;
    wake?.();
    this.reader.destroy(); // ends a blocked XREADGROUP at once
  }

  get isOpen(): boolean {
    return this.open;
  }

  private async run(): Promise<void> {
    const { stream, group, consumer } = this.member;
    // A read sent before the previous batch was handed over (when the window still had room), so
    // Redis prepares it while listeners run.
    let ahead: Promise<StreamEntry[]> | null = null;
    while (this.open) {
      try {
        let entries: StreamEntry[];
        if (ahead !== null) {
          entries = await ahead;
          ahead = null;
        } else {
          const room = this.prefetch - this.unacknowledged.size;
          if (room <= 0) {
            await new Promise<void>((resolve) => (this.wake = resolve));
            continue;
          }
          if (this.claimDue()) {
            this.nextClaim = Date.now() + CLAIM_INTERVAL_MS;
            const claimed = await autoClaim(this.reader, stream, group, consumer, this.reclaimIdle, room);
            if (claimed.length > 0) {
              await this.deliverClaimed(claimed);
              continue;
            }
          }
          entries = await readNew(this.reader, stream, group, consumer, this.batch(room), BLOCK_MS);
        }
        const room = this.prefetch - this.unacknowledged.size - entries.length;
        if (entries.length > 0 && room > 0 && !this.claimDue()) {
          ahead = readNew(this.reader, stream, group, consumer, this.batch(room), BLOCK_MS);
          ahead.catch(() => undefined); // awaited next turn; after close() it fails unobserved
        }
        for (const entry of entries) this.deliver(entry, 1);
      } catch (error) {
        if (!this.open) return;
        if (this.hooks.readerLost(error)) return;
        this.fail(toJmsException(error, `Cannot read from ${this.destination}`));
        return;
      }
    }
  }

  private claimDue(): boolean {
    return Date.now() >= this.nextClaim;
  }

  /**
   * The whole room at a time: on a loaded machine each command costs a wake-up of Redis and of
   * this process, so fewer, larger reads beat smaller overlapping ones (measured: 1.7 times the
   * throughput of reading half the window at a time with prefetch=100).
   */
  private batch(room: number): number {
    return room;
  }

  /** Claimed entries were delivered before: their delivery counts come from the pending entries list. */
  private async deliverClaimed(entries: StreamEntry[]): Promise<void> {
    const { stream, group, consumer } = this.member;
    const pending = await pendingRange(this.commands, stream, group, entries[0]!.id, entries[entries.length - 1]!.id, entries.length * 2 + 10, consumer);
    const counts = new Map(pending.map((entry) => [entry.id, entry.deliveries]));
    for (const entry of entries) {
      // An entry of our own that went idle (a late heartbeat) is already with the client layer.
      if (!this.unacknowledged.has(entry.id)) this.deliver(entry, Math.max(2, counts.get(entry.id) ?? 2));
    }
  }

  private deliver(entry: StreamEntry, count: number): void {
    if (!this.open) return;
    let envelope: Envelope;
    try {
      envelope = entryToEnvelope(this.member.stream, entry);
    } catch (error) {
      this.sink.fail(toJmsException(error, `Cannot read entry ${entry.id} of ${this.destination}`));
      return;
    }
    this.unacknowledged.add(entry.id);
    this.sink.deliver(new RedisDelivery(envelope, this.destination, count > 1, count, entry.id, this));
  }

  /** Resets the idle time of the entries this consumer holds unacknowledged (XCLAIM to itself, not counted). */
  private async keepFresh(): Promise<void> {
    const ids = [...this.unacknowledged];
    for (let i = 0; i < ids.length && this.open; i += 1000) {
      await touch(this.commands, this.member.stream, this.member.group, this.member.consumer, ids.slice(i, i + 1000));
    }
  }

  /** These entries are acknowledged (or their XACK is on its way): room for more. */
  acknowledged(ids: readonly string[]): void {
    for (const id of ids) this.unacknowledged.delete(id);
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private fail(error: JMSException): void {
    if (!this.open) return;
    this.stop();
    this.hooks.closed(this);
    this.sink.fail(new JMSException(`The subscription to ${this.destination} ended: ${error.message}`, ErrorCode.SUBSCRIPTION_LOST, error));
  }

  /** The connection is gone: stop without touching the server. */
  abandon(): void {
    this.stop();
  }

  async close(): Promise<void> {
    if (!this.open) return;
    this.stop();
    await this.loop;
    this.hooks.closed(this);
    await this.hooks.leave(this.member);
  }
}
