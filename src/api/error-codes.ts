/**
 * The codes a JMSException carries beside its class, one SCREAMING_SNAKE vocabulary for the
 * library and every adapter. The class says what kind of failure it is (`instanceof`); the code
 * says which condition, for a program that reacts to one of them. An exception thrown for a
 * condition with no entry here carries its class name as code.
 */
export const ErrorCode = {
  /** A broker URL or configuration object is malformed, unknown, or out of range. */
  INVALID_CONFIGURATION: 'INVALID_CONFIGURATION',
  /** An adapter's broker client library is not installed (the message names the npm package). */
  CLIENT_LIBRARY_MISSING: 'CLIENT_LIBRARY_MISSING',
  /** The broker could not be reached or refused the connection for a transient reason. */
  BROKER_UNAVAILABLE: 'BROKER_UNAVAILABLE',
  /** An open connection to the broker was lost. */
  CONNECTION_LOST: 'CONNECTION_LOST',
  /** The broker refused the credentials or the operation (authentication, authorisation). */
  ACCESS_REFUSED: 'ACCESS_REFUSED',
  /** Another connection holds this client id. */
  CLIENT_ID_IN_USE: 'CLIENT_ID_IN_USE',
  /** A resource (a durable subscription, an exclusive queue) is in use by another consumer. */
  IN_USE: 'IN_USE',
  /** A resource is locked by another connection (AMQP RESOURCE_LOCKED). */
  RESOURCE_LOCKED: 'RESOURCE_LOCKED',
  /** A destination or subscription does not exist on the broker. */
  NOT_FOUND: 'NOT_FOUND',
  /** The broker refused a declaration that conflicts with an existing one. */
  PRECONDITION_FAILED: 'PRECONDITION_FAILED',
  /** A subscription ended on the broker's side (its queue deleted, its group fenced). */
  SUBSCRIPTION_LOST: 'SUBSCRIPTION_LOST',
  /** Browsing a queue failed on the broker. */
  BROWSE_FAILED: 'BROWSE_FAILED',
  /** The broker refused an acknowledgement (for Kafka, an offset commit). */
  ACKNOWLEDGE_FAILED: 'ACKNOWLEDGE_FAILED',
  /** A transaction could not be committed or aborted on the broker. */
  TRANSACTION_FAILED: 'TRANSACTION_FAILED',
  /**
   * The connection was lost while a commit was on its way: it may or may not have happened. Sends
   * may have reached the broker; consumed messages that were not committed come back flagged
   * JMSRedelivered.
   */
  TRANSACTION_IN_DOUBT: 'TRANSACTION_IN_DOUBT',
  /** A received message could not be decoded into a JMS Message and was dropped. */
  MESSAGE_DECODE_FAILED: 'MESSAGE_DECODE_FAILED',
  /** A message exhausted its redeliveries and was moved to its dead-letter queue (reported, not thrown). */
  MESSAGE_DEAD_LETTERED: 'MESSAGE_DEAD_LETTERED',
  /** A message exhausted its redeliveries and was dropped, as a redelivery policy with an empty deadLetterQueue asks. */
  MESSAGE_DROPPED: 'MESSAGE_DROPPED',
  /** Moving a message to its dead-letter queue failed; the message stays unacknowledged and comes back. */
  DEAD_LETTER_FAILED: 'DEAD_LETTER_FAILED',
  /** The call is not allowed on this object (Java's UnsupportedOperationException). */
  UNSUPPORTED_OPERATION: 'UNSUPPORTED_OPERATION',
  /** Any other failure the broker reported; the cause holds the client library's error. */
  BROKER_ERROR: 'BROKER_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Codes whose cause is transient: retrying the same call later may succeed. */
export const RETRIABLE_ERROR_CODES: ReadonlySet<string> = new Set<string>([ErrorCode.BROKER_UNAVAILABLE, ErrorCode.CONNECTION_LOST]);
