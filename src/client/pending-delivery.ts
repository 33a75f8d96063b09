import type { Delivery } from '../spi/envelope.js';

/**
 * A delivery the client holds for a consumer, with the redeliveries the client itself made
 * (recover, rollback, a listener that threw). `state` guards against acknowledging a message
 * that was handed back for redelivery in the meantime.
 */
export class PendingDelivery {
  state: 'buffered' | 'delivered' | 'acknowledged' | 'returned' = 'buffered';
  /** The last error the application met with this message (a listener threw), or null: the dead-letter copy's cause. */
  failure: unknown = null;

  constructor(
    readonly delivery: Delivery,
    readonly localRedeliveries: number = 0,
  ) {}

  get redelivered(): boolean {
    return this.delivery.redelivered || this.localRedeliveries > 0;
  }

  /** JMSXDeliveryCount: the broker's count when it has one, else 2 for a broker redelivery. */
  get deliveryCount(): number {
    const broker = this.delivery.deliveryCount ?? (this.delivery.redelivered ? 2 : 1);
    return broker + this.localRedeliveries;
  }

  /** The same delivery, to be handed out again; it keeps the last failure. */
  again(): PendingDelivery {
    this.state = 'returned';
    const next = new PendingDelivery(this.delivery, this.localRedeliveries + 1);
    next.failure = this.failure;
    return next;
  }
}
