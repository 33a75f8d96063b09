import type { AcknowledgeMode, DeliveryMode } from './constants.js';
import type { Destination, Queue, TemporaryQueue, TemporaryTopic, Topic } from './destination.js';
import type { ConnectionRecoveryStats, ConnectionStatus } from './connection-status.js';
import type { JMSException } from './exceptions.js';
import type { RedeliveryPolicy } from './redelivery.js';
import type {
  BytesMessage,
  MapMessage,
  Message,
  ObjectMessage,
  StreamMessage,
  TextMessage,
} from './message.js';

/**
 * The classic JMS API (ConnectionFactory → Connection → Session → producers and consumers) in
 * TypeScript form: calls that do I/O return Promises; everything else is synchronous.
 */

export type ExceptionListener = (error: JMSException) => void;
/** Receives messages asynchronously (MessageConsumer.setMessageListener); a returned promise is awaited before the next message. */
export type MessageListener = (message: Message) => void | Promise<void>;

/** Told when an asynchronous send has completed or failed. */
export interface CompletionListener {
  onCompletion(message: Message): void;
  onException(message: Message, error: JMSException): void;
}

/** Options for ConnectionFactory.createConnection. */
export interface ConnectionOptions {
  clientId?: string;
  username?: string;
  password?: string;
}

/** Creates connections to one broker; made by createConnectionFactory from a URL. */
export interface ConnectionFactory {
  /** The adapter behind this factory, e.g. 'memory', 'kafka'. */
  readonly adapter: string;
  createConnection(options?: ConnectionOptions): Promise<Connection>;
  /** JMS 2.0 simplified API. */
  createContext(sessionMode?: AcknowledgeMode, options?: ConnectionOptions): Promise<JMSContext>;
}

/** What a connection tells about itself and its provider. */
export interface ConnectionMetaData {
  readonly jmsVersion: string;
  readonly providerName: string;
  readonly providerVersion: string;
  /** The JMSX property names this connection supports. */
  readonly jmsxPropertyNames: readonly string[];
}

/** An open connection to a broker; creates sessions and starts or stops delivery. */
export interface Connection extends AsyncDisposable {
  getClientID(): string | null;
  /** Only before any other action on the connection; duplicates throw InvalidClientIDException. */
  setClientID(clientId: string): Promise<void>;
  getMetaData(): ConnectionMetaData;
  getExceptionListener(): ExceptionListener | null;
  setExceptionListener(listener: ExceptionListener | null): void;
  /** Starts (or restarts) delivery of incoming messages. */
  start(): Promise<void>;
  /** Pauses delivery; waits for running message listeners to return. */
  stop(): Promise<void>;
  /** Closes the connection, its sessions, producers and consumers; idempotent. */
  close(): Promise<void>;
  createSession(mode?: AcknowledgeMode): Promise<Session>;
  /** JMS 1.1 form: transacted wins over acknowledgeMode. */
  createSession(transacted: boolean, acknowledgeMode: AcknowledgeMode): Promise<Session>;
  /**
   * The connection's status events from now on (lost, reconnecting, reconnected, failed, blocked,
   * unblocked), as an async iterable that ends when the connection closes. Each call gives an
   * iterator of its own; events are kept until read.
   */
  status(): AsyncIterable<ConnectionStatus>;
  /** How often the connection was lost and recovered, and how many sends were re-sent. */
  getRecoveryStats(): ConnectionRecoveryStats;
}

