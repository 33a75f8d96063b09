import type { Destination, DestinationKind } from '../../src/api/destination.js';
import { destinationOf } from '../../src/api/destination.js';
import { ErrorCode } from '../../src/api/error-codes.js';
import {
  IllegalStateException,
  InvalidClientIDException,
  InvalidDestinationException,
  JMSException,
} from '../../src/api/exceptions.js';
import { compileEnvelopeSelector } from '../../src/spi/public.js';
import type { Envelope } from '../../src/spi/public.js';
import type { SubscriptionSpec } from '../../src/spi/public.js';
import type { MemoryNative } from './emulation.js';
import { MessageStore } from './message-store.js';

/** A topic subscription: its own store of the topic's messages that pass its filter. */
export interface TopicSubscription {
  readonly store: MessageStore;
  readonly topic: string;
  /** The selector as the application defined it (its identity, even where the client filters). */
  readonly selector: string | null;
  readonly noLocal: boolean;
  /** The subscribing connection, for noLocal. */
  readonly connectionId: string;
  readonly durable: boolean;
  readonly shared: boolean;
  readonly filter: (envelope: Envelope) => boolean;
}

/** What the broker needs of a connection to fail it when the broker crashes. */
export interface BrokerConnection {
  readonly connectionId: string;
  lose(error: JMSException): void;
}

/**
 * One embedded broker: queues, topics with their subscriptions, durable and shared subscriptions,
 * temporary destinations and client ids. `memory://name` gives the broker called name.
 */
export class MemoryBroker {
  private static readonly brokers = new Map<string, MemoryBroker>();

  static get(name = ''): MemoryBroker {
    let broker = MemoryBroker.brokers.get(name);
    if (!broker) {
      broker = new MemoryBroker(name);
      MemoryBroker.brokers.set(name, broker);
    }
    return broker;
  }

  private readonly queues = new Map<string, MessageStore>();
  private readonly topicSubscriptions = new Map<string, Set<TopicSubscription>>();
  /** Durable and shared subscriptions by key (clientId or '' + name). */
  private readonly named = new Map<string, TopicSubscription>();
  private readonly temporary = new Map<string, string>(); // destination key -> owning connection
  private readonly clientIds = new Set<string>();
  readonly connections = new Set<BrokerConnection>();
  private tempCounter = 0;

  private constructor(readonly name: string) {}

  claimClientId(clientId: string): void {
    if (this.clientIds.has(clientId)) {
      throw new InvalidClientIDException(`Client id "${clientId}" is already in use on memory://${this.name}`);
    }
    this.clientIds.add(clientId);
  }

  releaseClientId(clientId: string | null): void {
    if (clientId !== null) this.clientIds.delete(clientId);
  }

  queue(name: string): MessageStore {
    let store = this.queues.get(name);
    if (!store) {
      store = new MessageStore(destinationOf('queue', name));
      this.queues.set(name, store);
    }
    return store;
  }

  send(destination: Destination, envelope: Envelope, native?: MemoryNative): void {
    this.checkTemporaryExists(destination);
    if (destination.kind === 'queue') {
      this.queue(destination.name).enqueue(envelope, native);
      return;
    }
    for (const subscription of this.topicSubscriptions.get(destination.name) ?? []) {
      if (subscription.filter(envelope)) subscription.store.enqueue(envelope, native);
    }
  }

  /** Sending needs only that a temporary destination still exists; any connection may send to it. */
  checkSendable(destination: Destination): void {
    this.checkTemporaryExists(destination);
  }

  private checkTemporaryExists(destination: Destination): void {
    if (destination.temporary && !this.temporary.has(key(destination))) {
      throw new InvalidDestinationException(`Temporary ${destination.kind} "${destination.name}" has been deleted`);
    }
  }

  /** Checks that a connection may consume from a destination (temporary ones: only their owner). */
  checkConsumable(destination: Destination, connectionId: string): void {
    this.checkTemporaryExists(destination);
    const owner = this.temporary.get(key(destination));
    if (owner !== undefined && owner !== connectionId) {
      throw new InvalidDestinationException(`Temporary ${destination.kind} "${destination.name}" belongs to another connection`);
    }
  }

