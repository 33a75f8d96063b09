import type { Capabilities } from '../../src/spi/public.js';

/**
 * What differs between the STOMP brokers jms-ts speaks to. ActiveMQ Classic maps STOMP onto real
 * JMS destinations; RabbitMQ's plugin maps it onto AMQP queues and exchanges (see BROKERS.md).
 */
export interface StompDialect {
  readonly adapter: 'stomp+activemq' | 'stomp+rabbitmq';
  readonly capabilities: Capabilities;
  readonly defaultPort: number;
  /** The SUBSCRIBE header that bounds unacknowledged messages. */
  readonly prefetchHeader: string;
  /** ActiveMQ takes an absolute `expires`; RabbitMQ a relative `expiration` in ms. */
  readonly absoluteExpiry: boolean;
  /** ActiveMQ stores a frame with content-length as a BytesMessage, so text goes without it. */
  readonly textWithoutContentLength: boolean;
  /** ActiveMQ stores text as a Java TextMessage: it travels in Java's modified UTF-8 (java-text.ts). */
  readonly javaText: boolean;
  /** RabbitMQ keeps unacked messages of a cancelled subscription; they are NACKed (requeued) on close. */
  readonly nackOnClose: boolean;
  /** RabbitMQ ignores STOMP's client-id: uniqueness is claimed with an exclusive queue instead. */
  readonly claimsClientIdWithQueue: boolean;
  /** Extra SUBSCRIBE/SEND headers for a queue (RabbitMQ declares queues from them). */
  readonly queueHeaders: Readonly<Record<string, string>>;
  /**
   * RabbitMQ answers COMMIT before the publisher confirms of the transaction's SENDs, whose receipts
   * come later (and never after ABORT): commit then waits for those too. ActiveMQ answers in order.
   */
  readonly commitReceiptBeforeSends: boolean;
  /** ActiveMQ names each SEND itself, predictably: jms-ts reports the broker's id (message-ids.ts). */
  readonly brokerMessageIds: boolean;
}

const CLIENT_DOES = 'emulated' as const;

export const ACTIVEMQ: StompDialect = {
  adapter: 'stomp+activemq',
  capabilities: {
    queues: 'native',
    topics: 'native',
    persistentDelivery: 'native',
    priority: 'native',
    timeToLive: 'native',
    deliveryDelay: 'native',
    // STOMP headers reach ActiveMQ as String properties: selectors are translated so that the broker
    // still evaluates them as JMS does on typed properties (selector-translation.ts).
    queueSelectors: 'native',
    topicSelectors: 'native',
    durableSubscriptions: 'native',
    sharedSubscriptions: 'unsupported', // ActiveMQ Classic has no JMS 2.0 shared subscriptions
    noLocal: 'native',
    // Uniquely named ordinary destinations: ActiveMQ's temporary ones cannot be named from another connection.
    temporaryQueues: CLIENT_DOES,
    temporaryTopics: CLIENT_DOES,
    browsing: 'native',
    transactions: 'native', // BEGIN/COMMIT/ABORT, with the transaction header on SEND and ACK
    deliveryCount: CLIENT_DOES,
  },
  defaultPort: 61613,
  prefetchHeader: 'activemq.prefetchSize',
  absoluteExpiry: true,
  textWithoutContentLength: true,
  javaText: true,
  nackOnClose: false, // a NACK sends ActiveMQ's message to the DLQ; an UNSUBSCRIBE gives it back
  claimsClientIdWithQueue: false,
  queueHeaders: {},
  commitReceiptBeforeSends: false,
  brokerMessageIds: true,
};

export const RABBITMQ: StompDialect = {
  adapter: 'stomp+rabbitmq',
  capabilities: {
    queues: 'native',
    topics: 'native',
    persistentDelivery: 'native',
    priority: 'native',
    timeToLive: 'native',
    deliveryDelay: 'unsupported',
    queueSelectors: 'unsupported', // RabbitMQ ignores the selector header; a shared queue cannot be filtered faithfully
    topicSelectors: CLIENT_DOES,
    durableSubscriptions: 'unsupported',
    sharedSubscriptions: 'unsupported',
    noLocal: CLIENT_DOES,
    temporaryQueues: 'unsupported', // RabbitMQ allows /temp-queue/ only as a reply-to
    temporaryTopics: 'unsupported',
    browsing: 'unsupported',
    // The plugin holds a transaction's frames until COMMIT; sends do not wait, commit waits for all receipts.
    transactions: 'native',
    deliveryCount: CLIENT_DOES,
  },
  defaultPort: 61614,
  prefetchHeader: 'prefetch-count',
  absoluteExpiry: false,
  textWithoutContentLength: false,
  javaText: false,
  nackOnClose: true,
  claimsClientIdWithQueue: true,
  queueHeaders: { 'x-max-priority': '9' },
  commitReceiptBeforeSends: true,
  brokerMessageIds: false,
};
