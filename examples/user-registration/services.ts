import type { Connection, ConnectionFactory, Message, MessageConsumer, RedeliveryPolicy, Session } from '../../src/index.js';
import { AcknowledgeMode } from '../../src/index.js';

/** What the demo prints, with the time since start, so the asynchrony is visible. */
export type Log = (service: string, text: string) => void;

export interface User {
  id: string;
  email: string;
  phone: string;
}

/**
 * The registration service: stores the user and publishes a `user.registered` event. It answers
 * as soon as the broker has the event; it does not wait for the services that consume it.
 */
export class RegistrationService {
  private readonly users = new Map<string, User>();

  constructor(
    private readonly connection: Connection,
    private readonly topicName: string,
    private readonly log: Log,
  ) {}

  async register(user: User): Promise<void> {
    const started = Date.now();
    this.users.set(user.id, user);
    const session = await this.connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    try {
      const producer = await session.createProducer(session.createTopic(this.topicName));
      const event = session.createMapMessage();
      event.setString('userId', user.id);
      event.setString('email', user.email);
      event.setString('phone', user.phone);
      event.setJMSType('user.registered');
      await producer.send(event);
    } finally {
      await session.close();
    }
    this.log('registration', `registered ${user.id}; answered in ${Date.now() - started} ms`);
  }
}

/**
 * A consumer service with its own durable subscription, so events published while it is down are
 * kept for it. `handle` may be slow or may throw: a listener that throws in AUTO_ACKNOWLEDGE mode
 * gets the message again, as its redelivery policy says, and after the last redelivery the
 * message goes to the dead-letter queue `DLQ.<topic>`.
 */
export class EventService {
  private connection: Connection | null = null;
  private session: Session | null = null;
  private consumer: MessageConsumer | null = null;

  constructor(
    readonly name: string,
    private readonly handle: (event: Message, attempt: number) => Promise<void>,
    private readonly redelivery: Partial<RedeliveryPolicy> = {},
  ) {}

  async start(factory: ConnectionFactory, topicName: string): Promise<void> {
    this.connection = await factory.createConnection({ clientId: `${this.name}-service` });
    const session = await this.connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    this.session = session;
    this.consumer = await session.createDurableConsumer(session.createTopic(topicName), this.subscriptionName(topicName));
    this.consumer.setRedeliveryPolicy(this.redelivery);
    this.consumer.setMessageListener(async (event: Message) => {
      await this.handle(event, event.getIntProperty('JMSXDeliveryCount'));
    });
    await this.connection.start();
  }

  private subscriptionName(topicName: string): string {
    return `${this.name}-${topicName}`;
  }

  /** Stops the service; `forget` also removes its durable subscription from the broker. */
  async stop(topicName: string, forget: boolean): Promise<void> {
    await this.consumer?.close();
    if (forget) await this.session?.unsubscribe(this.subscriptionName(topicName));
    await this.connection?.close();
  }
}
