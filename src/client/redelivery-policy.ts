import type { Destination } from '../api/destination.js';
import { IllegalArgumentException } from '../api/exceptions.js';
import { DEFAULT_REDELIVERY_POLICY, type RedeliveryPolicy } from '../api/redelivery.js';

/** The placeholder a dead-letter queue pattern replaces with the original destination's name. */
const DESTINATION_PLACEHOLDER = '{destination}';

/**
 * A complete policy from `base` with `changes` applied, every field checked. Bad values throw
 * IllegalArgumentException naming the field, so a typo fails where the policy is set.
 */
export function redeliveryPolicy(changes: Partial<RedeliveryPolicy> = {}, base: RedeliveryPolicy = DEFAULT_REDELIVERY_POLICY): RedeliveryPolicy {
  if (typeof changes !== 'object' || changes === null) throw new IllegalArgumentException('A redelivery policy must be an object');
  const known = Object.keys(DEFAULT_REDELIVERY_POLICY);
  const unknown = Object.keys(changes).filter((key) => !known.includes(key));
  if (unknown.length > 0) {
    throw new IllegalArgumentException(`Unknown redelivery policy field${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; known: ${known.join(', ')}`);
  }
  const policy: RedeliveryPolicy = { ...base, ...stripUndefined(changes) };
  checkInteger('maxRedeliveries', policy.maxRedeliveries, -1);
  checkInteger('redeliveryDelay', policy.redeliveryDelay, 0);
  checkInteger('maxRedeliveryDelay', policy.maxRedeliveryDelay, 0);
  if (typeof policy.redeliveryBackoff !== 'number' || !Number.isFinite(policy.redeliveryBackoff) || policy.redeliveryBackoff < 1) {
    throw new IllegalArgumentException(`redeliveryBackoff must be a number >= 1, got ${String(policy.redeliveryBackoff)}`);
  }
  if (typeof policy.deadLetterQueue !== 'string') {
    throw new IllegalArgumentException(`deadLetterQueue must be a queue name or pattern (or '' to drop), got ${String(policy.deadLetterQueue)}`);
  }
  return Object.freeze(policy);
}

function stripUndefined(changes: Partial<RedeliveryPolicy>): Partial<RedeliveryPolicy> {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
}

function checkInteger(name: string, value: unknown, min: number): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new IllegalArgumentException(`${name} must be an integer >= ${min}, got ${String(value)}`);
  }
}

/**
 * What happens to a message whose delivery number `deliveryCount` (JMSXDeliveryCount) was not
 * taken: delivered again after `delay` ms, moved to the queue `deadLetterQueue`, or dropped
 * (only when the policy's dead-letter queue is the empty string).
 */
export type RedeliveryVerdict =
  | { readonly action: 'redeliver'; readonly delay: number }
  | { readonly action: 'dead-letter'; readonly queue: string }
  | { readonly action: 'drop' };

export function redeliveryVerdict(policy: RedeliveryPolicy, deliveryCount: number, destination: Destination): RedeliveryVerdict {
  const redeliveriesSoFar = Math.max(0, deliveryCount - 1);
  if (policy.maxRedeliveries < 0 || redeliveriesSoFar < policy.maxRedeliveries) {
    return { action: 'redeliver', delay: redeliveryDelay(policy, redeliveriesSoFar + 1) };
  }
  const queue = deadLetterQueueName(policy, destination);
  return queue === null ? { action: 'drop' } : { action: 'dead-letter', queue };
}

/** The wait before redelivery number `redelivery` (1 for the first): delay × backoff^(n-1), capped. */
export function redeliveryDelay(policy: RedeliveryPolicy, redelivery: number): number {
  const grown = policy.redeliveryDelay * policy.redeliveryBackoff ** Math.max(0, redelivery - 1);
  return Math.round(Math.min(grown, policy.maxRedeliveryDelay));
}

/** The dead-letter queue's name for a message from `destination`, or null when the policy drops. */
export function deadLetterQueueName(policy: RedeliveryPolicy, destination: Destination): string | null {
  if (policy.deadLetterQueue === '') return null;
  return policy.deadLetterQueue.split(DESTINATION_PLACEHOLDER).join(destination.name);
}
