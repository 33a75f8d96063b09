import { RETRIABLE_ERROR_CODES } from './error-codes.js';

/**
 * The JMS exception hierarchy. Every exception thrown by jms-ts extends JMSException and
 * carries a stable `code` (an ErrorCode value, or the class name when the condition has none), a
 * `retriable` flag and an optional `cause`. TypeScript has no checked exceptions, so the same classes serve both the
 * classic API and the JMS 2.0 simplified API (where Java would throw JMSRuntimeException).
 */
export class JMSException extends Error {
  readonly code: string;
  /** Java's "linked exception": the lower-level error that caused this one. */
  override readonly cause?: unknown;

  constructor(message: string, code?: string, cause?: unknown) {
    super(message);
    this.name = new.target.name;
    this.code = code ?? new.target.name;
    if (cause !== undefined) this.cause = cause;
  }

  /** True when the cause is transient (connection lost, broker unavailable): the call may succeed later. */
  get retriable(): boolean {
    return RETRIABLE_ERROR_CODES.has(this.code);
  }
}

/** A method was called at a time or in a state that does not allow it. */
export class IllegalStateException extends JMSException {}
/** A client tried to set a connection's client identifier to an invalid or duplicate value. */
export class InvalidClientIDException extends JMSException {}
/** A destination is not understood by the provider, or is no longer valid. */
export class InvalidDestinationException extends JMSException {}
/** A message selector has a syntax error or a type error. */
export class InvalidSelectorException extends JMSException {}
/** Authentication or authorisation failed. */
export class JMSSecurityException extends JMSException {}
/** A StreamMessage or BytesMessage was read past its end. */
export class MessageEOFException extends JMSException {}
/** A value of the wrong type was written to or read from a message. */
export class MessageFormatException extends JMSException {}
/** A write-only message was read. */
export class MessageNotReadableException extends JMSException {}
/** A read-only message was written. */
export class MessageNotWriteableException extends JMSException {}
/** The provider could not allocate a resource the call needs. */
export class ResourceAllocationException extends JMSException {}
/** An operation is invalid because a transaction is in progress. */
export class TransactionInProgressException extends JMSException {}
/** A commit resulted in a rollback of the transaction. */
export class TransactionRolledBackException extends JMSException {}

/**
 * The broker behind the adapter cannot give this feature, and jms-ts cannot emulate it
 * faithfully. Thrown at the call that asks for the feature; never silently ignored.
 */
export class FeatureNotSupportedException extends JMSException {
  readonly adapter: string;
  readonly feature: string;

  constructor(adapter: string, feature: string, detail?: string) {
    super(
      `${adapter} does not support ${feature}${detail ? `: ${detail}` : ''}`,
      'FeatureNotSupportedException',
    );
    this.adapter = adapter;
    this.feature = feature;
  }
}

/**
 * Where Java would throw java.lang.NumberFormatException: a String property or body value
 * could not be parsed as the requested number.
 */
export class NumberFormatException extends JMSException {}

/**
 * Where Java would throw java.lang.NullPointerException: a missing value was read as a
 * primitive type for which null has no meaning (for example a missing char).
 */
export class NullPointerException extends JMSException {}

/** Where Java would throw java.lang.IllegalArgumentException: a null, empty or malformed argument. */
export class IllegalArgumentException extends JMSException {}
