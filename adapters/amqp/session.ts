import type { Channel, ConfirmChannel, ConsumeMessage } from 'amqplib';
import type { Destination } from '../../src/api/destination.js';
import { ErrorCode } from '../../src/api/error-codes.js';
import { FeatureNotSupportedException, IllegalStateException, JMSException } from '../../src/api/exceptions.js';
import type { Delivery, Envelope } from '../../src/spi/public.js';
import type {
  DeliverySink,
  ProviderBrowser,
  ProviderSession,
  ProviderSubscription,
  SubscriptionSpec,
} from '../../src/spi/public.js';
import type { AmqpConnection } from './connection.js';
import { replyCode, REPLY, toJmsException } from './errors.js';
import { envelopeToPublication, messageToEnvelope } from './message-mapping.js';
import { definitionMarker, durableQueueName, QUEUE_ARGUMENTS, sharedQueueName, TOPIC_EXCHANGE } from './topology.js';

/** A delivery with what it takes to acknowledge it on the channel it came from. */
class AmqpDelivery implements Delivery {
  constructor(
    readonly envelope: Envelope,
    readonly destination: Destination,
    readonly redelivered: boolean,
    readonly deliveryCount: number | null,
    readonly raw: ConsumeMessage,
    readonly subscription: AmqpSubscription,
  ) {}
}

/**
 * One consumer on a channel of its own: closing the channel hands every unacknowledged message
 * back to RabbitMQ, which is what closing a JMS consumer must do.
 */
class AmqpSubscription implements ProviderSubscription {
  private open = true;
  /** Delivery tags handed on and not yet acknowledged, in delivery order (they increase per channel). */
  private readonly unacked: number[] = [];
  private unackedHead = 0;
  /** Tags acknowledged on their own while an older tag was still unacknowledged. */
  private readonly ackedAhead = new Set<number>();

  constructor(
    private readonly channel: Channel,
    private readonly sink: DeliverySink,
    private readonly destination: Destination,
    private readonly onClosed: (subscription: AmqpSubscription) => void,
    connectionIsOpen: () => boolean,
    private readonly closeChannel: (channel: Channel) => Promise<void>,
  ) {
    // amqplib closes every channel just before it reports the connection lost: that one report is enough.
    channel.on('close', () => setImmediate(() => connectionIsOpen() && this.fail('its AMQP channel was closed')));
  }

  onMessage(message: ConsumeMessage | null): void {
    if (message === null) return this.fail('RabbitMQ cancelled the consumer (was its queue deleted?)');
    if (!this.open) return;
    let envelope: Envelope;
    try {
      envelope = messageToEnvelope(message);
    } catch (error) {
      this.sink.fail(toJmsException(error, `Cannot read a message from ${this.destination}`));
      return;
    }
    // Quorum queues count deliveries; classic queues only say "redelivered".
    const count = message.properties.headers?.['x-delivery-count'];
    this.unacked.push(message.fields.deliveryTag);
    this.sink.deliver(
      new AmqpDelivery(envelope, this.destination, message.fields.redelivered, typeof count === 'number' ? count + 1 : null, message, this),
    );
  }

  /**
   * Acknowledges these deliveries of this subscription. Where they are the oldest unacknowledged
   * ones, one `multiple` ack covers them all (AUTO_ACKNOWLEDGE hands a turn's worth at once).
   */
  ack(deliveries: readonly AmqpDelivery[]): void {
    if (!this.open) return;
    const byTag = new Map<number, ConsumeMessage>();
    for (const delivery of deliveries) byTag.set(delivery.raw.fields.deliveryTag, delivery.raw);
    let newest: ConsumeMessage | undefined;
    while (this.unackedHead < this.unacked.length) {
      const tag = this.unacked[this.unackedHead]!;
      const message = byTag.get(tag);
      if (message !== undefined) {
        newest = message;
        byTag.delete(tag);
      } else if (!this.ackedAhead.delete(tag)) break;
      this.unackedHead++;
    }
    if (newest !== undefined) this.channel.ack(newest, true);
    for (const [tag, message] of byTag) {
      this.channel.ack(message);
      this.ackedAhead.add(tag);
    }
    if (this.unackedHead === this.unacked.length) {
      this.unacked.length = 0;
      this.unackedHead = 0;
    } else if (this.unackedHead > 1024 && this.unackedHead * 2 > this.unacked.length) {
      this.unacked.splice(0, this.unackedHead);
      this.unackedHead = 0;
    }
  }

