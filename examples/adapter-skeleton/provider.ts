// In a package of your own these two are 'jms-ts' (the API) and 'jms-ts/spi' (everything an adapter needs).
import type { Destination, DestinationKind } from '../../src/index.js';
import {
  ErrorCode,
  FeatureNotSupportedException,
  IllegalStateException,
  InvalidClientIDException,
  InvalidDestinationException,
  JMSException,
  type Delivery,
  type DeliverySink,
  type Envelope,
  type Provider,
  type ProviderBrowser,
  type ProviderConfig,
  type ProviderConnectOptions,
  type ProviderConnection,
  type ProviderSession,
  type ProviderSessionOptions,
  type ProviderSubscription,
  type SubscriptionSpec,
} from '../../src/spi/public.js';
import { BrokerQueue, Consumer, SkeletonBroker, SkeletonDelivery, type BrokerClient } from './broker.js';
import { SKELETON_ADAPTER as ADAPTER, SKELETON_CAPABILITIES } from './capabilities.js';

/** Refusals say which adapter and which feature; the client layer should never reach them. */
function refuse(feature: string): never {
  throw new FeatureNotSupportedException(ADAPTER, feature, 'declared unsupported in SKELETON_CAPABILITIES');
}

/** `skeleton://` or `skeleton://name`: one in-process broker per name. */
export class SkeletonProvider implements Provider {
  readonly adapter = ADAPTER;
  readonly capabilities = SKELETON_CAPABILITIES;
  private readonly brokerName: string;

  constructor(config: ProviderConfig) {
    this.brokerName = config.hosts[0]?.host ?? config.path;
  }

  async connect(options: ProviderConnectOptions): Promise<ProviderConnection> {
    // A real adapter opens its socket here and fails within a bounded time when the broker is unreachable.
    const broker = SkeletonBroker.named(this.brokerName);
    if (options.clientId !== null && !broker.claimClientId(options.clientId)) {
      throw new InvalidClientIDException(`Client id "${options.clientId}" is in use by another connection`, ErrorCode.CLIENT_ID_IN_USE);
    }
    return new SkeletonConnection(broker, options);
  }
}

class SkeletonConnection implements ProviderConnection, BrokerClient {
  private readonly sessions = new Set<SkeletonSession>();
  private clientId: string | null;
  /** Closed by close() or by a loss; either way onConnectionLost is never called again. */
  private closed = false;

  constructor(
    readonly broker: SkeletonBroker,
    private readonly options: ProviderConnectOptions,
  ) {
    this.clientId = options.clientId;
    broker.clients.add(this);
  }

  check(): void {
    if (this.closed) throw new IllegalStateException('The skeleton connection is closed');
  }

  /** The broker went away: report it once, and never after close(). */
  lose(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.broker.clients.delete(this);
    for (const session of this.sessions) session.abandon();
    this.options.onConnectionLost(new JMSException(`Lost the skeleton broker: ${reason}`, ErrorCode.CONNECTION_LOST));
  }

  async setClientId(clientId: string): Promise<void> {
    this.check();
    if (!this.broker.claimClientId(clientId)) {
      throw new InvalidClientIDException(`Client id "${clientId}" is in use by another connection`, ErrorCode.CLIENT_ID_IN_USE);
    }
    this.broker.releaseClientId(this.clientId);
    this.clientId = clientId;
  }

  async createSession(options: ProviderSessionOptions): Promise<ProviderSession> {
    this.check();
    // transacted is true only when transactions are `native`; this adapter leaves them to the client layer.
    if (options.transacted) refuse('transactions in the broker');
    const session = new SkeletonSession(this);
    this.sessions.add(session);
    return session;
  }

  forget(session: SkeletonSession): void {
    this.sessions.delete(session);
  }

  async createTemporaryDestination(_kind: DestinationKind): Promise<Destination> {
    return refuse('temporary destinations');
  }

  async deleteTemporaryDestination(_destination: Destination): Promise<void> {
    refuse('temporary destinations');
  }

  async unsubscribe(_name: string): Promise<void> {
    refuse('durable subscriptions');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    for (const session of [...this.sessions]) await session.close();
    this.closed = true;
    this.broker.clients.delete(this);
    this.broker.releaseClientId(this.clientId);
  }
}

class SkeletonSubscription implements ProviderSubscription {
  private closed = false;

  constructor(
    private readonly consumer: Consumer,
    private readonly onClose: () => void,
  ) {}

  /** Gives back what was not acknowledged; the sink gets nothing after this resolves. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.consumer.queue.removeConsumer(this.consumer);
    this.onClose();
  }
}

class SkeletonSession implements ProviderSession {
  private readonly subscriptions = new Set<SkeletonSubscription>();
  private closed = false;

  constructor(private readonly connection: SkeletonConnection) {}

  private get broker(): SkeletonBroker {
    return this.connection.broker;
  }

  private check(): void {
    this.connection.check();
    if (this.closed) throw new IllegalStateException('The skeleton session is closed');
  }

  /**
   * Synchronous hand-over keeps overlapping sends in call order. A networked adapter writes each
   * send to its socket in the order of the calls, before awaiting any confirmation.
   */
  async send(destination: Destination, envelope: Envelope): Promise<void> {
    this.check();
    if (destination.kind !== 'queue' && destination.kind !== 'topic') throw new InvalidDestinationException(`Not a destination: ${String(destination)}`);
    this.broker.send(destination, envelope);
  }

  async subscribe(spec: SubscriptionSpec, sink: DeliverySink): Promise<ProviderSubscription> {
    this.check();
    // The client layer passes these only when the capabilities say `native`; refuse rather than ignore.
    if (spec.durable) refuse('durable subscriptions');
    if (spec.shared) refuse('shared subscriptions');
    if (spec.selector !== null) refuse('message selectors in the broker');
    if (spec.noLocal) refuse('noLocal in the broker');
    const { destination } = spec;
    let queue: BrokerQueue;
    let onClose = () => undefined as void;
    if (destination.kind === 'queue') {
      queue = this.broker.queue(destination.name);
    } else {
      const subscription = this.broker.subscribeTopic(destination.name);
      queue = subscription;
      onClose = () => this.broker.unsubscribeTopic(destination.name, subscription);
    }
    const consumer = new Consumer(queue, sink, spec.prefetch, destination);
    const subscription = new SkeletonSubscription(consumer, () => {
      this.subscriptions.delete(subscription);
      onClose();
    });
    this.subscriptions.add(subscription);
    queue.addConsumer(consumer);
    return subscription;
  }

  async acknowledge(deliveries: readonly Delivery[]): Promise<void> {
    this.check();
    for (const delivery of deliveries) {
      if (!(delivery instanceof SkeletonDelivery)) throw new JMSException('Not a delivery of the skeleton broker');
      delivery.consumer.queue.acknowledge(delivery);
    }
  }

  async commit(): Promise<void> {
    refuse('transactions in the broker');
  }

  async rollback(): Promise<void> {
    refuse('transactions in the broker');
  }

  async browse(queue: Destination, selector: string | null): Promise<ProviderBrowser> {
    this.check();
    if (selector !== null) refuse('message selectors in the broker');
    const snapshot = this.broker.queue(queue.name).snapshot();
    let index = 0;
    return {
      next: async () => (index < snapshot.length ? snapshot[index++]! : null),
      close: async () => {
        index = snapshot.length;
      },
    };
  }

  /** The connection was lost: nothing is given back, the broker is gone. */
  abandon(): void {
    this.closed = true;
    this.subscriptions.clear();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const subscription of [...this.subscriptions]) await subscription.close();
    this.connection.forget(this);
  }
}