/** A single-threaded context for producing and consuming messages, with its acknowledgement mode or transaction. */
export interface Session extends AsyncDisposable {
  getTransacted(): boolean;
  getAcknowledgeMode(): AcknowledgeMode;
  createMessage(): Message;
  createTextMessage(text?: string | null): TextMessage;
  createBytesMessage(): BytesMessage;
  createMapMessage(): MapMessage;
  createStreamMessage(): StreamMessage;
  createObjectMessage(object?: unknown): ObjectMessage;
  createQueue(name: string): Queue;
  createTopic(name: string): Topic;
  createTemporaryQueue(): Promise<TemporaryQueue>;
  createTemporaryTopic(): Promise<TemporaryTopic>;
  /** `destination` null gives an anonymous producer that names the destination on each send. */
  createProducer(destination: Destination | null): Promise<MessageProducer>;
  createConsumer(destination: Destination, selector?: string | null, noLocal?: boolean): Promise<MessageConsumer>;
  createDurableSubscriber(topic: Topic, name: string, selector?: string | null, noLocal?: boolean): Promise<TopicSubscriber>;
  createDurableConsumer(topic: Topic, name: string, selector?: string | null, noLocal?: boolean): Promise<MessageConsumer>;
  createSharedConsumer(topic: Topic, sharedSubscriptionName: string, selector?: string | null): Promise<MessageConsumer>;
  createSharedDurableConsumer(topic: Topic, name: string, selector?: string | null): Promise<MessageConsumer>;
  createBrowser(queue: Queue, selector?: string | null): Promise<QueueBrowser>;
  unsubscribe(name: string): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  /** Redelivers every unacknowledged message of the session (not in transacted sessions). */
  recover(): Promise<void>;
  /** Acknowledges every message the session has delivered (CLIENT_ACKNOWLEDGE). */
  acknowledge(): Promise<void>;
  close(): Promise<void>;
}

/** Sends messages to a destination (or to one given per send). */
export interface MessageProducer extends AsyncDisposable {
  getDestination(): Destination | null;
  setDeliveryMode(mode: DeliveryMode): void;
  getDeliveryMode(): DeliveryMode;
  setPriority(priority: number): void;
  getPriority(): number;
  setTimeToLive(ms: number): void;
  getTimeToLive(): number;
  setDeliveryDelay(ms: number): void;
  getDeliveryDelay(): number;
  setDisableMessageID(value: boolean): void;
  getDisableMessageID(): boolean;
  setDisableMessageTimestamp(value: boolean): void;
  getDisableMessageTimestamp(): boolean;
  /** Resolves when the broker has the message. */
  send(message: Message, options?: SendOptions): Promise<void>;
  /** Anonymous producers name the destination. */
  send(destination: Destination, message: Message, options?: SendOptions): Promise<void>;
  /** Asynchronous send: returns at once; the listener is called in send order. */
  sendAsync(message: Message, listener: CompletionListener, options?: SendOptions): void;
  sendAsync(destination: Destination, message: Message, listener: CompletionListener, options?: SendOptions): void;
  close(): Promise<void>;
}

/** Per-send overrides of the producer's defaults. */
export interface SendOptions {
  deliveryMode?: DeliveryMode;
  priority?: number;
  timeToLive?: number;
}

/** Receives messages from a destination: receive(), a listener, or `for await`. */
export interface MessageConsumer extends AsyncIterable<Message>, AsyncDisposable {
  getMessageSelector(): string | null;
  getMessageListener(): MessageListener | null;
  setMessageListener(listener: MessageListener | null): void;
  /** Waits for a message: `timeout` ms (0 or omitted: until one arrives or the consumer closes). Null on timeout or close. */
  receive(timeout?: number): Promise<Message | null>;
  receiveNoWait(): Promise<Message | null>;
  /**
   * This consumer's redelivery policy: the connection factory's (URL options), with `changes`
   * applied. Not part of JMS, which has no standard for it. Bad values: IllegalArgumentException.
   */
  setRedeliveryPolicy(changes: Partial<RedeliveryPolicy>): void;
  getRedeliveryPolicy(): RedeliveryPolicy;
  close(): Promise<void>;
}

/** A consumer on a topic subscription, durable or not. */
export interface TopicSubscriber extends MessageConsumer {
  getTopic(): Topic;
  getNoLocal(): boolean;
}

/** Looks at the messages on a queue without consuming them. */
export interface QueueBrowser extends AsyncIterable<Message>, AsyncDisposable {
  getQueue(): Queue;
  getMessageSelector(): string | null;
  /** A snapshot of the queue's messages, in delivery order. */
  getEnumeration(): AsyncIterable<Message>;
  close(): Promise<void>;
}

