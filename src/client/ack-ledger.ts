import { AcknowledgeMode } from '../api/constants.js';
import type { Delivery } from '../spi/envelope.js';
import type { ProviderSession } from '../spi/provider.js';
import { DeadLetterer, type DeadLetterItem } from './dead-letterer.js';
import { DelayedRedeliveries } from './delayed-redeliveries.js';
import type { PendingDelivery } from './pending-delivery.js';
import { causeOf, decideRedelivery, type RedeliveryCause, type RedeliveryTarget } from './redelivery.js';
import { redeliveryDelay } from './redelivery-policy.js';
import { AckBatcher } from './session-acks.js';
import type { ClientTelemetry } from './telemetry/index.js';

export type { RedeliveryTarget } from './redelivery.js';

/** The least wait before a message whose move to the dead-letter queue failed comes back: no hot loop while that queue is unavailable. */
export const DEAD_LETTER_RETRY_DELAY = 1000;

interface Delivered {
  readonly consumer: RedeliveryTarget;
  readonly pending: PendingDelivery;
}

export interface LedgerOptions {
  readonly provider: ProviderSession;
  readonly mode: AcknowledgeMode;
  /** The provider session is transacted: a dead-letter copy and its acknowledgement commit together. */
  readonly nativeTransaction: boolean;
  readonly reportError: (error: unknown) => void;
  /** Logs and counts dead-lettered messages; null when off. */
  readonly telemetry?: ClientTelemetry | null;
}

/**
 * A session's acknowledgement bookkeeping: which messages the application has and has not yet
 * acknowledged (CLIENT_ACKNOWLEDGE, a transaction, a running listener), acknowledgements to the
 * provider, and handing messages back for redelivery or to the dead-letter queue, as the
 * consumer's redelivery policy decides.
 */
export class AckLedger {
  /** Messages handed to the application and not yet acknowledged. */
  private delivered: Delivered[] = [];
  private readonly acks: AckBatcher;
  private readonly mode: AcknowledgeMode;
  private readonly delayed = new DelayedRedeliveries();
  private readonly deadLetters: DeadLetterer;

  constructor(options: LedgerOptions) {
    this.mode = options.mode;
    this.acks = new AckBatcher(options.provider, options.reportError);
    this.deadLetters = new DeadLetterer({
      provider: options.provider,
      nativeTransaction: options.nativeTransaction,
      report: options.reportError,
      telemetry: options.telemetry ?? null,
      retry: (item) => this.retryLater(item),
    });
  }

  /**
   * A message was handed to the application. It is acknowledged at once in AUTO and DUPS_OK
   * receives; otherwise it is kept until acknowledge(), commit, or the listener returns.
   */
  handedOut(consumer: RedeliveryTarget, pending: PendingDelivery, forListener: boolean): void {
    pending.state = 'delivered';
    if (this.mode === AcknowledgeMode.CLIENT_ACKNOWLEDGE || this.mode === AcknowledgeMode.SESSION_TRANSACTED || forListener) {
      this.delivered.push({ consumer, pending });
    } else {
      this.discard(pending);
    }
  }

  /** Acknowledges a delivery soon (batched): handed out, or never shown (expired, filtered out). */
  discard(pending: PendingDelivery): void {
    pending.state = 'acknowledged';
    this.acks.add(pending.delivery);
  }

  /** CLIENT_ACKNOWLEDGE: acknowledges every message the session handed out so far. */
  async acknowledgeAll(): Promise<void> {
    const records = this.outstanding();
    this.delivered = [];
    for (const record of records) record.pending.state = 'acknowledged';
    await this.acks.now(records.map((r) => r.pending.delivery));
  }

  /** The deliveries a commit consumes, and what to call once it succeeded. */
  toCommit(): { readonly deliveries: readonly Delivery[]; committed(): void } {
    const records = this.outstanding();
    return {
      deliveries: records.map((r) => r.pending.delivery),
      committed: () => {
        const done = new Set(records);
        this.delivered = this.delivered.filter((r) => !done.has(r));
        for (const record of records) record.pending.state = 'acknowledged';
      },
    };
  }

  /** Acknowledges now, outside any transaction (the emulated transaction's commit). */
  acknowledgeNow(deliveries: readonly Delivery[]): Promise<void> {
    return this.acks.now([...deliveries]);
  }

