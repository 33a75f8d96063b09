import type { Destination } from './destination.js';
import { ErrorCode } from './error-codes.js';
import { JMSException } from './exceptions.js';

/**
 * How a message the application did not take (a listener threw, recover(), a rollback) comes
 * back, and where it goes when it keeps failing. Set per connection factory with URL options of
 * the same names, or per consumer with `setRedeliveryPolicy`.
 */
export interface RedeliveryPolicy {
  /** Redeliveries after the first delivery before the message is dead-lettered; -1 = without limit. */
  readonly maxRedeliveries: number;
  /** Delay before the first redelivery, ms (0 = at once). */
  readonly redeliveryDelay: number;
  /** Each further redelivery waits this many times longer than the one before (1 = constant). */
  readonly redeliveryBackoff: number;
  /** The longest any redelivery waits, ms, however far the backoff has grown. */
  readonly maxRedeliveryDelay: number;
  /**
   * The queue a message goes to after `maxRedeliveries`: `{destination}` stands for the name of
   * the queue or topic it came from. The empty string drops the message instead (reported).
   */
  readonly deadLetterQueue: string;
}

/** The defaults: ActiveMQ's limit of 6 redeliveries, one second apart, then `DLQ.<destination>`. */
export const DEFAULT_REDELIVERY_POLICY: RedeliveryPolicy = Object.freeze({
  maxRedeliveries: 6,
  redeliveryDelay: 1000,
  redeliveryBackoff: 1,
  maxRedeliveryDelay: 60_000,
  deadLetterQueue: 'DLQ.{destination}',
});

/** Properties a dead-lettered message gains on the dead-letter queue. */
export const DeadLetterProperty = {
  /** The message of the last error (what the listener threw, or why the message was rolled back). */
  CAUSE: 'dlqDeliveryFailureCause',
  /** The destination the message was consumed from, as `queue://name` or `topic://name`. */
  ORIGINAL_DESTINATION: 'dlqOriginalDestination',
  /** The JMSXDeliveryCount of its last delivery from the original destination. */
  DELIVERY_COUNT: 'dlqDeliveryCount',
} as const;

/** The last error's message, as the dead-letter copy and the report carry it. */
export function failureText(failure: unknown): string {
  if (failure instanceof Error) return failure.message || failure.name;
  return String(failure);
}

/** The report of a message moved to a dead-letter queue, for the ExceptionListener. */
export class MessageDeadLetteredException extends JMSException {
  constructor(
    readonly messageId: string | null,
    readonly destination: Destination,
    /** The dead-letter queue's name; null when the policy dropped the message. */
    readonly deadLetterQueue: string | null,
    readonly deliveryCount: number,
    cause: unknown,
  ) {
    super(
      deadLetterQueue === null
        ? `Message ${messageId ?? '(no id)'} from ${destination} failed ${deliveryCount} deliveries and was dropped, as the redelivery policy's empty deadLetterQueue asks: ${failureText(cause)}`
        : `Message ${messageId ?? '(no id)'} from ${destination} failed ${deliveryCount} deliveries and was moved to queue://${deadLetterQueue}: ${failureText(cause)}`,
      deadLetterQueue === null ? ErrorCode.MESSAGE_DROPPED : ErrorCode.MESSAGE_DEAD_LETTERED,
      cause,
    );
  }
}
