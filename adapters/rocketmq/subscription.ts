import { ErrorCode } from '../../src/api/error-codes.js';
import type { Destination } from '../../src/api/destination.js';
import { JMSException } from '../../src/api/exceptions.js';
import type { Delivery, DeliverySink, Envelope, ProviderSubscription } from '../../src/spi/public.js';
import type { MessageView, SimpleConsumer } from 'rocketmq-client-nodejs';
import { ackAll } from './batch-ack.js';
import { isUnreachable, toJmsException } from './errors.js';
import { messageToEnvelope } from './message-mapping.js';

/** The most messages one receive asks for (the proxy's batch limit). */
const MAX_BATCH = 32;

export class RocketDelivery implements Delivery {
  constructor(
    readonly envelope: Envelope,
    readonly destination: Destination,
    readonly redelivered: boolean,
    readonly deliveryCount: number,
    readonly view: MessageView,
    readonly subscription: RocketSubscription,
  ) {}
}

export interface SubscriptionHooks {
  /** After the consumer has given its messages back: removes a non-durable group, for example. */
  left(): Promise<void>;
  /** The proxy could not be reached while the subscription was open. */
  unreachable(error: unknown): void;
  closed(subscription: RocketSubscription): void;
}

/**
 * One JMS consumer: a simple consumer of its group that long-polls the proxy, never holding more
 * than `prefetch` unacknowledged messages. Each received message stays invisible to the rest of
 * the group for `invisibleDuration`; closing makes the ones not acknowledged visible again at once.
 * A poll still waiting when the subscription closes is not awaited: what it brings is given back.
 */
export class RocketSubscription implements ProviderSubscription {
  private open = true;
  private readonly unacknowledged = new Set<RocketDelivery>();
  private wake: (() => void) | null = null;
  private loop: Promise<void> = Promise.resolve();

  constructor(
    private readonly consumer: SimpleConsumer,
    private readonly destination: Destination,
    private readonly sink: DeliverySink,
    private readonly prefetch: number,
    private readonly invisibleDuration: number,
    private readonly group: string,
    private readonly requestTimeout: number,
    private readonly hooks: SubscriptionHooks,
  ) {}

  start(): void {
    this.loop = this.run();
  }

  get isOpen(): boolean {
    return this.open;
  }

  private async run(): Promise<void> {
    while (this.open) {
      const room = this.prefetch - this.unacknowledged.size;
      if (room <= 0) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        continue;
      }
      let views: MessageView[];
      try {
        views = await this.consumer.receive(Math.min(room, MAX_BATCH), this.invisibleDuration);
      } catch (error) {
        if (!this.open) return;
        if (isUnreachable(error)) {
          this.hooks.unreachable(error);
          return;
        }
        this.fail(toJmsException(error, `Cannot receive from ${this.destination}`));
        return;
      }
      if (!this.open) {
        await this.giveBack(views);
        return;
      }
      for (const view of views) this.deliver(view);
    }
  }

  private deliver(view: MessageView): void {
    let envelope: Envelope;
    try {
      envelope = messageToEnvelope(view);
    } catch (error) {
      this.sink.fail(toJmsException(error, `Cannot read message ${view.messageId} of ${this.destination}`));
      return;
    }
    const attempt = view.deliveryAttempt ?? 1;
    const delivery = new RocketDelivery(envelope, this.destination, attempt > 1, attempt, view, this);
    this.unacknowledged.add(delivery);
    this.sink.deliver(delivery);
  }

  /** Acknowledges on the broker; deliveries of a closed subscription were given back and are left alone. */
  async acknowledge(deliveries: readonly RocketDelivery[]): Promise<void> {
    const mine = deliveries.filter((delivery) => this.unacknowledged.has(delivery));
    // One request per topic: a group's retried messages can come from its retry topic.
    const byTopic = new Map<string, MessageView[]>();
    for (const { view } of mine) byTopic.set(view.topic, [...(byTopic.get(view.topic) ?? []), view]);
    await Promise.all([...byTopic.values()].map((views) => ackAll(this.consumer, this.group, views, this.requestTimeout)));
    for (const delivery of mine) this.unacknowledged.delete(delivery);
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  /** Makes these messages visible to the group again now, for redelivery. */
  private async giveBack(views: readonly MessageView[]): Promise<void> {
    await Promise.all(views.map((view) => this.consumer.changeInvisibleDuration(view, 0).catch(() => undefined)));
  }

  private fail(error: JMSException): void {
    if (!this.open) return;
    this.stop();
    this.hooks.closed(this);
    this.sink.fail(new JMSException(`The subscription to ${this.destination} ended: ${error.message}`, ErrorCode.SUBSCRIPTION_LOST, error));
    void this.consumer.shutdown().catch(() => undefined);
  }

  private stop(): void {
    this.open = false;
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  /** The proxy is gone: stop without touching it. */
  abandon(): void {
    this.stop();
    void this.loop.finally(() => this.consumer.shutdown().catch(() => undefined));
  }

  async close(): Promise<void> {
    if (!this.open) return;
    this.stop();
    this.hooks.closed(this);
    const held = [...this.unacknowledged].map((delivery) => delivery.view);
    this.unacknowledged.clear();
    await this.giveBack(held);
    // A poll in flight ends by itself within pollWait; it gives back what it brings, then the consumer shuts down.
    void this.loop.finally(async () => {
      await this.consumer.shutdown().catch(() => undefined);
      await this.hooks.left().catch(() => undefined);
    });
  }
}