  /**
   * recover() or rollback: every unacknowledged message goes back to its consumer after its
   * redelivery delay, or to its dead-letter queue; resolves when those moves are done.
   */
  redeliverUnacknowledged(cause: RedeliveryCause): Promise<void> {
    const records = this.delivered;
    this.delivered = [];
    const handBacks = new Map<RedeliveryTarget, Map<number, PendingDelivery[]>>();
    const deadLetters: DeadLetterItem[] = [];
    for (const { consumer, pending } of records) {
      if (pending.state !== 'delivered' || consumer.closed) continue;
      const verdict = decideRedelivery(pending, consumer);
      if (verdict.action === 'redeliver') {
        const byDelay = handBacks.get(consumer) ?? new Map<number, PendingDelivery[]>();
        handBacks.set(consumer, byDelay);
        const list = byDelay.get(verdict.delay) ?? [];
        byDelay.set(verdict.delay, list);
        list.push(pending.again());
      } else {
        deadLetters.push(this.deadLetterItem(consumer, pending, verdict.action === 'dead-letter' ? verdict.queue : null, causeOf(pending, cause)));
      }
    }
    for (const [consumer, byDelay] of handBacks) for (const [delay, list] of byDelay) this.delayed.handBack(consumer, list, delay);
    return this.deadLetters.move(deadLetters);
  }

  /**
   * A listener returned (failure null) or threw. In AUTO and DUPS_OK the message is then
   * acknowledged, or handed back or dead-lettered as the consumer's redelivery policy says.
   */
  listenerFinished(consumer: RedeliveryTarget, pending: PendingDelivery, failure: unknown): void {
    if (failure !== null && pending.state === 'delivered') pending.failure = failure;
    if (this.mode !== AcknowledgeMode.AUTO_ACKNOWLEDGE && this.mode !== AcknowledgeMode.DUPS_OK_ACKNOWLEDGE) return;
    const index = this.delivered.findIndex((r) => r.pending === pending);
    if (index >= 0) this.delivered.splice(index, 1);
    if (pending.state !== 'delivered') return; // recover() inside the listener handed it back
    if (failure === null) {
      this.discard(pending);
      return;
    }
    // A closed consumer's unacknowledged message goes back to the broker with its subscription.
    if (consumer.closed) return;
    const verdict = decideRedelivery(pending, consumer);
    if (verdict.action === 'redeliver') {
      this.delayed.handBack(consumer, [pending.again()], verdict.delay);
      return;
    }
    void this.deadLetters.move([this.deadLetterItem(consumer, pending, verdict.action === 'dead-letter' ? verdict.queue : null, failure)]);
  }

  private deadLetterItem(consumer: RedeliveryTarget, pending: PendingDelivery, queue: string | null, failure: unknown): DeadLetterItem {
    return { pending, consumer, destination: consumer.destination, queue, failure };
  }

  /** A move to the dead-letter queue failed; the message is still unacknowledged: deliver it again later. */
  private retryLater(item: DeadLetterItem): void {
    const { consumer } = item;
    if (consumer.closed) return;
    const delay = Math.max(DEAD_LETTER_RETRY_DELAY, redeliveryDelay(consumer.redeliveryPolicy, item.pending.deliveryCount));
    this.delayed.handBack(consumer, [item.pending.again()], delay);
  }

  /** A consumer closed: messages waiting for their redelivery delay stay with the broker. */
  consumerClosed(consumer: RedeliveryTarget): void {
    this.delayed.cancelFor(consumer);
  }

  /**
   * The session is closing: no waiting redelivery is handed back any more (those messages were
   * never acknowledged, so the broker gets them back), and moves to dead-letter queues finish.
   */
  async quiesce(): Promise<void> {
    this.delayed.cancelAll();
    await this.deadLetters.settle();
  }

  /**
   * The link to the broker was lost: the messages handed out and not yet acknowledged are stale
   * (the broker gives them back, flagged redelivered), and so are those waiting for a redelivery
   * delay. Returns how many were outstanding.
   */
  connectionInterrupted(): number {
    const outstanding = this.outstanding();
    for (const record of outstanding) record.pending.state = 'returned';
    this.delivered = [];
    this.delayed.cancelAll();
    return outstanding.length;
  }

  /** Waits for acknowledgements in flight; the session is closing. */
  async settle(): Promise<void> {
    await this.quiesce();
    await this.acks.settle();
    this.delivered = [];
  }

  private outstanding(): Delivered[] {
    return this.delivered.filter((r) => r.pending.state === 'delivered');
  }
}
