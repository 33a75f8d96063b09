import type { Destination } from '../api/destination.js';
import { DeadLetterProperty, failureText } from '../api/redelivery.js';
import type { Envelope } from '../spi/envelope.js';

/** Why a message left its destination, for the dead-letter copy and the report. */
export interface DeadLetterReason {
  /** The destination the message was consumed from. */
  readonly destination: Destination;
  /** JMSXDeliveryCount of its last delivery. */
  readonly deliveryCount: number;
  /** The last error: what the listener threw, or why the message came back. */
  readonly failure: unknown;
}

/**
 * The copy that goes to the dead-letter queue: the same body, headers and properties, plus the
 * cause, the original destination and the final delivery count. It is persistent (a dead-letter
 * queue keeps what it gets), never expires and is delivered at once.
 */
export function deadLetterEnvelope(envelope: Envelope, reason: DeadLetterReason, now = Date.now()): Envelope {
  const properties = new Map(envelope.properties);
  properties.set(DeadLetterProperty.CAUSE, { type: 'string', value: failureText(reason.failure) });
  properties.set(DeadLetterProperty.ORIGINAL_DESTINATION, { type: 'string', value: reason.destination.toString() });
  properties.set(DeadLetterProperty.DELIVERY_COUNT, { type: 'int', value: reason.deliveryCount });
  properties.set('JMSXDeliveryCount', { type: 'int', value: reason.deliveryCount });
  return { ...envelope, properties, persistent: true, expiration: 0, deliveryTime: now };
}

