import type { Destination } from '../../src/api/destination.js';
import { IllegalStateException } from '../../src/api/exceptions.js';
import type { Delivery, DeliverySink, Envelope, ProviderSession, ProviderSubscription, SubscriptionSpec } from '../../src/spi/public.js';
import type { RocketConnection } from './connection.js';
import { toJmsException } from './errors.js';
import { RocketDelivery, type RocketSubscription } from './subscription.js';

/** Acknowledgements grouped by the subscription they belong to. */
function bySubscription(deliveries: readonly Delivery[]): Map<RocketSubscription, RocketDelivery[]> {
  const groups = new Map<RocketSubscription, RocketDelivery[]>();
  for (const delivery of deliveries) {
    if (!(delivery instanceof RocketDelivery)) continue;
    const list = groups.get(delivery.subscription) ?? [];
    list.push(delivery);
    groups.set(delivery.subscription, list);
  }
  return groups;
}

/**
 * A session: sends go through the connection's producer, in call order (each waits for the one
 * before it to be on its way); acknowledgements are acks of the received messages' handles.
 * Transactions are the client layer's (see capabilities.ts), so a session is never transacted here.
 */
export class RocketSession implements ProviderSession {
  private readonly subscriptions = new Set<RocketSubscription>();
  private closed = false;

  constructor(
    private readonly connection: RocketConnection,
    private readonly onClose: () => void,
  ) {}

  async send(destination: Destination, envelope: Envelope): Promise<void> {
    this.checkOpen();
    await this.connection.send(destination, envelope);
  }

  async subscribe(spec: SubscriptionSpec, sink: DeliverySink): Promise<ProviderSubscription> {
    this.checkOpen();
    const subscription = await this.connection.subscribe(spec, sink, (closed) => this.subscriptions.delete(closed));
    this.subscriptions.add(subscription);
    return subscription;
  }

  async acknowledge(deliveries: readonly Delivery[]): Promise<void> {
    this.checkOpen();
    try {
      await Promise.all([...bySubscription(deliveries)].map(([subscription, list]) => subscription.acknowledge(list)));
    } catch (error) {
      throw toJmsException(error, 'RocketMQ did not take an acknowledgement');
    }
  }

  /** The connection is gone: forget everything without touching the proxy. */
  abandon(): void {
    this.closed = true;
    for (const subscription of this.subscriptions) subscription.abandon();
    this.subscriptions.clear();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close().catch(() => undefined)));
    this.onClose();
  }

  private checkOpen(): void {
    if (this.closed) throw new IllegalStateException('The session is closed');
    this.connection.checkOpen();
  }
}
