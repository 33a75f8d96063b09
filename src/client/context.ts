import type {
  CompletionListener,
  ExceptionListener,
  JMSConsumer,
  JMSContext,
  JMSProducer,
  MessageBody,
  MessageConsumer,
  MessageListener,
  QueueBrowser,
} from '../api/connection.js';
import { AcknowledgeMode, type DeliveryMode } from '../api/constants.js';
import type { Destination, Queue, TemporaryQueue, TemporaryTopic, Topic } from '../api/destination.js';
import { MessageFormatException } from '../api/exceptions.js';
import type { BodyType, Message } from '../api/message.js';
import type { RedeliveryPolicy } from '../api/redelivery.js';
import { AbstractMessage, JmsBytesMessage, JmsMapMessage, JmsObjectMessage, JmsTextMessage } from '../message/index.js';
import type { ConnectionRecoveryStats, ConnectionStatus } from '../api/connection-status.js';
import type { ClientConnection } from './connection.js';
import type { Features } from './features.js';
import type { ClientProducer } from './producer.js';
import type { ClientSession } from './session.js';
import { SendSettings } from './send-settings.js';

/** JMS 2.0 simplified API: one connection (shared by contexts made from it) and one session. */
export class ClientJMSContext implements JMSContext {
  private autoStart = true;
  private closed = false;

  private constructor(
    private readonly connection: ClientConnection,
    private readonly session: ClientSession,
    private readonly mode: AcknowledgeMode,
    private readonly shared: { count: number },
  ) {}

  static async open(connection: ClientConnection, mode: AcknowledgeMode, shared: { count: number }): Promise<ClientJMSContext> {
    const session = await connection.createSession(mode);
    return new ClientJMSContext(connection, session, mode, shared);
  }

  getClientID(): string | null { return this.connection.getClientID(); }
  setClientID(clientId: string): Promise<void> { return this.connection.setClientID(clientId); }
  getSessionMode(): AcknowledgeMode { return this.mode; }
  getTransacted(): boolean { return this.mode === AcknowledgeMode.SESSION_TRANSACTED; }
  setExceptionListener(listener: ExceptionListener | null): void { this.connection.setExceptionListener(listener); }
  status(): AsyncIterable<ConnectionStatus> { return this.connection.status(); }
  getRecoveryStats(): ConnectionRecoveryStats { return this.connection.getRecoveryStats(); }
  getAutoStart(): boolean { return this.autoStart; }
  setAutoStart(autoStart: boolean): void { this.autoStart = autoStart; }
  start(): Promise<void> { return this.connection.start(); }
  stop(): Promise<void> { return this.connection.stop(); }

  async createContext(sessionMode: AcknowledgeMode): Promise<JMSContext> {
    const context = await ClientJMSContext.open(this.connection, sessionMode, this.shared);
    this.shared.count++;
    return context;
  }

  createProducer(): JMSProducer {
    this.session.checkOpen();
    return new ClientJMSProducer(this.session, this.connection.features);
  }

  private async consumer(open: () => Promise<MessageConsumer>): Promise<JMSConsumer> {
    const consumer = await open();
    if (this.autoStart) await this.connection.start();
    return new ClientJMSConsumer(consumer);
  }

  createConsumer(destination: Destination, selector: string | null = null, noLocal = false): Promise<JMSConsumer> {
    return this.consumer(() => this.session.createConsumer(destination, selector, noLocal));
  }
  createDurableConsumer(topic: Topic, name: string, selector: string | null = null, noLocal = false): Promise<JMSConsumer> {
    return this.consumer(() => this.session.createDurableConsumer(topic, name, selector, noLocal));
  }
  createSharedConsumer(topic: Topic, name: string, selector: string | null = null): Promise<JMSConsumer> {
    return this.consumer(() => this.session.createSharedConsumer(topic, name, selector));
  }
  createSharedDurableConsumer(topic: Topic, name: string, selector: string | null = null): Promise<JMSConsumer> {
    return this.consumer(() => this.session.createSharedDurableConsumer(topic, name, selector));
  }
  createBrowser(queue: Queue, selector: string | null = null): Promise<QueueBrowser> { return this.session.createBrowser(queue, selector); }
  createQueue(name: string): Queue { return this.session.createQueue(name); }
  createTopic(name: string): Topic { return this.session.createTopic(name); }
  createTemporaryQueue(): Promise<TemporaryQueue> { return this.session.createTemporaryQueue(); }
  createTemporaryTopic(): Promise<TemporaryTopic> { return this.session.createTemporaryTopic(); }
  createMessage(): Message { return this.session.createMessage(); }
  createTextMessage(text: string | null = null) { return this.session.createTextMessage(text); }
  createBytesMessage() { return this.session.createBytesMessage(); }
  createMapMessage() { return this.session.createMapMessage(); }
  createStreamMessage() { return this.session.createStreamMessage(); }
  createObjectMessage(object: unknown = null) { return this.session.createObjectMessage(object); }
  unsubscribe(name: string): Promise<void> { return this.session.unsubscribe(name); }
  commit(): Promise<void> { return this.session.commit(); }
  rollback(): Promise<void> { return this.session.rollback(); }
  recover(): Promise<void> { return this.session.recover(); }
  acknowledge(): Promise<void> { return this.session.acknowledge(); }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.session.close();
    if (--this.shared.count === 0) await this.connection.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

/**
 * JMSProducer: fluent settings and send(destination, message or body), over one anonymous
 * MessageProducer that shares its SendSettings and closes with the context's session.
 */
class ClientJMSProducer implements JMSProducer {
  private readonly properties = new Map<string, boolean | number | bigint | string>();
  private readonly settings: SendSettings;
  private producer: ClientProducer | null = null;
  private correlationId: string | null = null;
  private type: string | null = null;
  private replyTo: Destination | null = null;
  private completion: CompletionListener | null = null;

