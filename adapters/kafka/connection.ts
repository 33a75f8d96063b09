import { Kafka, Partitioners, type Admin, type Consumer, type KafkaConfig, type Producer } from 'kafkajs';
import { AcknowledgeMode } from '../../src/api/constants.js';
import { destinationOf, type Destination, type DestinationKind } from '../../src/api/destination.js';
import { ErrorCode } from '../../src/api/error-codes.js';
import {
  IllegalStateException,
  InvalidClientIDException,
  InvalidDestinationException,
  JMSException,
} from '../../src/api/exceptions.js';
import type {
  ProviderConnectOptions,
  ProviderConnection,
  ProviderSession,
  ProviderSessionOptions,
  SubscriptionSpec,
} from '../../src/spi/public.js';
import { subscriptionDefinitionHash } from '../../src/spi/public.js';
import { clientIdGroup, durableGroup, TEMPORARY_PREFIX, topicName } from './names.js';
import { withBackoff } from './backoff.js';
import { DUPS_OK_COMMIT_INTERVAL_MS } from './committer.js';
import { BatchingSender } from './sender.js';
import { KafkaSession } from './session.js';
import type { BrowseRange } from './browser.js';
import type { KafkaTimeouts } from './provider.js';
import { consumerTiming, type ConsumerTiming, type StartOffsets } from './subscription.js';
import { KafkaTransaction } from './transaction.js';

/** How long a new topic may take to get its partition leader. */
const TOPIC_READY_MS = 15_000;

/** The topic a client-id claim's consumer joins: it only has to exist. */
const CLIENT_ID_TOPIC = 'jms.client-ids';

/** Groups Kafka reports as gone or never made. */
const NO_GROUP = new Set(['Dead', 'Empty', 'Unknown', '']);

export class KafkaConnection implements ProviderConnection {
  readonly sender: BatchingSender;
  private producer: Promise<Producer> | null = null;
  private readonly topics = new Map<string, Promise<void>>();
  private readonly sessions = new Set<KafkaSession>();
  /** Transactional-id slots of the open transacted sessions (see KafkaTransaction). */
  private readonly transactionSlots = new Set<number>();
  readonly timing: ConsumerTiming;
  private claim: Consumer | null = null;
  private clientId: string | null = null;
  private temporaries = 0;
  private closed = false;

  private constructor(
    readonly kafka: Kafka,
    private readonly admin: Admin,
    private readonly url: string,
    private readonly options: ProviderConnectOptions,
    /** Offsets this process delivered, shared by the provider's connections (see KafkaSubscription). */
    readonly seen: Map<string, bigint>,
    private readonly timeouts: KafkaTimeouts,
  ) {
    this.timing = consumerTiming(timeouts.session);
    this.sender = new BatchingSender(() => this.openProducer());
  }

  static async open(
    config: KafkaConfig,
    url: string,
    options: ProviderConnectOptions,
    seen: Map<string, bigint>,
    timeouts: KafkaTimeouts,
  ): Promise<KafkaConnection> {
    const kafka = new Kafka(config);
    const admin = kafka.admin();
    try {
      await admin.connect();
    } catch (error) {
      throw new JMSException(`Cannot connect to Kafka at ${url}: ${(error as Error).message}`, ErrorCode.BROKER_UNAVAILABLE, error);
    }
    const connection = new KafkaConnection(kafka, admin, url, options, seen, timeouts);
    if (options.clientId !== null) {
      try {
        await connection.setClientId(options.clientId);
      } catch (error) {
        await connection.close();
        throw error;
      }
    }
    // Connected ahead of the first send, which would otherwise wait for it; a failure here is
    // retried by that send.
    connection.openProducer().catch(() => undefined);
    return connection;
  }

  error(error: unknown, what: string): JMSException {
    if (error instanceof JMSException) return error;
    return new JMSException(`${what}: ${(error as Error)?.message ?? String(error)}`, ErrorCode.BROKER_ERROR, error);
  }

  private openProducer(): Promise<Producer> {
    this.producer ??= (async () => {
      const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
      producer.on(producer.events.DISCONNECT, () => this.lost('the producer was disconnected'));
      await producer.connect();
      return producer;
    })().catch((error: unknown) => {
      this.producer = null;
      throw error;
    });
    return this.producer;
  }

