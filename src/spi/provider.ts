import type { AcknowledgeMode } from '../api/constants.js';
import type { JMSException } from '../api/exceptions.js';
import type { Destination, DestinationKind } from '../api/destination.js';
import type { Capabilities } from './capabilities.js';
import type { Delivery, Envelope } from './envelope.js';
import type { ScopedLogger } from './logging.js';
import type { OptionSpec, OptionValues } from './options.js';

/**
 * The Provider SPI: what an adapter implements. It is narrow and asynchronous, in the broker's
 * own terms. JMS semantics (acknowledge modes, recover, listeners, selectors where emulated,
 * expiry on receive, redelivery counting, close rules) live once in the client layer, which calls
 * this SPI. Errors are thrown as JMSException subclasses from src/api/exceptions.ts
 * (JMSSecurityException for bad credentials, InvalidDestinationException for bad names,
 * FeatureNotSupportedException for what the broker cannot do), with an ErrorCode from src/api where
 * the condition has one: CONNECTION_LOST for onConnectionLost, BROKER_UNAVAILABLE when connect cannot
 * reach the broker (both retriable), CLIENT_ID_IN_USE, NOT_FOUND, BROKER_ERROR for anything else.
 *
 * Delivery model: the client layer redelivers locally on recover() and on rollback of consumed
 * messages (it keeps the Deliveries it has not acknowledged), so a provider only has to
 * acknowledge what it is told to, and give back to the broker whatever is unacknowledged when a
 * subscription or session closes.
 */

/** Parsed configuration handed to an adapter factory. Credentials never appear in `url`. */
export interface ProviderConfig {
  /** The scheme without the colon, e.g. 'amqp', 'stomp+rabbitmq'. */
  readonly scheme: string;
  /** The URL as given, with any password replaced by `***`: safe to print. */
  readonly url: string;
  /**
   * One or more hosts (`kafka://a:9092,b:9092`); empty for `memory://`. Port null when omitted.
   * The client layer picks the host for each connect (ProviderConnectOptions.host); an adapter
   * whose client library needs the whole list (Kafka's bootstrap servers) may use it.
   */
  readonly hosts: readonly HostAddress[];
  /** The path after the hosts, percent-decoded, without the leading slash ('' when none). */
  readonly path: string;
  readonly username?: string;
  readonly password?: string;
  /**
   * Options from the URL query and the options object, parsed against the descriptor's option specs
   * (and the common `clientId` and `prefetch`): numbers for integer options, booleans for boolean
   * ones, defaults filled in.
   */
  readonly options: OptionValues;
  /**
   * The application's logger, filtered to its level and cleared of secrets; absent when none is
   * configured. An adapter takes its own with `adapterLogger(config, 'name')` (records then carry
   * `namespace: 'jms-ts.name'`) and forwards its client library's logs and connection events to
   * it; it never logs a password or a credential-bearing URL.
   */
  readonly logger?: ScopedLogger;
}

/** One broker address of a URL's host list. */
export interface HostAddress {
  readonly host: string;
  /** Null when the URL leaves it out: the adapter's default port. */
  readonly port: number | null;
}

/**
 * What the scheme registry (src/config) knows about an adapter without loading it. It lives in a
 * light module that imports no broker client; `load()` imports the implementation on first connect.
 */
export interface ProviderDescriptor {
  /** URL schemes without the colon, e.g. ['amqp', 'amqps']. */
  readonly schemes: readonly string[];
  /** The options the adapter accepts in the URL query or options; anything else is refused. */
  readonly options: readonly OptionSpec[];
  /** npm packages the implementation imports (named in the error when one is not installed). */
  readonly clientLibraries?: readonly string[];
  /**
   * The adapter's name and capabilities for a configuration (usually by scheme), known before the
   * implementation is loaded. May throw a JMSException for a configuration the adapter refuses.
   */
  describe(config: ProviderConfig): ProviderDescription;
  /** Imports the implementation, with a static specifier: `() => import('./provider.js')`. */
  load(): Promise<ProviderModule>;
}

/** What a descriptor tells about a configuration before its adapter is loaded: its name and capabilities. */
export interface ProviderDescription {
  /** Short adapter name for reports and errors, e.g. 'memory', 'kafka', 'stomp+activemq'. */
  readonly adapter: string;
  readonly capabilities: Capabilities;
}

/** What an adapter's implementation module exports for its descriptor's `load()`. */
export interface ProviderModule {
  /** Called once per ConnectionFactory, on its first connect; the result's capabilities must equal the description's. */
  createProvider(config: ProviderConfig): Provider;
}

/** An adapter bound to one broker configuration; it opens provider connections. */
export interface Provider {
  /** Short adapter name for reports and errors, e.g. 'memory', 'kafka', 'stomp+activemq'. */
  readonly adapter: string;
  readonly capabilities: Capabilities;
  /** Opens a connection; fails within a bounded time with a JMSException when the broker is unreachable. */
  connect(options: ProviderConnectOptions): Promise<ProviderConnection>;
}

/** What the client layer passes to Provider.connect. */
export interface ProviderConnectOptions {
  /** A unique id the client layer made for this connection (noLocal, temporary destination names). */
  readonly connectionId: string;
  readonly clientId: string | null;
  readonly username?: string;
  readonly password?: string;
  /**
   * The host to connect to, chosen by the client layer from ProviderConfig.hosts (it tries them in
   * order, and moves on to the next on a reconnect). Absent for adapters without hosts.
   */
  readonly host?: HostAddress;
  /**
   * Called once when the connection is lost or fails, with a JMSException whose code is
   * CONNECTION_LOST. A connection that is open but silent counts as lost: an adapter detects it
   * with the protocol's heartbeats (or its client's session timeouts) within about twice the
   * heartbeat interval. The client layer then reconnects (a new `connect()`) and re-creates
   * sessions and subscriptions, or, with reconnect off, fails everything open. After the call,
   * close() on the lost connection must still resolve, promptly, whatever state it was in.
   */
  onConnectionLost(error: JMSException): void;
  /**
   * Optional to call: the broker stopped (`blocked` true, with its reason) or resumed accepting
   * messages from this connection (RabbitMQ's connection.blocked / unblocked under a resource alarm).
   */
  onBlocked?(blocked: boolean, reason: string | null): void;
}

