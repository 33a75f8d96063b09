import type { Destination } from '../api/destination.js';
import type { RedeliveryPolicy } from '../api/redelivery.js';
import type { PendingDelivery } from './pending-delivery.js';
import { redeliveryVerdict, type RedeliveryVerdict } from './redelivery-policy.js';

/** Why a message the application had is being handed back. */
export type RedeliveryCause = 'recover' | 'rollback' | 'listener-failed';

/** The consumer a message goes back to, and whose policy decides. */
export interface RedeliveryTarget {
  readonly closed: boolean;
  readonly destination: Destination;
  readonly redeliveryPolicy: RedeliveryPolicy;
  requeue(items: PendingDelivery[]): void;
}

/**
 * The one place that decides what becomes of a message the application did not take: delivered
 * again after the policy's delay, moved to the dead-letter queue, or (only when the policy's
 * dead-letter queue is empty) dropped. recover(), rollback and a listener that throws all count.
 */
export function decideRedelivery(pending: PendingDelivery, target: RedeliveryTarget): RedeliveryVerdict {
  return redeliveryVerdict(target.redeliveryPolicy, pending.deliveryCount, target.destination);
}

/** The dead-letter copy's cause: the last error the application met, else why the message came back. */
export function causeOf(pending: PendingDelivery, cause: RedeliveryCause): unknown {
  if (pending.failure !== null) return pending.failure;
  return new Error(cause === 'recover' ? 'the session was recovered (Session.recover())' : 'the transaction was rolled back');
}
