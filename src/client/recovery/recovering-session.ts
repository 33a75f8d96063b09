import type { Destination } from '../../api/destination.js';
import { ErrorCode } from '../../api/error-codes.js';
import { IllegalStateException, JMSException } from '../../api/exceptions.js';
import type { Delivery, Envelope } from '../../spi/envelope.js';
import type {
  DeliverySink,
  ProviderBrowser,
  ProviderConnection,
  ProviderSession,
  ProviderSessionOptions,
  ProviderSubscription,
  SubscriptionSpec,
} from '../../spi/provider.js';
import { asJmsException, isLoss } from './link.js';
import type { RecoveringConnection } from './recovering-connection.js';
import { RecoveringSubscription } from './recovering-subscription.js';

/**
 * A provider session re-created on every new link. Sends wait for the link and are re-sent when
 * their confirmation was lost; acknowledgements of deliveries from an older link are dropped
 * (the broker gives those messages back, flagged redelivered); a commit cut by a loss is in doubt.
 */
export class RecoveringSession implements ProviderSession {
  private current: ProviderSession | null = null;
  /** The link generation `current` belongs to. */
  private generation = -1;
  readonly subscriptions = new Set<RecoveringSubscription>();
  /** The link generation each delivery came from. */
  private readonly origin = new WeakMap<Delivery, number>();
  private closed = false;

  constructor(
    readonly owner: RecoveringConnection,
    private readonly options: ProviderSessionOptions,
  ) {}

  async open(): Promise<void> {
    await this.owner.withConnection(async (connection) => {
      const generation = this.owner.generation;
      this.current = await connection.createSession(this.options);
      this.generation = generation;
    });
  }

  /** Re-creates the session and its subscriptions on a new link. */
  async restore(connection: ProviderConnection, generation: number, attempt: number): Promise<void> {
    if (this.closed) return;
    this.current = await connection.createSession(this.options);
    this.generation = generation;
    for (const subscription of [...this.subscriptions]) await subscription.restore(this.current, generation, attempt);
  }

  /** The link was lost: nothing more goes to the old provider session. */
  interrupted(): void {
    this.current = null;
  }

  /** Remembers which link a delivery came from. */
  tag(delivery: Delivery, generation: number): void {
    this.origin.set(delivery, generation);
  }

  private get live(): ProviderSession | null {
    return this.generation === this.owner.generation ? this.current : null;
  }

  send(destination: Destination, envelope: Envelope): Promise<void> {
    const session = this.live;
    if (session === null) return this.sendOnNextLink(destination, envelope);
    const generation = this.generation;
    return this.owner.raceLoss(session.send(destination, envelope)).then(undefined, (error: unknown) => {
      this.owner.checkFailure(error, generation);
      // Its transaction was rolled back with the link (commit() says so): nothing to send again.
      if (this.options.transacted) return undefined;
      this.owner.countResend();
      return this.sendOnNextLink(destination, envelope);
    });
  }

  /** Sends on the next live link, again on the one after if that one is lost too before it confirms. */
  private async sendOnNextLink(destination: Destination, envelope: Envelope): Promise<void> {
    for (;;) {
      const { session, generation } = await this.whenLive();
      try {
        await this.owner.raceLoss(session.send(destination, envelope));
        return;
      } catch (error) {
        this.owner.checkFailure(error, generation);
        if (this.options.transacted) return;
        this.owner.countResend();
      }
    }
  }

  private async whenLive(): Promise<{ session: ProviderSession; generation: number }> {
    for (;;) {
      await this.owner.whenConnected();
      if (this.closed) throw new IllegalStateException('The session is closed');
      const session = this.live;
      if (session !== null) return { session, generation: this.generation };
      await new Promise<void>((resolve) => setImmediate(resolve)); // re-created in a moment
    }
  }

  async subscribe(spec: SubscriptionSpec, sink: DeliverySink): Promise<ProviderSubscription> {
    const subscription = new RecoveringSubscription(this, spec, sink);
    this.subscriptions.add(subscription);
    for (;;) {
      const { session, generation } = await this.whenLive().catch((error: unknown) => {
        this.subscriptions.delete(subscription);
        throw error;
      });
      if (subscription.generation === generation) return subscription; // re-created by a recovery meanwhile
      try {
        await this.owner.raceLoss(subscription.attachTo(session, generation));
        if (subscription.generation === this.owner.generation) return subscription;
      } catch (error) {
        try {
          this.owner.checkFailure(error, generation);
        } catch (refused) {
          this.subscriptions.delete(subscription);
          throw refused;
        }
      }
    }
  }

  acknowledge(deliveries: readonly Delivery[]): Promise<void> {
    const session = this.live;
    if (session === null) return Promise.resolve();
    const generation = this.generation;
    const fresh = deliveries.filter((delivery) => this.origin.get(delivery) === generation);
    if (fresh.length === 0) return Promise.resolve();
    // An ack lost with the link: the broker gives the message back, flagged redelivered.
    return this.owner.raceLoss(session.acknowledge(fresh)).then(undefined, (error: unknown) => this.owner.checkFailure(error, generation));
  }

  async commit(): Promise<void> {
    const { session, generation } = await this.whenLive();
    try {
      await this.owner.raceLoss(session.commit!());
    } catch (error) {
      this.owner.checkFailure(error, generation);
      throw new JMSException(
        `The connection was lost while the commit was on its way, so it may or may not have happened: ${asJmsException(error).message}`,
        ErrorCode.TRANSACTION_IN_DOUBT,
        error,
      );
    }
  }

  async rollback(): Promise<void> {
    const session = this.live;
    if (session === null) return; // the broker rolled back with the link; the new one starts fresh
    const generation = this.generation;
    await this.owner.raceLoss(session.rollback!()).catch((error: unknown) => this.owner.checkFailure(error, generation));
  }

  async browse(queue: Destination, selector: string | null): Promise<ProviderBrowser> {
    // A browser is a snapshot of one link: it is not re-created, and fails when the link is lost.
    const { session } = await this.whenLive();
    return session.browse!(queue, selector);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.owner.sessions.delete(this);
    const session = this.live;
    this.current = null;
    if (session === null) return;
    const generation = this.generation;
    await this.owner.raceLoss(session.close()).catch((error: unknown) => this.owner.checkFailure(error, generation));
  }
}