  constructor(
    private readonly session: ClientSession,
    features: Features,
  ) {
    this.settings = new SendSettings(features);
  }

  private toMessage(body: Message | MessageBody): Message {
    if (body instanceof AbstractMessage) return body;
    if (typeof body === 'string') return new JmsTextMessage(body);
    if (body instanceof Uint8Array) {
      const message = new JmsBytesMessage();
      message.writeBytes(body);
      return message;
    }
    if (body instanceof Map) {
      const message = new JmsMapMessage();
      for (const [name, value] of body) message.setObject(name, value as never);
      return message;
    }
    if (body !== null && typeof body === 'object') return new JmsObjectMessage(body);
    throw new MessageFormatException(`JMSProducer cannot send a ${body === null ? 'null' : typeof body} body`);
  }

  async send(destination: Destination, body: Message | MessageBody): Promise<JMSProducer> {
    const message = this.toMessage(body);
    for (const [name, value] of this.properties) message.setObjectProperty(name, value);
    if (this.correlationId !== null) message.setJMSCorrelationID(this.correlationId);
    if (this.type !== null) message.setJMSType(this.type);
    if (this.replyTo !== null) message.setJMSReplyTo(this.replyTo);
    this.producer ??= this.session.openProducer(null, this.settings);
    if (this.completion !== null) this.producer.sendAsync(destination, message, this.completion);
    else await this.producer.send(destination, message);
    return this;
  }

  setAsync(listener: CompletionListener | null): JMSProducer { this.completion = listener; return this; }
  setDeliveryMode(mode: DeliveryMode): JMSProducer { this.settings.deliveryMode = mode; return this; }
  setPriority(priority: number): JMSProducer { this.settings.priority = priority; return this; }
  setTimeToLive(ms: number): JMSProducer { this.settings.timeToLive = ms; return this; }
  setDeliveryDelay(ms: number): JMSProducer { this.settings.deliveryDelay = ms; return this; }
  setDisableMessageID(value: boolean): JMSProducer { this.settings.disableMessageId = value; return this; }
  setDisableMessageTimestamp(value: boolean): JMSProducer { this.settings.disableTimestamp = value; return this; }
  setJMSCorrelationID(id: string | null): JMSProducer { this.correlationId = id; return this; }
  setJMSType(type: string | null): JMSProducer { this.type = type; return this; }
  setJMSReplyTo(destination: Destination | null): JMSProducer { this.replyTo = destination; return this; }
  setProperty(name: string, value: boolean | number | bigint | string): JMSProducer {
    new JmsTextMessage().setObjectProperty(name, value); // the same name and type checks as a message
    this.properties.set(name, value);
    return this;
  }
  clearProperties(): JMSProducer { this.properties.clear(); return this; }
}

/** JMSConsumer: a MessageConsumer with receiveBody. */
class ClientJMSConsumer implements JMSConsumer {
  constructor(private readonly consumer: MessageConsumer) {}

  getMessageSelector(): string | null { return this.consumer.getMessageSelector(); }
  setMessageListener(listener: MessageListener | null): void { this.consumer.setMessageListener(listener); }
  receive(timeout?: number): Promise<Message | null> { return this.consumer.receive(timeout); }
  receiveNoWait(): Promise<Message | null> { return this.consumer.receiveNoWait(); }
  setRedeliveryPolicy(changes: Partial<RedeliveryPolicy>): void { this.consumer.setRedeliveryPolicy(changes); }
  getRedeliveryPolicy(): RedeliveryPolicy { return this.consumer.getRedeliveryPolicy(); }

  async receiveBody<T>(type: BodyType, timeout?: number): Promise<T | null> {
    const message = await this.consumer.receive(timeout);
    if (message === null) return null;
    if (!message.isBodyAssignableTo(type)) {
      throw new MessageFormatException(`The received ${message.bodyKind} message's body cannot be returned as ${type.name}`);
    }
    return message.getBody(type as ObjectConstructor) as T;
  }

  [Symbol.asyncIterator](): AsyncIterator<Message> { return this.consumer[Symbol.asyncIterator](); }
  close(): Promise<void> { return this.consumer.close(); }
  async [Symbol.asyncDispose](): Promise<void> { await this.consumer.close(); }
}
