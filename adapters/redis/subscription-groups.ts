import { ErrorCode } from '../../src/api/error-codes.js';
import { IllegalStateException, InvalidDestinationException } from '../../src/api/exceptions.js';
import type { SubscriptionSpec } from '../../src/spi/public.js';
import { deleteConsumer, destroyGroup, ensureGroup, pendingRange, release, type CommandClient } from './commands.js';
import {
  durableDefinitionKey,
  durableGroup,
  membersKey,
  NON_DURABLE_GROUP_PREFIX,
  QUEUE_GROUP,
  sharedGroup,
  streamKey,
  TOPIC_PREFIX,
} from './keys.js';
import { activeMembers, join, leave } from './leases.js';
import type { GroupMember } from './subscription.js';

/**
 * Which group a JMS subscription reads, and how it joins and leaves it:
 * - a queue: the stream's one group `jms`, created at 0 so messages sent before any consumer wait;
 * - a non-durable subscriber: a group of its own at `$`, removed when it closes;
 * - a shared subscription: one group per name (and client id), at `$`, removed with its last member;
 * - a durable subscription: a stable group, whose definition (topic, selector, shared) is kept in a
 *   hash; a changed definition replaces it, as JMS says.
 */
export interface GroupPlan extends GroupMember {
  /** Remove the group when this member leaves (non-durable), or when the last member leaves (shared). */
  readonly removal: 'never' | 'always' | 'when-empty';
}

export async function joinGroup(client: CommandClient, spec: SubscriptionSpec, consumer: string): Promise<GroupPlan> {
  const stream = streamKey(spec.destination);
  const plan = (group: string, removal: GroupPlan['removal']): GroupPlan => ({ stream, group, consumer, membersKey: membersKey(stream, group), removal });
  if (spec.destination.kind === 'queue') {
    const queue = plan(QUEUE_GROUP, 'never');
    await join(client, queue.membersKey, consumer, false);
    await ensureGroup(client, stream, QUEUE_GROUP, '0');
    return queue;
  }
  const name = spec.subscriptionName ?? '';
  if (spec.durable) {
    const durable = plan(durableGroup(spec.clientId, name, spec.shared), 'never');
    await defineDurable(client, spec);
    if (!(await join(client, durable.membersKey, consumer, !spec.shared))) {
      throw new IllegalStateException(`Durable subscription "${name}" already has an active consumer`, ErrorCode.IN_USE);
    }
    await ensureGroup(client, stream, durable.group, '$');
    return durable;
  }
  const group = spec.shared ? plan(sharedGroup(spec.clientId, name), 'when-empty') : plan(`${NON_DURABLE_GROUP_PREFIX}${consumer}`, 'always');
  await join(client, group.membersKey, consumer, false);
  await ensureGroup(client, stream, group.group, '$');
  return group;
}

/** Gives this consumer's pending entries to the group, idle, for the next reader; then leaves. */
export async function leaveGroup(client: CommandClient, plan: GroupPlan): Promise<void> {
  const { stream, group, consumer } = plan;
  const remaining = await leave(client, plan.membersKey, consumer);
  if (plan.removal === 'always' || (plan.removal === 'when-empty' && remaining === 0)) {
    await destroyGroup(client, stream, group).catch(() => undefined);
    return;
  }
  for (;;) {
    const pending = await pendingRange(client, stream, group, '-', '+', 1000, consumer);
    if (pending.length === 0) break;
    await release(client, stream, group, pending.map((entry) => entry.id));
  }
  await deleteConsumer(client, stream, group, consumer);
}

interface Definition {
  readonly topic: string;
  readonly selector: string;
  readonly shared: string;
}

function definitionOf(spec: SubscriptionSpec): Definition {
  return { topic: spec.destination.name, selector: JSON.stringify(spec.definedSelector), shared: String(spec.shared) };
}

async function readDefinition(client: CommandClient, key: string): Promise<Definition | null> {
  const flat = await client.sendCommand<string[]>(['HGETALL', key]);
  if (flat.length === 0) return null;
  const fields = new Map<string, string>();
  for (let i = 0; i + 1 < flat.length; i += 2) fields.set(flat[i]!, flat[i + 1]!);
  return { topic: fields.get('topic') ?? '', selector: fields.get('selector') ?? 'null', shared: fields.get('shared') ?? 'false' };
}

/** Keeps the durable subscription's definition; a changed one removes the old group and its messages first. */
async function defineDurable(client: CommandClient, spec: SubscriptionSpec): Promise<void> {
  const key = durableDefinitionKey(spec.clientId, spec.subscriptionName ?? '');
  const wanted = definitionOf(spec);
  const existing = await readDefinition(client, key);
  if (existing && existing.topic === wanted.topic && existing.selector === wanted.selector && existing.shared === wanted.shared) return;
  if (existing) await removeDurable(client, spec.clientId, spec.subscriptionName ?? '', existing, 'change');
  await client.sendCommand(['HSET', key, 'topic', wanted.topic, 'selector', wanted.selector, 'shared', wanted.shared]);
}

async function removeDurable(client: CommandClient, clientId: string | null, name: string, definition: Definition, why: 'change' | 'unsubscribe'): Promise<void> {
  const stream = `${TOPIC_PREFIX}${definition.topic}`;
  const group = durableGroup(clientId, name, definition.shared === 'true');
  const members = membersKey(stream, group);
  if ((await activeMembers(client, members)) > 0) {
    throw new IllegalStateException(
      why === 'change'
        ? `Durable subscription "${name}" is in use; it cannot change to another topic, selector or sharing`
        : `Durable subscription "${name}" has an active consumer; close it before unsubscribing`,
      ErrorCode.IN_USE,
    );
  }
  await destroyGroup(client, stream, group).catch(() => undefined);
  await client.sendCommand(['DEL', members, durableDefinitionKey(clientId, name)]);
}

export async function unsubscribeDurable(client: CommandClient, clientId: string | null, name: string): Promise<void> {
  const definition = await readDefinition(client, durableDefinitionKey(clientId, name));
  if (definition === null) throw new InvalidDestinationException(`No durable subscription "${name}" for client id "${clientId ?? ''}"`, ErrorCode.NOT_FOUND);
  await removeDurable(client, clientId, name, definition, 'unsubscribe');
}
