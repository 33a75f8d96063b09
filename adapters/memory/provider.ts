import type { Destination, DestinationKind } from '../../src/api/destination.js';
import { IllegalStateException, InvalidDestinationException, JMSException, JMSSecurityException } from '../../src/api/exceptions.js';
import { ErrorCode } from '../../src/api/error-codes.js';
import { compileEnvelopeSelector } from '../../src/spi/public.js';
import type { Delivery, Envelope } from '../../src/spi/public.js';
import type {
  DeliverySink,
  Provider,
  ProviderBrowser,
  ProviderConfig,
  ProviderConnectOptions,
  ProviderConnection,
  ProviderSession,
  ProviderSessionOptions,
  ProviderSubscription,
  SubscriptionSpec,
  Capabilities,
} from '../../src/spi/public.js';
import { MEMORY_CAPABILITIES } from './capabilities.js';
import { MemoryBroker, type BrokerConnection, type TopicSubscription } from './broker.js';
import { describeMemory, nativeBehaviour, parseEmulate, type MemoryNative } from './emulation.js';
import { MemoryDelivery, StoreConsumer, type MessageStore } from './message-store.js';

export { MEMORY_CAPABILITIES };

/** The embedded broker as a Provider: `memory://` (the default broker) or `memory://name`. */
export class MemoryProvider implements Provider {
  readonly adapter: string;
  readonly capabilities: Capabilities;
  private readonly brokerName: string;
  private readonly native: MemoryNative;

  constructor(config: ProviderConfig) {
    this.brokerName = config.hosts[0]?.host ?? config.path ?? '';
    // Test-only: `emulate=` hands features to the client layer, so its emulations run without a broker.
    ({ adapter: this.adapter, capabilities: this.capabilities } = describeMemory(config.options));
    this.native = nativeBehaviour(parseEmulate(config.options.emulate));
  }

  async connect(options: ProviderConnectOptions): Promise<ProviderConnection> {
    if (options.username !== undefined || options.password !== undefined) {
      throw new JMSSecurityException('The embedded broker has no users: createConnection takes no user name or password on memory://', ErrorCode.INVALID_CONFIGURATION);
    }
    const broker = MemoryBroker.get(this.brokerName);
    if (options.clientId !== null) broker.claimClientId(options.clientId);
    const connection = new MemoryConnection(broker, options, this.native);
    broker.connections.add(connection);
    return connection;
  }
}

class MemoryConnection implements ProviderConnection, BrokerConnection {
  readonly connectionId: string;
  private clientId: string | null;
  private readonly sessions = new Set<MemorySession>();
  private closed = false;

  constructor(
    readonly broker: MemoryBroker,
    private readonly options: ProviderConnectOptions,
    readonly native: MemoryNative,
  ) {
    this.connectionId = options.connectionId;
    this.clientId = options.clientId;
  }

  get currentClientId(): string | null {
    return this.clientId;
  }

  lose(error: JMSException): void {
    if (this.closed) return;
    this.closed = true;
    for (const session of this.sessions) session.abandon();
    this.broker.connections.delete(this);
    this.options.onConnectionLost(error);
  }

  check(): void {
    if (this.closed) throw new IllegalStateException('The memory connection is closed');
  }

  async setClientId(clientId: string): Promise<void> {
    this.check();
    this.broker.claimClientId(clientId);
    this.broker.releaseClientId(this.clientId);
    this.clientId = clientId;
  }

  async createSession(options: ProviderSessionOptions): Promise<ProviderSession> {
    this.check();
    const session = new MemorySession(this, options.transacted);
    this.sessions.add(session);
    return session;
  }

  forget(session: MemorySession): void {
    this.sessions.delete(session);
  }

  async createTemporaryDestination(kind: DestinationKind): Promise<Destination> {
    this.check();
    return this.broker.createTemporary(kind, this.connectionId);
  }

  async deleteTemporaryDestination(destination: Destination): Promise<void> {
    this.check();
    this.broker.deleteTemporary(destination);
  }

  async unsubscribe(name: string): Promise<void> {
    this.check();
    this.broker.unsubscribe(this.clientId, name);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    for (const session of [...this.sessions]) await session.close();
    this.closed = true;
    this.broker.deleteTemporariesOf(this.connectionId);
    this.broker.releaseClientId(this.clientId);
    this.broker.connections.delete(this);
  }
}

class MemorySubscription implements ProviderSubscription {
  private closed = false;

