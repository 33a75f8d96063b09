import { ErrorCode } from '../../src/api/error-codes.js';
import { destinationOf, type Destination, type DestinationKind } from '../../src/api/destination.js';
import { FeatureNotSupportedException, IllegalStateException, InvalidClientIDException, InvalidDestinationException, JMSException } from '../../src/api/exceptions.js';
import type { DeliverySink, Envelope, ProviderConnectOptions, ProviderConnection, ProviderSession, ProviderSessionOptions, SubscriptionSpec } from '../../src/spi/public.js';
import { FilterExpression, SimpleConsumer, type Producer, type SessionCredentials } from 'rocketmq-client-nodejs';
import type { RocketAdmin } from './admin.js';
import { isUnreachable, toJmsException } from './errors.js';
import { envelopeToMessage } from './message-mapping.js';
import { CLIENT_ID_TOPIC, clientIdGroup, durableGroup, durablePrefix, nonDurableGroup, queueGroup, sharedGroup, temporaryTopic, topicName } from './names.js';
import type { RocketOptions } from './options.js';
import { OrderedSender } from './sender.js';
import { RocketSession } from './session.js';
import { RocketSubscription } from './subscription.js';

/** rocketmq-client-nodejs logs to a file under the home directory by default; jms-ts reports errors itself. */

/** Where a subscription reads and what happens to its group afterwards. */
interface GroupPlan {
  readonly group: string;
  readonly from: 'earliest' | 'latest';
  /** Removed when the subscription closes: always (non-durable), when the last local consumer leaves (shared), never. */
  readonly removal: 'always' | 'when-unused' | 'never';
}

/**
 * One JMS connection: one producer for every session's sends, one simple consumer per JMS
 * consumer, and a remoting connection to the broker for topics and groups.
 */
export class RocketConnection implements ProviderConnection {
  private readonly sessions = new Set<RocketSession>();
  private readonly temporaries = new Set<string>();
  private readonly groupUsers = new Map<string, number>();
  private clientId: string | null = null;
  private clientIdHolder: SimpleConsumer | null = null;
  private subscriptionCount = 0;
  private temporaryCount = 0;
  private closing = false;
  private lostReported = false;
  private readonly sender: OrderedSender;

  constructor(
    private readonly endpoints: string,
    private readonly producer: Producer,
    private readonly admin: RocketAdmin,
    private readonly options: RocketOptions,
    private readonly credentials: SessionCredentials | undefined,
    private readonly connectOptions: ProviderConnectOptions,
  ) {
    this.sender = new OrderedSender(producer, options.requestTimeout);
  }

  get connectionId(): string {
    return this.connectOptions.connectionId;
  }

  /** Reports the lost connection once and stops everything open. */
  lost(error: unknown): void {
    if (this.closing || this.lostReported) return;
    this.lostReported = true;
    for (const session of this.sessions) session.abandon();
    const reason = error instanceof Error ? error.message : String(error);
    this.connectOptions.onConnectionLost(new JMSException(`Lost the RocketMQ proxy: ${reason}`, ErrorCode.CONNECTION_LOST, error));
    this.admin.close();
    void this.producer.shutdown().catch(() => undefined);
    void this.clientIdHolder?.shutdown().catch(() => undefined);
  }

  /**
   * A client id is held by a consumer of its own group, connected while this connection lives:
   * another connection, in any process, finds that group online and is refused. (Checking and
   * joining are two steps: two connections claiming one id at the same instant can both win.)
   */
  async setClientId(clientId: string): Promise<void> {
    this.checkOpen();
    const group = clientIdGroup(clientId);
    let holder: SimpleConsumer;
    try {
      if (await this.admin.groupOnline(group)) {
        throw new InvalidClientIDException(`Client id "${clientId}" is already in use by another connection`, ErrorCode.CLIENT_ID_IN_USE);
      }
      await this.admin.createGroup(group);
      // A consumer heartbeats only to the brokers of its topics: the holder subscribes to one it never reads.
      await this.admin.ensureTopic(CLIENT_ID_TOPIC);
      holder = this.simpleConsumer(group, new Map([[CLIENT_ID_TOPIC, FilterExpression.SUB_ALL]]));
      await holder.startup();
    } catch (error) {
      throw toJmsException(error, `Cannot claim client id "${clientId}"`);
    }
    await this.clientIdHolder?.shutdown().catch(() => undefined);
    this.clientIdHolder = holder;
    this.clientId = clientId;
  }

  private simpleConsumer(group: string, subscriptions: Map<string, FilterExpression>): SimpleConsumer {
    return new SimpleConsumer({
      endpoints: this.endpoints,
      namespace: '',
      consumerGroup: group,
      subscriptions,
      awaitDuration: this.options.pollWait,
      requestTimeout: this.options.requestTimeout,
      logger: this.options.libraryLogger,
      ...(this.credentials ? { sessionCredentials: this.credentials } : {}),
    });
  }

  async createSession(options: ProviderSessionOptions): Promise<ProviderSession> {
    this.checkOpen();
    if (options.transacted) throw new FeatureNotSupportedException('rocketmq', 'native transactions', 'the client layer holds a transacted session\'s work until commit');
    const session = new RocketSession(this, () => this.sessions.delete(session));
    this.sessions.add(session);
    return session;
  }