  private lost(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.options.onConnectionLost(new JMSException(`Lost the Kafka connection to ${this.url}: ${reason}`, ErrorCode.CONNECTION_LOST));
  }

  /** Creates the topic with one partition on first use, so JMS ordering holds. */
  ensureTopic(topic: string): Promise<void> {
    let created = this.topics.get(topic);
    if (!created) {
      created = this.createTopic(topic)
        .catch((error: unknown) => {
          this.topics.delete(topic);
          throw this.error(error, `Cannot create Kafka topic "${topic}"`);
        });
      this.topics.set(topic, created);
    }
    return created;
  }

  private async createTopic(topic: string): Promise<void> {
    await this.admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: false });
    // kafkajs's own wait for leaders gives up on UNKNOWN_TOPIC_OR_PARTITION, which a KRaft broker
    // answers for a moment after it created a topic (seen on a freshly started broker): wait here.
    const deadline = Date.now() + TOPIC_READY_MS;
    const notReady = new Error(`the topic has no partition leader after ${TOPIC_READY_MS} ms`);
    await withBackoff(
      async () => {
        const { topics } = await this.admin.fetchTopicMetadata({ topics: [topic] });
        const partitions = topics[0]?.partitions ?? [];
        if (partitions.length === 0 || partitions.some((p) => p.leader < 0)) throw notReady;
      },
      (error) => (error === notReady || (error as { retriable?: boolean }).retriable === true) && Date.now() <= deadline,
    );
  }

  private async groupState(groupId: string): Promise<{ state: string; members: number }> {
    const { groups } = await this.admin.describeGroups([groupId]);
    const group = groups[0];
    return { state: group?.state ?? '', members: group?.members.length ?? 0 };
  }

  /**
   * Where a group with no members must start: the current end of the topic, so a new subscription
   * sees only what follows. Explicit offsets, not "latest", which the consumer would resolve at its
   * first fetch and so skip what was sent meanwhile. Null when the group already has members.
   */
  async endOffsetsIfIdle(groupId: string, topic: string): Promise<StartOffsets | null> {
    if ((await this.groupState(groupId)).members > 0) return null;
    const ends = await this.admin.fetchTopicOffsets(topic);
    return ends.map(({ partition, high }) => ({ partition, offset: high }));
  }

  /**
   * A durable subscription's group carries a hash of its topic and selector: a subscriber with
   * another definition replaces the subscription (JMS), which it finds by the name's prefix.
   */
  async durableSubscriptionGroup(spec: SubscriptionSpec, topic: string): Promise<{ groupId: string; startAt: StartOffsets | null }> {
    const prefix = `${durableGroup(spec.clientId, spec.subscriptionName!)}.`;
    const groupId = prefix + subscriptionDefinitionHash([topic, spec.definedSelector], 16);
    const existing = await this.durableGroups(prefix);
    for (const other of existing) {
      if (other === groupId) continue;
      if ((await this.groupState(other)).members > 0) {
        throw new IllegalStateException(`Durable subscription "${spec.subscriptionName}" is in use; it cannot change its topic or selector`);
      }
      await this.admin.deleteGroups([other]);
    }
    return { groupId, startAt: existing.includes(groupId) ? null : await this.endOffsetsIfIdle(groupId, topic) };
  }

  private async durableGroups(prefix: string): Promise<string[]> {
    const { groups } = await this.admin.listGroups();
    return groups.map((g) => g.groupId).filter((id) => id.startsWith(prefix) && /^[0-9a-f]{16}$/.test(id.slice(prefix.length)));
  }

  async unsubscribe(name: string): Promise<void> {
    const groups = await this.durableGroups(`${durableGroup(this.clientId, name)}.`);
    if (groups.length === 0) throw new InvalidDestinationException(`No durable subscription "${name}" for client id "${this.clientId ?? ''}"`);
    for (const groupId of groups) {
      if ((await this.groupState(groupId)).members > 0) {
        throw new IllegalStateException(`Durable subscription "${name}" has an active consumer; close it before unsubscribing`);
      }
    }
    await this.admin.deleteGroups(groups);
  }

  /**
   * Kafka knows no client ids: each is claimed by a member of a group of its own. A second claim
   * while the first's member is in the group is refused.
   */
  async setClientId(clientId: string): Promise<void> {
    const groupId = clientIdGroup(clientId);
    if (!NO_GROUP.has((await this.groupState(groupId)).state)) {
      throw new InvalidClientIDException(`Client id "${clientId}" is already in use by another connection`);
    }
    await this.ensureTopic(CLIENT_ID_TOPIC);
    const consumer = this.kafka.consumer({ groupId, ...this.timing });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.connect();
    await consumer.subscribe({ topics: [CLIENT_ID_TOPIC] });
    await consumer.run({ eachMessage: async () => undefined });
    await joined;
    const previous = this.claim;
    this.claim = consumer;
    this.clientId = clientId;
    await previous?.disconnect();
  }

  async createSession(options: ProviderSessionOptions): Promise<ProviderSession> {
    this.checkOpen();
    let transaction: KafkaTransaction | null = null;
    let slot = 0;
    if (options.transacted) {
      while (this.transactionSlots.has(++slot));
      this.transactionSlots.add(slot);
      const id = `jms.tx.${this.clientId ?? this.options.connectionId}.${slot}`;
      transaction = new KafkaTransaction(this.kafka, id, this.timeouts.transaction, (topic) => this.stableOffsets(topic));
      try {
        await transaction.ready();
      } catch (error) {
        this.transactionSlots.delete(slot);
        await transaction.close();
        throw this.error(error, 'Cannot open a Kafka transactional producer');
      }
    }
    const commitDelay = options.acknowledgeMode === AcknowledgeMode.DUPS_OK_ACKNOWLEDGE ? DUPS_OK_COMMIT_INTERVAL_MS : 0;
    const session = new KafkaSession(this, transaction, commitDelay, () => {
      this.sessions.delete(session);
      if (transaction !== null) this.transactionSlots.delete(slot);
    });
    this.sessions.add(session);
    return session;
  }

  /** The admin client lists offsets read_committed: `high` is the last stable offset. */
  async stableOffsets(topic: string): Promise<Map<number, bigint>> {
    const offsets = await this.admin.fetchTopicOffsets(topic);
    return new Map(offsets.map(({ partition, high }) => [partition, BigInt(high)]));
  }

  /**
   * What a browse of `topic` shows, per partition: from the queue group's committed offset (or the
   * log's start) to the end now. The end is the last stable offset (the admin client lists offsets
   * read_committed), so a transaction still open is not waited for.
   */
  async browseRanges(topic: string, groupId: string): Promise<BrowseRange[]> {
    const [ends, committed] = await Promise.all([this.admin.fetchTopicOffsets(topic), this.admin.fetchOffsets({ groupId, topics: [topic] })]);
    const from = new Map((committed[0]?.partitions ?? []).map(({ partition, offset }) => [partition, BigInt(offset)]));
    return ends.map(({ partition, high, low }) => {
      const at = from.get(partition) ?? -1n;
      return { partition, start: at < BigInt(low) ? BigInt(low) : at, end: BigInt(high) };
    });
  }

  /** Removes a browser's throwaway group (it committed nothing, so this is only tidying). */
  forgetGroup(groupId: string): Promise<void> {
    return this.admin.deleteGroups([groupId]).then(
      () => undefined,
      () => undefined,
    );
  }

  /** A topic of its own, created now and deleted with the destination. */
  async createTemporaryDestination(kind: DestinationKind): Promise<Destination> {
    const destination = destinationOf(kind, `${TEMPORARY_PREFIX}${this.options.connectionId}.${++this.temporaries}`, true);
    await this.ensureTopic(topicName(destination));
    return destination;
  }

  async deleteTemporaryDestination(destination: Destination): Promise<void> {
    this.topics.delete(destination.name);
    await this.admin.deleteTopics({ topics: [destination.name] }).catch(() => undefined);
  }

  async close(): Promise<void> {
    if (this.closed && this.sessions.size === 0 && this.claim === null) return;
    await Promise.all([...this.sessions].map((session) => session.close()));
    this.closed = true;
    const producer = this.producer;
    this.producer = null;
    await Promise.all([
      producer?.then((p) => p.disconnect()).catch(() => undefined),
      this.claim?.disconnect().catch(() => undefined),
      this.admin.disconnect().catch(() => undefined),
    ]);
    this.claim = null;
  }

  checkOpen(): void {
    if (this.closed) throw new IllegalStateException('The Kafka connection is closed');
  }
}
