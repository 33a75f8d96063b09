/**
 * What an adapter's broker gives, one value per feature. Nothing is silently ignored.
 *
 * - `native`: the broker itself has the feature; the adapter maps it onto the broker's.
 * - `emulated`: the broker has no such feature of its own, and jms-ts builds it, faithfully, on
 *   top of what the broker has, within the limits written at each capability below. It always
 *   means that; who builds it depends on the capability: the client layer for priority,
 *   deliveryDelay, topicSelectors, noLocal, transactions and deliveryCount (it then passes the
 *   provider less, see each comment); the adapter for temporaryQueues, temporaryTopics and
 *   persistentDelivery (the client layer calls the provider exactly as for `native`).
 * - `unsupported`: the client layer throws FeatureNotSupportedException at the call that asks
 *   for the feature, before any provider call.
 * docs/writing-an-adapter.md has the table of which provider calls each value leads to.
 */
export type Support = 'native' | 'emulated' | 'unsupported';

/** What an adapter supports, feature by feature: native, emulated or unsupported. */
export interface Capabilities {
  /**
   * Point-to-point queues with competing consumers. `unsupported`: consumers of queues are refused
   * (a provider must refuse sends to them itself). No emulation exists: declare `native` or `unsupported`.
   */
  readonly queues: Support;
  /** Publish/subscribe topics with fan-out to every subscription. As queues: `native` or `unsupported`. */
  readonly topics: Support;
  /**
   * What PERSISTENT means. `native`: written to durable storage, surviving a broker restart.
   * `emulated`: kept for as long as the broker process lives (the embedded broker, whose restart
   * is a restart of the application), done by the adapter. The client layer never refuses
   * PERSISTENT, the JMS default, and does not read this value: it is what the report tells users.
   */
  readonly persistentDelivery: Support;
  /**
   * Priority ordering (0-9). `native`: the broker delivers higher priorities first.
   * `emulated`: the client layer orders the messages it holds for a consumer by priority.
   * `unsupported`: a producer priority other than the default 4 is refused.
   */
  readonly priority: Support;
  /**
   * Message expiry. `native`: the broker drops expired messages. `emulated`: the client layer
   * discards (and acknowledges) a message that has expired when it would be delivered or browsed.
   * The client layer does that check whatever the value, so `native` and `emulated` lead to the
   * same provider calls; `unsupported` refuses a time to live above 0.
   */
  readonly timeToLive: Support;
  /**
   * Delivery delay. `native`: the broker withholds a message until its delivery time.
   * `emulated`: the client layer holds a consumer's message until its delivery time, handing out
   * the messages already due meanwhile.
   */
  readonly deliveryDelay: Support;
  /**
   * Selectors on queue consumers and browsers. Only `native` or `unsupported`: filtering a shared
   * queue on the client would consume messages meant for other consumers.
   */
  readonly queueSelectors: Support;
  /**
   * Selectors on topic subscriptions. `emulated`: the client layer acknowledges and drops the
   * subscription's messages that do not match, which is faithful because the subscription owns them.
   */
  readonly topicSelectors: Support;
  /**
   * Durable topic subscriptions that keep messages while no consumer is active. No emulation
   * exists: `native` (SubscriptionSpec.durable, ProviderConnection.unsubscribe) or `unsupported`.
   */
  readonly durableSubscriptions: Support;
  /** JMS 2.0 shared subscriptions (durable and non-durable). As durable: `native` or `unsupported`. */
  readonly sharedSubscriptions: Support;
  /**
   * noLocal on topic subscriptions. `emulated`: the client layer drops messages whose
   * Envelope.connectionId is its own connection's, so the adapter must carry connectionId on the wire.
   */
  readonly noLocal: Support;
  /**
   * Temporary queues, owned by their connection. `native`: the broker's own temporary queues.
   * `emulated`: the adapter makes them from ordinary queues with unique names (Kafka, ActiveMQ over
   * STOMP), deleting them on delete and close. Either way the client layer calls
   * createTemporaryDestination/deleteTemporaryDestination and checks ownership itself.
   */
  readonly temporaryQueues: Support;
  /** Temporary topics; `native` and `emulated` as for temporaryQueues. */
  readonly temporaryTopics: Support;
  /**
   * QueueBrowser: looking at a queue's messages without consuming them. No emulation exists:
   * `native` (ProviderSession.browse) or `unsupported`. The client layer filters a browse by
   * selector itself unless queueSelectors is `native`.
   */
  readonly browsing: Support;
  /**
   * Local transactions (SESSION_TRANSACTED). `native`: ProviderSession.commit/rollback cover the
   * session's sends and acknowledgements. `emulated`: the client layer holds sends and acks until
   * commit and then performs them; a crash during commit can leave it partly done.
   */
  readonly transactions: Support;
  /**
   * JMSXDeliveryCount. `native`: Delivery.deliveryCount is exact. `emulated`: the client layer
   * counts redeliveries it performs and derives at least 2 from the broker's redelivered flag
   * (the provider leaves Delivery.deliveryCount null). The client layer uses a non-null
   * Delivery.deliveryCount whatever the value; nothing is refused for this capability.
   */
  readonly deliveryCount: Support;
}

/** The feature keys, for iteration (reports, the capability table). */
export const CAPABILITY_NAMES: readonly (keyof Capabilities)[] = [
  'queues',
  'topics',
  'persistentDelivery',
  'priority',
  'timeToLive',
  'deliveryDelay',
  'queueSelectors',
  'topicSelectors',
  'durableSubscriptions',
  'sharedSubscriptions',
  'noLocal',
  'temporaryQueues',
  'temporaryTopics',
  'browsing',
  'transactions',
  'deliveryCount',
];