  private fail(reason: string): void {
    if (!this.open) return;
    this.open = false;
    this.onClosed(this);
    this.sink.fail(new JMSException(`The subscription to ${this.destination} ended: ${reason}`, ErrorCode.SUBSCRIPTION_LOST));
  }

  async close(): Promise<void> {
    if (!this.open) return;
    this.open = false;
    this.onClosed(this);
    await this.closeChannel(this.channel);
  }
}

/** Sends keep call order: each is put on the wire after the one before, then waits for its confirm alone. */
interface Publication {
  readonly confirmed: Promise<void>;
}

export class AmqpSession implements ProviderSession {
  private publisher: Promise<ConfirmChannel> | null = null;
  private lastPublish: Promise<unknown> = Promise.resolve();
  /** Sends waiting in `lastPublish` for a declaration or the channel. */
  private queuedPublishes = 0;
  /** The publisher channel once open, for sends that need not wait. */
  private readyPublisher: ConfirmChannel | null = null;
  private readonly subscriptions = new Set<AmqpSubscription>();
  private closed = false;

  constructor(
    private readonly connection: AmqpConnection,
    private readonly onClose: () => void,
  ) {}

  send(destination: Destination, envelope: Envelope): Promise<void> {
    // Fast path: nothing queued before this send and nothing to declare, so it goes on the wire
    // now, while the caller's loop still runs (pipelined sends then overlap with the broker's work).
    if (this.queuedPublishes === 0 && this.readyPublisher !== null && this.connection.isDeclared(destination)) {
      try {
        this.checkOpen();
        return this.publishOn(this.readyPublisher, destination, envelope);
      } catch (error) {
        return Promise.reject(error);
      }
    }
    this.queuedPublishes++;
    const step = this.lastPublish.then(() => this.publish(destination, envelope)).finally(() => this.queuedPublishes--);
    this.lastPublish = step.catch(() => undefined);
    return step.then((publication) => publication.confirmed);
  }

  private async publish(destination: Destination, envelope: Envelope): Promise<Publication> {
    this.checkOpen();
    if (destination.kind === 'topic') await this.connection.ensureTopicExchange();
    else if (!destination.temporary) await this.connection.ensureQueue(destination.name);
    const channel = await this.publisherChannel();
    return { confirmed: this.publishOn(channel, destination, envelope) };
  }

  /** Puts one message on the wire; resolves on its publisher confirm. */
  private publishOn(channel: ConfirmChannel, destination: Destination, envelope: Envelope): Promise<void> {
    const exchange = destination.kind === 'topic' ? TOPIC_EXCHANGE : '';
    const { content, options } = envelopeToPublication(envelope, Date.now());
    return new Promise<void>((resolve, reject) => {
      channel.publish(exchange, destination.name, content, options, (error) =>
        error ? reject(toJmsException(error, `RabbitMQ did not confirm a message to ${destination}`)) : resolve(),
      );
    });
  }

  private publisherChannel(): Promise<ConfirmChannel> {
    if (this.publisher === null) {
      const opening = this.connection.openConfirmChannel() as Promise<ConfirmChannel>;
      this.publisher = opening;
      opening.then(
        (channel) => {
          this.readyPublisher = channel;
          channel.on('close', () => {
            if (this.publisher === opening) this.publisher = null;
            if (this.readyPublisher === channel) this.readyPublisher = null;
          });
        },
        () => (this.publisher = null),
      );
    }
    return this.publisher;
  }

  async subscribe(spec: SubscriptionSpec, sink: DeliverySink): Promise<ProviderSubscription> {
    this.checkOpen();
    const channel = await this.connection.openChannel();
    try {
      const queue = await this.subscriptionQueue(channel, spec);
      await channel.prefetch(spec.prefetch);
      const subscription = new AmqpSubscription(
        channel,
        sink,
        spec.destination,
        (s) => this.subscriptions.delete(s),
        () => this.connection.isOpen,
        (c) => this.connection.closeChannel(c),
      );
      // An unshared durable subscription has at most one consumer at a time.
      await channel.consume(queue, (message) => subscription.onMessage(message), {
        noAck: false,
        exclusive: spec.durable && !spec.shared,
      });
      this.subscriptions.add(subscription);
      return subscription;
    } catch (error) {
      await this.connection.closeChannel(channel);
      if (spec.durable && !spec.shared && replyCode(error) === REPLY.accessRefused) {
        throw new IllegalStateException(`Durable subscription "${spec.subscriptionName}" already has an active consumer`, ErrorCode.IN_USE, error);
      }
      throw toJmsException(error, `Cannot subscribe to ${spec.destination}`);
    }
  }

