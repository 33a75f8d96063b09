import type { AbstractMessage } from '../message/index.js';
import { envelopeToMessage } from '../codec/index.js';
import type { PendingDelivery } from './pending-delivery.js';

/**
 * The message the application gets for a delivery: decoded, stamped with JMSDestination,
 * JMSRedelivered and JMSXDeliveryCount, and read-only. Throws when the body cannot be decoded.
 */
export function receivedMessage(pending: PendingDelivery): AbstractMessage {
  const message = envelopeToMessage(pending.delivery.envelope);
  message.setJMSDestination(pending.delivery.destination);
  message.setJMSRedelivered(pending.redelivered);
  message.setTypedProperty('JMSXDeliveryCount', { type: 'int', value: pending.deliveryCount });
  message.markReceived();
  return message;
}