/** JMS 2.0 simplified API: a connection and a session in one object. */
export interface JMSContext extends AsyncDisposable {
  getClientID(): string | null;
  setClientID(clientId: string): Promise<void>;
  getSessionMode(): AcknowledgeMode;
  getTransacted(): boolean;
  setExceptionListener(listener: ExceptionListener | null): void;
  /** The status events of the context's connection (see Connection.status()). */
  status(): AsyncIterable<ConnectionStatus>;
  /** The recovery counters of the context's connection (see Connection.getRecoveryStats()). */
  getRecoveryStats(): ConnectionRecoveryStats;
  getAutoStart(): boolean;
  setAutoStart(autoStart: boolean): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  close(): Promise<void>;
  /** A new context on the same connection with its own session. */
  createContext(sessionMode: AcknowledgeMode): Promise<JMSContext>;
  createProducer(): JMSProducer;
  createConsumer(destination: Destination, selector?: string | null, noLocal?: boolean): Promise<JMSConsumer>;
  createDurableConsumer(topic: Topic, name: string, selector?: string | null, noLocal?: boolean): Promise<JMSConsumer>;
  createSharedConsumer(topic: Topic, name: string, selector?: string | null): Promise<JMSConsumer>;
  createSharedDurableConsumer(topic: Topic, name: string, selector?: string | null): Promise<JMSConsumer>;
  createBrowser(queue: Queue, selector?: string | null): Promise<QueueBrowser>;
  createQueue(name: string): Queue;
  createTopic(name: string): Topic;
  createTemporaryQueue(): Promise<TemporaryQueue>;
  createTemporaryTopic(): Promise<TemporaryTopic>;
  createMessage(): Message;
  createTextMessage(text?: string | null): TextMessage;
  createBytesMessage(): BytesMessage;
  createMapMessage(): MapMessage;
  createStreamMessage(): StreamMessage;
  createObjectMessage(object?: unknown): ObjectMessage;
  unsubscribe(name: string): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  recover(): Promise<void>;
  acknowledge(): Promise<void>;
}

/** A body the JMSProducer can send directly: text, bytes, a map, or a plain object. */
export type MessageBody = string | Uint8Array | Map<string, unknown> | Record<string, unknown>;

/** The JMS 2.0 simplified producer, created by JMSContext.createProducer. */
export interface JMSProducer {
  send(destination: Destination, message: Message | MessageBody): Promise<JMSProducer>;
  setAsync(listener: CompletionListener | null): JMSProducer;
  setDeliveryMode(mode: DeliveryMode): JMSProducer;
  setPriority(priority: number): JMSProducer;
  setTimeToLive(ms: number): JMSProducer;
  setDeliveryDelay(ms: number): JMSProducer;
  setDisableMessageID(value: boolean): JMSProducer;
  setDisableMessageTimestamp(value: boolean): JMSProducer;
  setJMSCorrelationID(id: string | null): JMSProducer;
  setJMSType(type: string | null): JMSProducer;
  setJMSReplyTo(destination: Destination | null): JMSProducer;
  setProperty(name: string, value: boolean | number | bigint | string): JMSProducer;
  clearProperties(): JMSProducer;
}

/** The JMS 2.0 simplified consumer, created by JMSContext.createConsumer. */
export interface JMSConsumer extends AsyncIterable<Message>, AsyncDisposable {
  getMessageSelector(): string | null;
  setMessageListener(listener: MessageListener | null): void;
  receive(timeout?: number): Promise<Message | null>;
  receiveNoWait(): Promise<Message | null>;
  /** Receives a message and returns its body as `T`; MessageFormatRuntime-style error if not assignable. */
  receiveBody<T>(type: import('./message.js').BodyType, timeout?: number): Promise<T | null>;
  /** As MessageConsumer.setRedeliveryPolicy. */
  setRedeliveryPolicy(changes: Partial<RedeliveryPolicy>): void;
  getRedeliveryPolicy(): RedeliveryPolicy;
  close(): Promise<void>;
}