  /** The queue a subscription consumes from, declared and bound as the JMS subscription kind needs. */
  private async subscriptionQueue(channel: Channel, spec: SubscriptionSpec): Promise<string> {
    const { destination } = spec;
    if (destination.kind === 'queue') {
      if (!destination.temporary) await this.connection.ensureQueue(destination.name);
      return destination.name;
    }
    await this.connection.ensureTopicExchange();
    const name = spec.subscriptionName ?? '';
    if (spec.durable) return this.durableQueue(channel, durableQueueName(spec.clientId, name), spec);
    if (spec.shared) {
      const queue = sharedQueueName(spec.clientId, name);
      await channel.assertQueue(queue, { durable: false, autoDelete: true, arguments: { ...QUEUE_ARGUMENTS } });
      await channel.bindQueue(queue, TOPIC_EXCHANGE, destination.name);
      return queue;
    }
    const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true, arguments: { ...QUEUE_ARGUMENTS } });
    await channel.bindQueue(queue, TOPIC_EXCHANGE, destination.name);
    return queue;
  }

  /**
   * A durable subscription's queue. When its definition marker is missing the subscription is new
   * or its topic or selector changed: JMS then replaces it, so the old queue and messages go.
   */
  private async durableQueue(channel: Channel, queue: string, spec: SubscriptionSpec): Promise<string> {
    const topic = spec.destination.name;
    const marker = definitionMarker(queue, topic, spec.definedSelector);
    const unchanged = await this.connection.withThrowawayChannel((check) => check.checkExchange(marker)).then(
      () => true,
      (error: unknown) => {
        if (replyCode(error) === REPLY.notFound) return false;
        throw error;
      },
    );
    if (unchanged) return queue;
    await this.connection.withThrowawayChannel((remove) => remove.deleteQueue(queue, { ifUnused: true })).catch((error: unknown) => {
      if (replyCode(error) === REPLY.preconditionFailed) {
        throw new IllegalStateException(
          `Durable subscription "${spec.subscriptionName}" is in use; it cannot change to topic ${topic} or another selector`,
          ErrorCode.IN_USE,
          error,
        );
      }
      throw error;
    });
    await channel.assertQueue(queue, { durable: true, arguments: { ...QUEUE_ARGUMENTS } });
    await channel.bindQueue(queue, TOPIC_EXCHANGE, topic);
    await channel.assertExchange(marker, 'fanout', { durable: true, autoDelete: true });
    await channel.bindQueue(queue, marker, '');
    return queue;
  }

  async acknowledge(deliveries: readonly Delivery[]): Promise<void> {
    const bySubscription = new Map<AmqpSubscription, AmqpDelivery[]>();
    for (const delivery of deliveries) {
      if (!(delivery instanceof AmqpDelivery)) continue;
      const batch = bySubscription.get(delivery.subscription);
      if (batch === undefined) bySubscription.set(delivery.subscription, [delivery]);
      else batch.push(delivery);
    }
    for (const [subscription, batch] of bySubscription) subscription.ack(batch);
  }

  async commit(): Promise<void> {
    throw new IllegalStateException('The AMQP adapter has no native transactions; the client layer commits');
  }

  async rollback(): Promise<void> {
    throw new IllegalStateException('The AMQP adapter has no native transactions; the client layer rolls back');
  }

  async browse(): Promise<ProviderBrowser> {
    throw new FeatureNotSupportedException('amqp', 'queue browsing', 'AMQP 0-9-1 cannot read a queue without taking its messages');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.onClose();
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await Promise.race([this.lastPublish, this.connection.gone]);
    const publisher = this.publisher;
    this.publisher = null;
    if (publisher) {
      const channel = await publisher.catch(() => null);
      if (channel) {
        await Promise.race([channel.waitForConfirms().catch(() => undefined), this.connection.gone]);
        await this.connection.closeChannel(channel);
      }
    }
  }

  private checkOpen(): void {
    if (this.closed) throw new IllegalStateException('The session is closed');
    this.connection.checkOpen();
  }
}