  /** The subscription a topic consumer reads from, created or reused per JMS 2.0's rules. */
  topicSubscription(spec: SubscriptionSpec, connectionId: string): TopicSubscription {
    const topic = spec.destination.name;
    const named = spec.durable || spec.shared;
    const nameKey = named ? `${spec.shared && !spec.durable ? 'shared' : 'durable'}\u0000${spec.clientId ?? ''}\u0000${spec.subscriptionName}` : null;
    if (nameKey !== null) {
      const existing = this.named.get(nameKey);
      if (existing) {
        const same = existing.topic === topic && existing.selector === spec.definedSelector && existing.noLocal === spec.noLocal;
        if (existing.shared !== spec.shared) {
          throw new JMSException(`Subscription "${spec.subscriptionName}" exists as ${existing.shared ? 'a shared' : 'an unshared'} subscription`);
        }
        if (!spec.shared && existing.store.consumerCount > 0) {
          throw new IllegalStateException(`Durable subscription "${spec.subscriptionName}" already has an active consumer`);
        }
        if (same) return existing;
        if (existing.store.consumerCount > 0) {
          throw new JMSException(`Shared subscription "${spec.subscriptionName}" is in use with another topic or selector`);
        }
        this.removeSubscription(nameKey, existing);
      }
    }
    const selector = compileEnvelopeSelector(spec.selector);
    const subscription: TopicSubscription = {
      store: new MessageStore(spec.destination),
      topic,
      selector: spec.definedSelector,
      noLocal: spec.noLocal,
      connectionId,
      durable: spec.durable,
      shared: spec.shared,
      filter: (envelope) =>
        !(spec.noLocal && envelope.connectionId === connectionId) && (selector === null || selector(envelope)),
    };
    let set = this.topicSubscriptions.get(topic);
    if (!set) this.topicSubscriptions.set(topic, (set = new Set()));
    set.add(subscription);
    if (nameKey !== null) this.named.set(nameKey, subscription);
    return subscription;
  }

  /** Called when a topic consumer closes: non-durable subscriptions without consumers go away. */
  consumerClosed(subscription: TopicSubscription): void {
    if (subscription.durable || subscription.store.consumerCount > 0) return;
    for (const [nameKey, named] of this.named) if (named === subscription) this.named.delete(nameKey);
    this.topicSubscriptions.get(subscription.topic)?.delete(subscription);
    subscription.store.discard();
  }

  unsubscribe(clientId: string | null, name: string): void {
    for (const prefix of ['durable']) {
      const nameKey = `${prefix}\u0000${clientId ?? ''}\u0000${name}`;
      const subscription = this.named.get(nameKey);
      if (!subscription) continue;
      if (subscription.store.consumerCount > 0) {
        throw new IllegalStateException(`Cannot unsubscribe "${name}": the durable subscription has an active consumer`);
      }
      this.removeSubscription(nameKey, subscription);
      return;
    }
    throw new InvalidDestinationException(`No durable subscription "${name}" exists for client id ${clientId === null ? '(none)' : `"${clientId}"`}`);
  }

  private removeSubscription(nameKey: string, subscription: TopicSubscription): void {
    this.named.delete(nameKey);
    this.topicSubscriptions.get(subscription.topic)?.delete(subscription);
    subscription.store.discard();
  }

  createTemporary(kind: DestinationKind, connectionId: string): Destination {
    const name = `${kind === 'queue' ? 'TempQueue' : 'TempTopic'}-${connectionId}-${++this.tempCounter}`;
    const destination = destinationOf(kind, name, true);
    this.temporary.set(key(destination), connectionId);
    return destination;
  }

  deleteTemporary(destination: Destination): void {
    const inUse =
      destination.kind === 'queue'
        ? (this.queues.get(destination.name)?.consumerCount ?? 0) > 0
        : [...(this.topicSubscriptions.get(destination.name) ?? [])].some((s) => s.store.consumerCount > 0);
    if (inUse) throw new IllegalStateException(`Temporary ${destination.kind} "${destination.name}" still has consumers`);
    this.temporary.delete(key(destination));
    if (destination.kind === 'queue') {
      this.queues.get(destination.name)?.discard();
      this.queues.delete(destination.name);
    } else {
      this.topicSubscriptions.delete(destination.name);
    }
  }

  /** Deletes the temporary destinations a closing connection owns. */
  deleteTemporariesOf(connectionId: string): void {
    for (const [destinationKey, owner] of [...this.temporary]) {
      if (owner !== connectionId) continue;
      const [kind, name] = destinationKey.split('\u0000') as [DestinationKind, string];
      this.temporary.delete(destinationKey);
      if (kind === 'queue') {
        this.queues.get(name)?.discard();
        this.queues.delete(name);
      } else {
        this.topicSubscriptions.delete(name);
      }
    }
  }

  /** Simulates a broker failure: every connection is lost, and all state is dropped. */
  crash(reason = 'the embedded broker crashed'): void {
    const error = new JMSException(`memory://${this.name}: ${reason}`, ErrorCode.CONNECTION_LOST);
    for (const connection of [...this.connections]) connection.lose(error);
    this.reset();
  }

  /** Drops every queue, subscription and client id (for tests). */
  reset(): void {
    for (const store of this.queues.values()) store.discard();
    for (const set of this.topicSubscriptions.values()) for (const s of set) s.store.discard();
    this.queues.clear();
    this.topicSubscriptions.clear();
    this.named.clear();
    this.temporary.clear();
    this.clientIds.clear();
  }

  /** Browsable messages of a queue. */
  browse(queue: Destination): Envelope[] {
    this.checkTemporaryExists(queue);
    return [...(this.queues.get(queue.name)?.available() ?? [])];
  }
}

function key(destination: Destination): string {
  return `${destination.kind}\u0000${destination.name}`;
}
