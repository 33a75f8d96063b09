import { FilterExpression, Producer, SimpleConsumer, type MessageView } from 'rocketmq-client-nodejs';
import { RocketAdmin } from '../../adapters/rocketmq/admin.js';

const SILENT = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** The proxy endpoint and broker address of a `rocketmq://` test URL. */
export function endpointsOf(url: string): { endpoints: string; brokerHost: string; brokerPort: number } {
  const parsed = new URL(url);
  const [brokerHost, brokerPort] = (parsed.searchParams.get('brokerAddress') ?? `${parsed.hostname}:10911`).split(':');
  return { endpoints: `${parsed.hostname}:${parsed.port || '8081'}`, brokerHost: brokerHost!, brokerPort: Number(brokerPort) };
}

/** A plain rocketmq-client-nodejs producer and simple consumer, as an application without jms-ts writes them. */
export class PlainRocket {
  readonly admin: RocketAdmin;
  private readonly endpoints: string;
  private producer: Producer | null = null;
  private readonly consumers: SimpleConsumer[] = [];

  constructor(url: string) {
    const { endpoints, brokerHost, brokerPort } = endpointsOf(url);
    this.endpoints = endpoints;
    this.admin = new RocketAdmin(brokerHost, brokerPort, 5000, null);
  }

  async send(topic: string, body: Buffer, properties: Record<string, string> = {}): Promise<void> {
    await this.admin.ensureTopic(topic);
    if (!this.producer) {
      this.producer = new Producer({ endpoints: this.endpoints, namespace: '', logger: SILENT });
      await this.producer.startup();
    }
    await this.producer.send({ topic, body, properties: new Map(Object.entries(properties)) });
  }

  /** A consumer of a group of its own that sees the topic from its first message. */
  async consumer(topic: string, group: string): Promise<SimpleConsumer> {
    await this.admin.ensureTopic(topic);
    await this.admin.startGroup(group, topic, 'earliest');
    const consumer = new SimpleConsumer({
      endpoints: this.endpoints,
      namespace: '',
      consumerGroup: group,
      subscriptions: new Map([[topic, FilterExpression.SUB_ALL]]),
      awaitDuration: 5000,
      logger: SILENT,
    });
    await consumer.startup();
    this.consumers.push(consumer);
    return consumer;
  }

  /** `count` messages from the consumer, acknowledged. */
  async receive(consumer: SimpleConsumer, count: number): Promise<MessageView[]> {
    const got: MessageView[] = [];
    for (let polls = 0; got.length < count && polls < 10; polls++) {
      for (const view of await consumer.receive(count - got.length, 30000)) {
        await consumer.ack(view);
        got.push(view);
      }
    }
    return got;
  }

  async close(): Promise<void> {
    await Promise.all(this.consumers.map((consumer) => consumer.shutdown().catch(() => undefined)));
    await this.producer?.shutdown().catch(() => undefined);
    this.admin.close();
  }
}