/** One connection to the broker, as an adapter provides it; the client layer builds JMS semantics on it. */
export interface ProviderConnection {
  /**
   * Sets the client identifier after connect. Called only before any session exists;
   * a provider that must reconnect to change it may do so. Duplicates: InvalidClientIDException.
   */
  setClientId(clientId: string): Promise<void>;
  createSession(options: ProviderSessionOptions): Promise<ProviderSession>;
  /**
   * Creates a temporary destination owned by this connection, named by the broker or adapter.
   * Required unless both temporaryQueues and temporaryTopics are `unsupported`.
   */
  createTemporaryDestination?(kind: DestinationKind): Promise<Destination>;
  /** Required with createTemporaryDestination. */
  deleteTemporaryDestination?(destination: Destination): Promise<void>;
  /** Removes the durable subscription `name` of this connection's client id. Required unless durableSubscriptions is `unsupported`. */
  unsubscribe?(name: string): Promise<void>;
  /** Closes everything; unacknowledged deliveries go back to the broker. Idempotent. */
  close(): Promise<void>;
}

/** What the client layer passes when it opens a provider session. */
export interface ProviderSessionOptions {
  /** True only when capabilities.transactions is `native` and the session is SESSION_TRANSACTED. */
  readonly transacted: boolean;
  /**
   * The session's JMS mode, a hint for how eagerly acknowledgements must reach the broker: with
   * DUPS_OK_ACKNOWLEDGE a provider may gather them for a while (duplicates after a crash are
   * allowed), with AUTO_ACKNOWLEDGE it may coalesce them (the client does not wait for them);
   * with CLIENT_ACKNOWLEDGE acknowledge() resolves only once the broker has the ack. Absent:
   * treat as AUTO_ACKNOWLEDGE.
   */
  readonly acknowledgeMode?: AcknowledgeMode;
}

/** A provider session: sends, subscribes, browses and (when native) runs transactions. */
export interface ProviderSession {
  /**
   * Sends one message. Resolves when the broker has it: for a persistent message after the
   * broker's confirmation (receipt, publisher confirm, produce ack). Calls may overlap (pipelined
   * async sends); the provider must put them on the wire in call order. In a transacted session
   * the send is part of the open transaction.
   */
  send(destination: Destination, envelope: Envelope): Promise<void>;
  /** Opens a subscription that pushes Deliveries to `sink` with at most `spec.prefetch` unacknowledged. */
  subscribe(spec: SubscriptionSpec, sink: DeliverySink): Promise<ProviderSubscription>;
  /**
   * Acknowledges (consumes) these deliveries. In a transacted session this is part of the open
   * transaction. Acknowledging a delivery whose subscription was closed is a no-op.
   */
  acknowledge(deliveries: readonly Delivery[]): Promise<void>;
  /** Native transactions only (required then): commits sends and acknowledgements; a new transaction starts at once. */
  commit?(): Promise<void>;
  /** Native transactions only (required then): discards sends and acknowledgements; deliveries stay with the client. */
  rollback?(): Promise<void>;
  /**
   * Browses a queue without consuming; required unless browsing is `unsupported`. `selector` is
   * passed only when queueSelectors is `native`.
   */
  browse?(queue: Destination, selector: string | null): Promise<ProviderBrowser>;
  /** Closes the session's subscriptions and gives unacknowledged deliveries back to the broker. */
  close(): Promise<void>;
}

/** What a consumer asks of the broker: destination, selector, durable or shared name, prefetch. */
export interface SubscriptionSpec {
  readonly destination: Destination;
  /** The selector text, passed only when the capability for this destination kind is `native`. */
  readonly selector: string | null;
  /**
   * The selector as the application gave it, whether the provider or the client filters: part of a
   * durable subscription's identity (JMS: a changed selector replaces the subscription).
   */
  readonly definedSelector: string | null;
  /** Passed as true only when capabilities.noLocal is `native`. */
  readonly noLocal: boolean;
  /** Durable subscription (topic only). */
  readonly durable: boolean;
  /** Shared subscription (topic only, JMS 2.0). */
  readonly shared: boolean;
  /** Subscription name for durable and/or shared subscriptions; null otherwise. */
  readonly subscriptionName: string | null;
  /** The connection's client id (part of a durable subscription's identity when set). */
  readonly clientId: string | null;
  /** Most deliveries the provider may push before some are acknowledged. */
  readonly prefetch: number;
}

/** Where a subscription hands its deliveries and its failure. */
export interface DeliverySink {
  /** A message for the consumer. Must not be called after the subscription's close() resolved. */
  deliver(delivery: Delivery): void;
  /** The subscription failed (for example the broker deleted its queue). */
  fail(error: JMSException): void;
}

/** A live subscription; closing it gives unacknowledged deliveries back. */
export interface ProviderSubscription {
  /**
   * Stops deliveries and gives every delivery not yet acknowledged back to the broker for
   * redelivery. Idempotent.
   */
  close(): Promise<void>;
}

/** A snapshot of a queue, read message by message without consuming. */
export interface ProviderBrowser {
  /** The next message in the queue, or null at the end of the snapshot. */
  next(): Promise<Envelope | null>;
  close(): Promise<void>;
}
