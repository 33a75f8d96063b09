import { destinationOf, type Destination } from '../api/destination.js';
import { ErrorCode } from '../api/error-codes.js';
import { JMSException } from '../api/exceptions.js';
import { MessageDeadLetteredException, failureText } from '../api/redelivery.js';
import type { ProviderSession } from '../spi/provider.js';
import { deadLetterEnvelope } from './dead-letter.js';
import type { PendingDelivery } from './pending-delivery.js';
import type { RedeliveryTarget } from './redelivery.js';
import type { ClientTelemetry } from './telemetry/index.js';

/** A message that ran out of redeliveries, and where it goes. */
export interface DeadLetterItem {
  readonly pending: PendingDelivery;
  /** The consumer it came through, for a retry when the move fails. */
  readonly consumer: RedeliveryTarget;
  /** The destination it was consumed from. */
  readonly destination: Destination;
  /** The dead-letter queue's name, or null when the policy drops it. */
  readonly queue: string | null;
  readonly failure: unknown;
}

export interface DeadLetterHost {
  readonly provider: ProviderSession;
  /** The provider session is transacted (native transactions): copy and acknowledgement commit together. */
  readonly nativeTransaction: boolean;
  report(error: JMSException): void;
  readonly telemetry?: ClientTelemetry | null;
  /** Moving failed and the message is still unacknowledged: hand it back for another delivery. */
  retry(item: DeadLetterItem): void;
}

/**
 * Moves messages to their dead-letter queues. The original is acknowledged only after the
 * broker confirmed the copy: both in one provider transaction where the session has one, else
 * send, then acknowledge, so a crash in between duplicates a message but never loses it. Each
 * move (or drop, when the policy asks for it) is reported to the ExceptionListener.
 */
export class DeadLetterer {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly host: DeadLetterHost) {}

  /** Moves the items; resolves when done, never rejects (failures are reported and retried). */
  move(items: readonly DeadLetterItem[]): Promise<void> {
    if (items.length === 0) return Promise.resolve();
    for (const item of items) item.pending.state = 'returned'; // no acknowledge() or commit takes it meanwhile
    const work = (this.host.nativeTransaction ? this.moveTransacted(items) : this.moveEach(items)).finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);
    return work;
  }

  /** Resolves when every move in flight is done (the session closes). */
  async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private async moveTransacted(items: readonly DeadLetterItem[]): Promise<void> {
    const { provider } = this.host;
    try {
      for (const item of items) await this.sendCopy(item);
      await provider.acknowledge(items.map((item) => item.pending.delivery));
      await provider.commit!();
    } catch (error) {
      await provider.rollback!().catch(() => undefined);
      for (const item of items) this.failed(item, error);
      return;
    }
    for (const item of items) this.done(item);
  }

  private async moveEach(items: readonly DeadLetterItem[]): Promise<void> {
    for (const item of items) {
      try {
        await this.sendCopy(item);
        await this.host.provider.acknowledge([item.pending.delivery]);
      } catch (error) {
        this.failed(item, error);
        continue;
      }
      this.done(item);
    }
  }

  private async sendCopy(item: DeadLetterItem): Promise<void> {
    if (item.queue === null) return;
    const reason = { destination: item.destination, deliveryCount: item.pending.deliveryCount, failure: item.failure };
    await this.host.provider.send(destinationOf('queue', item.queue), deadLetterEnvelope(item.pending.delivery.envelope, reason));
  }

  private done(item: DeadLetterItem): void {
    item.pending.state = 'acknowledged';
    const { envelope } = item.pending.delivery;
    this.host.telemetry?.deadLettered(item.destination, envelope, item.queue, item.pending.deliveryCount, item.failure);
    this.host.report(new MessageDeadLetteredException(envelope.messageId, item.destination, item.queue, item.pending.deliveryCount, item.failure));
  }

  private failed(item: DeadLetterItem, error: unknown): void {
    const id = item.pending.delivery.envelope.messageId ?? '(no id)';
    const where = item.queue === null ? 'drop it' : `move it to queue://${item.queue}`;
    this.host.report(
      new JMSException(
        `Message ${id} from ${item.destination} ran out of redeliveries (${failureText(item.failure)}), but jms-ts could not ${where}: ${failureText(error)}; it stays unacknowledged and comes back`,
        ErrorCode.DEAD_LETTER_FAILED,
        error,
      ),
    );
    this.host.retry(item);
  }
}
