import type { AbstractMessage } from '../message/index.js';
import { envelopeToMessage } from '../codec/index.js';
import type { PendingDelivery } from './pending-delivery.js';
import { TRACEPARENT, TRACESTATE } from './telemetry/types.js';

/**
 * The message the application gets for a delivery: decoded, stamped with JMSDestination,
 * JMSRedelivered and JMSXDeliveryCount, and read-only. Throws when the body cannot be decoded.
 */
export function receivedMessage(pending: PendingDelivery): AbstractMessage {
  const { envelope } = pending.delivery;
  const message = envelopeToMessage(envelope);
  // Trace context is transport metadata: the application sees the properties its sender set, traced or not.
  if (envelope.properties.has(TRACEPARENT) || envelope.properties.has(TRACESTATE)) hideTraceContext(message);
  message.setJMSDestination(pending.delivery.destination);
  message.setJMSRedelivered(pending.redelivered);
  message.setTypedProperty('JMSXDeliveryCount', { type: 'int', value: pending.deliveryCount });
  message.markReceived();
  return message;
}

function hideTraceContext(message: AbstractMessage): void {
  message.deleteTypedProperty(TRACEPARENT);
  message.deleteTypedProperty(TRACESTATE);
}