  constructor(
    private readonly store: MessageStore,
    readonly consumer: StoreConsumer,
    private readonly onClose: () => void,
  ) {}

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.store.removeConsumer(this.consumer);
    this.onClose();
  }
}

const DONE: Promise<void> = Promise.resolve();

class MemorySession implements ProviderSession {
  private readonly subscriptions = new Set<MemorySubscription>();
  private pendingSends: [Destination, Envelope][] = [];
  private pendingAcks: MemoryDelivery[] = [];
  private closed = false;

  constructor(
    private readonly connection: MemoryConnection,
    private readonly transacted: boolean,
  ) {}

  private get broker(): MemoryBroker {
    return this.connection.broker;
  }

  private check(): void {
    this.connection.check();
    if (this.closed) throw new IllegalStateException('The memory session is closed');
  }

  // send and acknowledge run per message: no async function, one settled promise shared.
  send(destination: Destination, envelope: Envelope): Promise<void> {
    try {
      this.check();
      if (this.transacted) {
        this.broker.checkSendable(destination);
        this.pendingSends.push([destination, envelope]);
      } else {
        this.broker.send(destination, envelope, this.connection.native);
      }
      return DONE;
    } catch (error) {
      return Promise.reject(error);
    }
  }

  async subscribe(spec: SubscriptionSpec, sink: DeliverySink): Promise<ProviderSubscription> {
    this.check();
    this.broker.checkConsumable(spec.destination, this.connection.connectionId);
    let store: MessageStore;
    let accepts: (envelope: Envelope) => boolean = () => true;
    let topicSubscription: TopicSubscription | null = null;
    if (spec.destination.kind === 'queue') {
      store = this.broker.queue(spec.destination.name);
      const selector = compileEnvelopeSelector(spec.selector);
      if (selector) accepts = selector;
    } else {
      topicSubscription = this.broker.topicSubscription({ ...spec, clientId: this.connection.currentClientId }, this.connection.connectionId);
      store = topicSubscription.store;
    }
    const consumer = new StoreConsumer(sink, spec.prefetch, accepts, this.connection.native.deliveryCount);
    const subscription = new MemorySubscription(store, consumer, () => {
      this.subscriptions.delete(subscription);
      if (topicSubscription) this.broker.consumerClosed(topicSubscription);
    });
    this.subscriptions.add(subscription);
    store.addConsumer(consumer);
    return subscription;
  }

  acknowledge(deliveries: readonly Delivery[]): Promise<void> {
    try {
      this.check();
      for (const delivery of deliveries) {
        if (!(delivery instanceof MemoryDelivery)) throw new JMSException('Not a delivery of the memory broker');
        if (this.transacted) this.pendingAcks.push(delivery);
        else this.ack(delivery);
      }
      return DONE;
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private ack(delivery: MemoryDelivery): void {
    delivery.store.acknowledge(delivery);
  }

  async commit(): Promise<void> {
    this.check();
    if (!this.transacted) throw new IllegalStateException('The session is not transacted');
    const sends = this.pendingSends;
    const acks = this.pendingAcks;
    this.pendingSends = [];
    this.pendingAcks = [];
    for (const [destination, envelope] of sends) {
      try {
        this.broker.send(destination, envelope, this.connection.native);
      } catch (error) {
        if (error instanceof InvalidDestinationException) continue; // a temporary destination deleted meanwhile
        throw error;
      }
    }
    for (const delivery of acks) this.ack(delivery);
  }

  async rollback(): Promise<void> {
    this.check();
    if (!this.transacted) throw new IllegalStateException('The session is not transacted');
    this.pendingSends = [];
    this.pendingAcks = [];
  }

  async browse(queue: Destination, selector: string | null): Promise<ProviderBrowser> {
    this.check();
    const filter = compileEnvelopeSelector(selector);
    const snapshot = this.broker.browse(queue).filter((envelope) => filter === null || filter(envelope));
    let index = 0;
    return {
      next: async () => (index < snapshot.length ? snapshot[index++] : null),
      close: async () => {
        index = snapshot.length;
      },
    };
  }

  /** The connection was lost: forget everything without touching the broker's (dropped) state. */
  abandon(): void {
    this.closed = true;
    this.subscriptions.clear();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.pendingSends = [];
    this.pendingAcks = [];
    for (const subscription of [...this.subscriptions]) await subscription.close();
    this.connection.forget(this);
  }
}