  /** Sends one message after the ones before it on this connection, so they reach the broker in call order. */
  async send(destination: Destination, envelope: Envelope): Promise<void> {
    this.checkOpen();
    const topic = topicName(destination);
    try {
      await this.sender.send(envelopeToMessage(topic, envelope), this.admin.ensureTopic(topic));
    } catch (error) {
      if (isUnreachable(error)) this.lost(error);
      throw toJmsException(error, `RocketMQ did not take a message to ${destination}`);
    }
  }

  private plan(spec: SubscriptionSpec, topic: string): GroupPlan {
    const { destination } = spec;
    if (destination.kind === 'queue') return { group: queueGroup(topic), from: 'earliest', removal: 'never' };
    const clientId = spec.clientId ?? this.clientId;
    const name = spec.subscriptionName ?? '';
    if (spec.durable) return { group: durableGroup(clientId, name, spec.shared, topic, spec.definedSelector), from: 'latest', removal: 'never' };
    if (spec.shared) return { group: sharedGroup(clientId, name), from: 'latest', removal: 'when-unused' };
    return { group: nonDurableGroup(this.connectionId, ++this.subscriptionCount), from: 'latest', removal: 'always' };
  }

  /** Prepares the subscription's group on the broker and starts a simple consumer in it. */
  async subscribe(spec: SubscriptionSpec, sink: DeliverySink, closed: (subscription: RocketSubscription) => void): Promise<RocketSubscription> {
    this.checkOpen();
    if (spec.selector !== null) throw new FeatureNotSupportedException('rocketmq', 'selectors on queue consumers', 'a consumer group skips the messages its filter rejects for all its consumers');
    const topic = topicName(spec.destination);
    const plan = this.plan(spec, topic);
    let consumer: SimpleConsumer;
    try {
      await this.admin.ensureTopic(topic);
      if (spec.durable) await this.replaceOtherDefinitions(spec, plan.group);
      await this.admin.startGroup(plan.group, topic, plan.from);
      consumer = this.simpleConsumer(plan.group, new Map([[topic, FilterExpression.SUB_ALL]]));
      await consumer.startup();
    } catch (error) {
      if (isUnreachable(error)) this.lost(error);
      throw toJmsException(error, `Cannot subscribe to ${spec.destination}`);
    }
    this.groupUsers.set(plan.group, (this.groupUsers.get(plan.group) ?? 0) + 1);
    const subscription = new RocketSubscription(consumer, spec.destination, sink, spec.prefetch, this.options.invisibleDuration, plan.group, this.options.requestTimeout, {
      left: async () => {
        const users = (this.groupUsers.get(plan.group) ?? 1) - 1;
        if (users > 0) this.groupUsers.set(plan.group, users);
        else this.groupUsers.delete(plan.group);
        if (this.lostReported) return;
        if (plan.removal === 'always' || (plan.removal === 'when-unused' && users === 0)) await this.admin.deleteGroup(plan.group);
      },
      unreachable: (error) => this.lost(error),
      closed,
    });
    subscription.start();
    return subscription;
  }

  /** A durable subscription whose topic, selector or sharing changed starts afresh: its older groups go. */
  private async replaceOtherDefinitions(spec: SubscriptionSpec, group: string): Promise<void> {
    const prefix = durablePrefix(spec.clientId ?? this.clientId, spec.subscriptionName ?? '');
    for (const other of await this.admin.groupsStartingWith(prefix)) {
      if (other !== group) await this.admin.deleteGroup(other);
    }
  }

  async createTemporaryDestination(kind: DestinationKind): Promise<Destination> {
    this.checkOpen();
    const name = temporaryTopic(this.connectionId, ++this.temporaryCount);
    try {
      await this.admin.ensureTopic(name);
    } catch (error) {
      throw toJmsException(error, `Cannot create a temporary ${kind}`);
    }
    this.temporaries.add(name);
    return destinationOf(kind, name, true);
  }

  async deleteTemporaryDestination(destination: Destination): Promise<void> {
    this.checkOpen();
    const topic = topicName(destination);
    this.temporaries.delete(topic);
    try {
      await this.admin.deleteTopic(topic);
    } catch (error) {
      throw toJmsException(error, `Cannot delete ${destination}`);
    }
  }

  async unsubscribe(name: string): Promise<void> {
    this.checkOpen();
    let groups: string[];
    try {
      groups = await this.admin.groupsStartingWith(durablePrefix(this.clientId, name));
      for (const group of groups) await this.admin.deleteGroup(group);
    } catch (error) {
      throw toJmsException(error, `Cannot unsubscribe "${name}"`);
    }
    if (groups.length === 0) throw new InvalidDestinationException(`No durable subscription "${name}" for client id "${this.clientId ?? ''}"`, ErrorCode.NOT_FOUND);
  }

  async close(): Promise<void> {
    if (this.closing || this.lostReported) return;
    await Promise.all([...this.sessions].map((session) => session.close()));
    this.closing = true;
    await this.sender.drained();
    try {
      for (const topic of this.temporaries) await this.admin.deleteTopic(topic);
    } catch {
      // Best effort: the broker keeps an unused topic.
    }
    this.admin.close();
    await this.producer.shutdown().catch(() => undefined);
    await this.clientIdHolder?.shutdown().catch(() => undefined);
  }

  checkOpen(): void {
    if (this.closing || this.lostReported) throw new IllegalStateException('The RocketMQ connection is closed');
  }
}
