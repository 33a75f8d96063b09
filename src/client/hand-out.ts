import type { AbstractMessage } from '../message/index.js';
import { envelopeToMessage } from '../codec/index.js';
import type { Envelope } from '../spi/envelope.js';
import type { PendingDelivery } from './pending-delivery.js';
import { TRACEPARENT, TRACESTATE } from './telemetry/types.js';

/**
 * The message the application gets for a delivery: decoded, stamped with JMSDestination,
 * JMSRedelivered and JMSXDeliveryCount, and read-only. Throws when the body cannot be decoded.
 */
export function receivedMessage(pending: PendingDelivery): AbstractMessage {
  const message = decodedMessage(pending.delivery.envelope);
  message.setJMSDestination(pending.delivery.destination);
  message.setJMSRedelivered(pending.redelivered);
  message.setTypedProperty('JMSXDeliveryCount', { type: 'int', value: pending.deliveryCount });
  message.markReceived();
  return message;
}

/**
 * The envelope as the application's message. Trace context is transport metadata, left out: the
 * application sees the properties its sender set, traced or not.
 */
export function decodedMessage(envelope: Envelope): AbstractMessage {
  const message = envelopeToMessage(envelope);
  if (envelope.properties.has(TRACEPARENT) || envelope.properties.has(TRACESTATE)) hideTraceContext(message);
  return message;
}

function hideTraceContext(message: AbstractMessage): void {
  message.deleteTypedProperty(TRACEPARENT);
  message.deleteTypedProperty(TRACESTATE);
}
