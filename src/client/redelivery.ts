import type { PendingDelivery } from './pending-delivery.js';

/** How often a listener that throws gets its message again before the session gives up on it. */
export const MAX_LISTENER_REDELIVERIES = 10;

/** Why a message the application had is being handed back. */
export type RedeliveryCause = 'recover' | 'rollback' | 'listener-failed';

/**
 * The one place that decides whether a message the application did not take is delivered again.
 * recover() and rollback() always redeliver (JMS requires it); a listener that throws gets its
 * message again up to MAX_LISTENER_REDELIVERIES times, after which the message is acknowledged,
 * dropped and reported. A redelivery policy (limits, a dead-letter queue) belongs here.
 */
export function decideRedelivery(pending: PendingDelivery, cause: RedeliveryCause): 'redeliver' | 'give-up' {
  if (cause !== 'listener-failed') return 'redeliver';
  return pending.localRedeliveries < MAX_LISTENER_REDELIVERIES ? 'redeliver' : 'give-up';
}
