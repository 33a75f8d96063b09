import { Kafka, Partitioners, type Consumer, type KafkaConfig, type Producer } from 'kafkajs';
import { destinationOf, type Destination, type DestinationKind } from '../../src/api/destination.js';
import { ErrorCode } from '../../src/api/error-codes.js';
import { IllegalStateException, InvalidClientIDException, JMSException } from '../../src/api/exceptions.js';
import type { ProviderConnectOptions, ProviderConnection, ProviderSession, ProviderSessionOptions } from '../../src/spi/public.js';
import { claimClientId } from '../../src/spi/public.js';
import { KafkaAdmin } from './admin.js';
import { kafkaError } from './errors.js';
import { clientIdGroup, TEMPORARY_PREFIX, topicName } from './names.js';
import { commitDelay, consumerTiming, type ConsumerTiming, type KafkaTimeouts } from './options.js';
import { BatchingSender } from './sender.js';
import { KafkaSession } from './session.js';
import { ShareQueues } from './share-queues.js';
import { KafkaTransaction } from './transaction.js';

/** The topic a client-id claim's consumer joins: it only has to exist. */
const CLIENT_ID_TOPIC = 'jms.client-ids';

/**
 * A connection: one kafkajs client with its admin (admin.ts), a producer shared by the
 * non-transacted sessions, the client-id claim, and the sessions.
 */
export class KafkaConnection implements ProviderConnection {
  readonly sender: BatchingSender;
  private producer: Promise<Producer> | null = null;
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
    readonly admin: KafkaAdmin,
    private readonly url: string,
    private readonly options: ProviderConnectOptions,
    /** Offsets this process delivered, shared by the provider's connections (see KafkaSubscription). */
    readonly seen: Map<string, bigint>,
    private readonly timeouts: KafkaTimeouts,
    /** Queues read through share groups; null when they are read through consumer groups. */
    readonly shareQueues: ShareQueues | null,
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
    const admin = await KafkaAdmin.connect(kafka, url, config.ssl !== undefined && config.ssl !== false);
    let shareQueues: ShareQueues | null;
    try {
      shareQueues = await ShareQueues.resolve(timeouts.queueMode, config, url);
    } catch (error) {
      await admin.disconnect();
      throw error;
    }
    const connection = new KafkaConnection(kafka, admin, url, options, seen, timeouts, shareQueues);
    await claimClientId(connection, options.clientId);
    // Connected ahead of the first send, which would otherwise wait for it; a failure here is
    // retried by that send.
    connection.openProducer().catch(() => undefined);
    return connection;
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

  /** A consumer or producer of this connection lost the brokers for good. */
  linkLost(reason: string): void {
    this.lost(reason);
  }

  private lost(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.options.onConnectionLost(new JMSException(`Lost the Kafka connection to ${this.url}: ${reason}`, ErrorCode.CONNECTION_LOST));
  }

  unsubscribe(name: string): Promise<void> {
    return this.admin.unsubscribe(this.clientId, name);
  }

  /**
   * Kafka knows no client ids: each is claimed by a member of a group of its own. A second claim
   * while the first's member is in the group is refused.
   */
  async setClientId(clientId: string): Promise<void> {
    const groupId = clientIdGroup(clientId);
    if (await this.admin.groupInUse(groupId)) {
      throw new InvalidClientIDException(`Client id "${clientId}" is already in use by another connection`);
    }
    await this.admin.ensureTopic(CLIENT_ID_TOPIC);
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
      transaction = new KafkaTransaction(this.kafka, id, this.timeouts.transaction, (topic) => this.admin.stableOffsets(topic));
      try {
        await transaction.ready();
      } catch (error) {
        this.transactionSlots.delete(slot);
        await transaction.close();
        throw kafkaError(error, 'Cannot open a Kafka transactional producer');
      }
    }
    const session = new KafkaSession(this, transaction, commitDelay(options.acknowledgeMode), () => {
      this.sessions.delete(session);
      if (transaction !== null) this.transactionSlots.delete(slot);
    }, options.acknowledgeMode);
    this.sessions.add(session);
    return session;
  }

  /** A topic of its own, created now and deleted with the destination. */
  async createTemporaryDestination(kind: DestinationKind): Promise<Destination> {
    const destination = destinationOf(kind, `${TEMPORARY_PREFIX}${this.options.connectionId}.${++this.temporaries}`, true);
    await this.admin.ensureTopic(topicName(destination));
    return destination;
  }

  deleteTemporaryDestination(destination: Destination): Promise<void> {
    return this.admin.deleteTopic(destination.name);
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
      this.admin.disconnect(),
      this.shareQueues?.close(),
    ]);
    this.claim = null;
  }

  checkOpen(): void {
    if (this.closed) throw new IllegalStateException('The Kafka connection is closed');
  }
}
