import { randomUUID } from 'node:crypto';
import type { Destination } from '../../src/api/destination.js';
import { IllegalStateException } from '../../src/api/exceptions.js';
import type { Delivery, Envelope } from '../../src/spi/public.js';
import type { DeliverySink, ProviderBrowser, ProviderSession, ProviderSubscription, SubscriptionSpec } from '../../src/spi/public.js';
import { KafkaBrowser } from './browser.js';
import type { KafkaConnection } from './connection.js';
import { kafkaError } from './errors.js';
import { queueGroup, sharedGroup, topicName } from './names.js';
import { envelopeToRecord } from './records.js';
import { KafkaDelivery, KafkaSubscription, type StartOffsets } from './subscription.js';
import type { KafkaTransaction } from './transaction.js';
import type { AcknowledgeMode } from '../../src/api/constants.js';
import { shareAckLinger } from './share-queues.js';
import { ShareDelivery, type ShareSubscription } from './share-subscription.js';

/** A session; a transacted one sends and acknowledges through its KafkaTransaction. */
export class KafkaSession implements ProviderSession {
  private readonly subscriptions = new Set<KafkaSubscription | ShareSubscription>();
  private readonly browsers = new Set<KafkaBrowser>();
  private closed = false;

  constructor(
    private readonly connection: KafkaConnection,
    private readonly transaction: KafkaTransaction | null,
    /** How long acknowledgements gather before a commit: DUPS_OK_ACKNOWLEDGE's interval, else 0. */
    private readonly commitDelayMs: number,
    private readonly onClose: () => void,
    /** The session's JMS mode: how long share-group acknowledgements may gather (see shareAckLinger). */
    private readonly acknowledgeMode?: AcknowledgeMode,
  ) {}

  async send(destination: Destination, envelope: Envelope): Promise<void> {
    this.checkOpen();
    const topic = topicName(destination);
    await this.connection.admin.ensureTopic(topic);
    const sender = this.transaction?.sender ?? this.connection.sender;
    await sender.send(topic, envelopeToRecord(envelope)).catch((error: unknown) => {
      throw kafkaError(error, `Kafka did not acknowledge a message to ${destination}`);
    });
  }

  async subscribe(spec: SubscriptionSpec, sink: DeliverySink): Promise<ProviderSubscription> {
    this.checkOpen();
    const { connection } = this;
    const topic = topicName(spec.destination);
    await connection.admin.ensureTopic(topic);
    if (spec.destination.kind === 'queue' && connection.shareQueues !== null) {
      const subscription = await connection.shareQueues
        .subscribe(topic, spec.destination, sink, spec.prefetch, shareAckLinger(this.acknowledgeMode), (s) => this.subscriptions.delete(s))
        .catch((error: unknown) => {
          throw kafkaError(error, `Cannot subscribe to ${spec.destination}`);
        });
      this.subscriptions.add(subscription);
      return subscription;
    }
    let groupId: string;
    let startAt: StartOffsets | null = null;
    let fromBeginning = false;
    if (spec.destination.kind === 'queue') {
      groupId = queueGroup(topic);
      fromBeginning = true; // a queue keeps what was sent before anyone listened
    } else if (spec.durable) {
      ({ groupId, startAt } = await connection.admin.durableSubscriptionGroup(spec, topic));
    } else {
      // A non-durable shared subscription lives while it has consumers: the first one starts at the end.
      groupId = spec.shared ? sharedGroup(spec.clientId, spec.subscriptionName!) : `jms.subscriber.${randomUUID()}`;
      startAt = await connection.admin.endOffsetsIfIdle(groupId, topic);
    }
    const subscription = await KafkaSubscription.start({
      kafka: connection.kafka,
      groupId,
      topic,
      fromBeginning,
      startAt,
      destination: spec.destination,
      sink,
      prefetch: spec.prefetch,
      seen: connection.seen,
      timing: connection.timing,
      onClosed: (s) => this.subscriptions.delete(s),
      onLinkLost: (reason) => connection.linkLost(reason),
      commitDelayMs: this.commitDelayMs,
    }).catch((error: unknown) => {
      throw kafkaError(error, `Cannot subscribe to ${spec.destination}`);
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  async acknowledge(deliveries: readonly Delivery[]): Promise<void> {
    if (this.transaction !== null) {
      this.transaction.acknowledge(deliveries.filter((d): d is KafkaDelivery => d instanceof KafkaDelivery));
      return;
    }
    const shared = new Map<ShareSubscription, ShareDelivery[]>();
    for (const delivery of deliveries) {
      if (delivery instanceof ShareDelivery) shared.set(delivery.subscription, [...(shared.get(delivery.subscription) ?? []), delivery]);
    }
    const bySubscription = new Map<KafkaSubscription, KafkaDelivery[]>();
    for (const delivery of deliveries) {
      if (!(delivery instanceof KafkaDelivery)) continue;
      const list = bySubscription.get(delivery.subscription) ?? [];
      list.push(delivery);
      bySubscription.set(delivery.subscription, list);
    }
    await Promise.all([
      ...[...bySubscription].map(([subscription, list]) => subscription.acknowledge(list)),
      ...[...shared].map(([subscription, list]) => subscription.acknowledge(list)),
    ]);
  }

  async commit(): Promise<void> {
    this.checkOpen();
    await this.transactionOrThrow().commit();
  }

  async rollback(): Promise<void> {
    this.checkOpen();
    await this.transactionOrThrow().rollback();
  }

  private transactionOrThrow(): KafkaTransaction {
    if (this.transaction === null) throw new IllegalStateException('The session is not transacted');
    return this.transaction;
  }

  async browse(queue: Destination): Promise<ProviderBrowser> {
    this.checkOpen();
    const { connection } = this;
    const topic = topicName(queue);
    try {
      await connection.admin.ensureTopic(topic);
      const ranges = await connection.admin.browseRanges(topic, queueGroup(topic), connection.shareQueues);
      const browser = await KafkaBrowser.open(connection.kafka, topic, ranges, connection.timing, async (stopped, groupId) => {
        this.browsers.delete(stopped);
        if (groupId !== null) await connection.admin.forgetGroup(groupId);
      });
      if (!browser.stopped) this.browsers.add(browser); // one with nothing to show is done already
      return browser;
    } catch (error) {
      throw kafkaError(error, `Cannot browse ${queue}`);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.onClose();
    await Promise.all([
      ...[...this.subscriptions].map((subscription) => subscription.close()),
      ...[...this.browsers].map((browser) => browser.close()),
      this.transaction?.close(),
    ]);
  }

  private checkOpen(): void {
    if (this.closed) throw new IllegalStateException('The session is closed');
    this.connection.checkOpen();
  }
}
