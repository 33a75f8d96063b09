import { AcknowledgeMode } from '../api/constants.js';
import { JMSException } from '../api/exceptions.js';
import type { Delivery } from '../spi/envelope.js';
import type { ProviderSession } from '../spi/provider.js';
import type { PendingDelivery } from './pending-delivery.js';
import { MAX_LISTENER_REDELIVERIES, decideRedelivery, type RedeliveryCause } from './redelivery.js';
import { AckBatcher } from './session-acks.js';

/** The consumer a delivered message goes back to. */
export interface RedeliveryTarget {
  readonly closed: boolean;
  readonly destination: { toString(): string };
  requeue(items: PendingDelivery[]): void;
}

interface Delivered {
  readonly consumer: RedeliveryTarget;
  readonly pending: PendingDelivery;
}

/**
 * A session's acknowledgement bookkeeping: which messages the application has and has not yet
 * acknowledged (CLIENT_ACKNOWLEDGE, a transaction, a running listener), acknowledgements to the
 * provider, and handing messages back for redelivery.
 */
export class AckLedger {
  /** Messages handed to the application and not yet acknowledged. */
  private delivered: Delivered[] = [];
  private readonly acks: AckBatcher;

  constructor(
    provider: ProviderSession,
    private readonly mode: AcknowledgeMode,
    private readonly reportError: (error: unknown) => void,
  ) {
    this.acks = new AckBatcher(provider, reportError);
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

  /** Hands every unacknowledged message back to its consumer, marked redelivered. */
  redeliverUnacknowledged(cause: RedeliveryCause): void {
    const records = this.delivered;
    this.delivered = [];
    const byConsumer = new Map<RedeliveryTarget, PendingDelivery[]>();
    for (const { consumer, pending } of records) {
      if (pending.state !== 'delivered' || consumer.closed) continue;
      if (decideRedelivery(pending, cause) !== 'redeliver') continue;
      let list = byConsumer.get(consumer);
      if (!list) byConsumer.set(consumer, (list = []));
      list.push(pending.again());
    }
    for (const [consumer, list] of byConsumer) consumer.requeue(list);
  }

  /**
   * A listener returned (failure null) or threw. In AUTO and DUPS_OK the message is then
   * acknowledged, or handed back when the listener failed and the redelivery decision says so.
   */
  listenerFinished(consumer: RedeliveryTarget, pending: PendingDelivery, messageId: string | null, failure: unknown): void {
    if (this.mode !== AcknowledgeMode.AUTO_ACKNOWLEDGE && this.mode !== AcknowledgeMode.DUPS_OK_ACKNOWLEDGE) return;
    const index = this.delivered.findIndex((r) => r.pending === pending);
    if (index >= 0) this.delivered.splice(index, 1);
    if (pending.state !== 'delivered') return; // recover() inside the listener handed it back
    if (failure !== null && !consumer.closed && decideRedelivery(pending, 'listener-failed') === 'redeliver') {
      consumer.requeue([pending.again()]);
      return;
    }
    if (failure !== null) {
      this.reportError(
        new JMSException(
          `A message listener on ${consumer.destination} threw ${MAX_LISTENER_REDELIVERIES + 1} times for message ${messageId}; the message was acknowledged and dropped: ${String((failure as Error)?.message ?? failure)}`,
          'ListenerFailed',
          failure,
        ),
      );
    }
    this.discard(pending);
  }

  /** Waits for acknowledgements in flight; the session is closing. */
  async settle(): Promise<void> {
    await this.acks.settle();
    this.delivered = [];
  }

  private outstanding(): Delivered[] {
    return this.delivered.filter((r) => r.pending.state === 'delivered');
  }
}
