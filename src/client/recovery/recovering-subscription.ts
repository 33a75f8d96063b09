import { ErrorCode } from '../../api/error-codes.js';
import { InvalidDestinationException, JMSException } from '../../api/exceptions.js';
import type { Delivery } from '../../spi/envelope.js';
import type { DeliverySink, ProviderSession, ProviderSubscription, SubscriptionSpec } from '../../spi/provider.js';
import { closeQuietly, isLoss } from './link.js';
import type { RecoveringSession } from './recovering-session.js';
import { SUBSCRIPTION_RESTORE_ATTEMPTS } from './settings.js';

/**
 * A subscription re-made with the same spec (destination, selector, durable or shared name) on
 * each new link. Deliveries from an older link are dropped: the broker gives them back.
 */
export class RecoveringSubscription implements ProviderSubscription {
  private current: ProviderSubscription | null = null;
  /** The link generation `current` belongs to. */
  generation = -1;
  private closed = false;

  constructor(
    private readonly session: RecoveringSession,
    private readonly spec: SubscriptionSpec,
    private readonly sink: DeliverySink,
  ) {}

  /** Subscribes on `session` (of link `generation`); a result that arrives after that link was lost is closed again. */
  async attachTo(session: ProviderSession, generation: number): Promise<void> {
    const subscription = await session.subscribe(this.spec, this.sinkFor(generation));
    if (this.closed || generation !== this.session.owner.generation) {
      closeQuietly(subscription);
      return;
    }
    this.current = subscription;
    this.generation = generation;
  }

  /** Re-creates the subscription on a new link; after several refusals it fails alone. */
  async restore(session: ProviderSession, generation: number, attempt: number): Promise<void> {
    if (this.closed) return;
    this.current = null;
    const { destination } = this.spec;
    if (destination.temporary) {
      this.abandon(new InvalidDestinationException(`Temporary ${destination.kind} ${destination.name} went away with the lost connection; its consumer receives nothing more`, ErrorCode.SUBSCRIPTION_LOST));
      return;
    }
    try {
      await this.attachTo(session, generation);
    } catch (error) {
      if (isLoss(error) || attempt < SUBSCRIPTION_RESTORE_ATTEMPTS) throw error;
      this.abandon(new JMSException(`The subscription to ${destination} could not be re-created after the connection was recovered: ${(error as Error).message}`, ErrorCode.SUBSCRIPTION_LOST, error));
    }
  }

  private abandon(error: JMSException): void {
    this.closed = true;
    this.session.subscriptions.delete(this);
    this.sink.fail(error);
  }

  private sinkFor(generation: number): DeliverySink {
    const owner = this.session.owner;
    return {
      deliver: (delivery: Delivery) => {
        if (this.closed || generation !== owner.generation) return;
        this.session.tag(delivery, generation);
        this.sink.deliver(delivery);
      },
      fail: (error: JMSException) => {
        // A loss is handled by the connection; only a failure of this subscription goes on.
        if (this.closed || generation !== owner.generation || isLoss(error)) return;
        this.sink.fail(error);
      },
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.session.subscriptions.delete(this);
    const current = this.current;
    this.current = null;
    const owner = this.session.owner;
    if (current === null || this.generation !== owner.generation) return;
    const generation = this.generation;
    await owner.raceLoss(current.close()).catch((error: unknown) => owner.checkFailure(error, generation));
  }
}
