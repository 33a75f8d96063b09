/**
 * What an adapter's broker gives, one value per feature. The client layer reads these to decide,
 * per call, whether to pass a feature to the provider (`native`), do it itself (`emulated`), or
 * throw FeatureNotSupportedException (`unsupported`). Nothing is silently ignored.
 */
export type Support = 'native' | 'emulated' | 'unsupported';

export interface Capabilities {
  /** Point-to-point queues with competing consumers. */
  readonly queues: Support;
  /** Publish/subscribe topics with fan-out to every subscription. */
  readonly topics: Support;
  /**
   * What PERSISTENT means. `native`: written to durable storage, surviving a broker restart.
   * `emulated`: kept for as long as the broker process lives (the embedded broker, whose restart
   * is a restart of the application). The client layer never refuses PERSISTENT, the JMS default.
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
   */
  readonly timeToLive: Support;
  /**
   * Delivery delay. `native`: the broker withholds a message until its delivery time.
   * `emulated`: the client layer holds a consumer's message until its delivery time (later
   * messages of the same subscription wait behind it).
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
  /** Durable topic subscriptions that keep messages while no consumer is active. */
  readonly durableSubscriptions: Support;
  /** JMS 2.0 shared subscriptions (durable and non-durable). */
  readonly sharedSubscriptions: Support;
  /**
   * noLocal on topic subscriptions. `emulated`: the client layer drops messages whose
   * Envelope.connectionId is its own connection's, so the adapter must carry connectionId on the wire.
   */
  readonly noLocal: Support;
  readonly temporaryQueues: Support;
  readonly temporaryTopics: Support;
  /** QueueBrowser: looking at a queue's messages without consuming them. */
  readonly browsing: Support;
  /**
   * Local transactions (SESSION_TRANSACTED). `native`: ProviderSession.commit/rollback cover the
   * session's sends and acknowledgements. `emulated`: the client layer holds sends and acks until
   * commit and then performs them; a crash during commit can leave it partly done.
   */
  readonly transactions: Support;
  /**
   * JMSXDeliveryCount. `native`: Delivery.deliveryCount is exact. `emulated`: the client layer
   * counts redeliveries it performs and derives at least 2 from the broker's redelivered flag.
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
