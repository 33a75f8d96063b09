import type { Admin, Kafka } from 'kafkajs';
import { ErrorCode } from '../../src/api/error-codes.js';
import { IllegalStateException, InvalidDestinationException, JMSException } from '../../src/api/exceptions.js';
import { subscriptionDefinitionHash, type SubscriptionSpec } from '../../src/spi/public.js';
import { withBackoff } from './backoff.js';
import type { BrowseRange } from './browser.js';
import { kafkaError } from './errors.js';
import { durableGroup } from './names.js';
import { kafkaConnectError } from './security.js';
import type { StartOffsets } from './subscription.js';
import type { ShareQueues } from './share-queues.js';

/** How long a new topic may take to get its partition leader. */
const TOPIC_READY_MS = 15_000;

/** Groups Kafka reports as gone or never made. */
const NO_GROUP = new Set(['Dead', 'Empty', 'Unknown', '']);

/**
 * What a connection asks of Kafka's admin API, in JMS terms: topics made on first use, the groups
 * behind subscriptions and client ids, and the offsets browsing and transactions need. The admin
 * client lists offsets read_committed, so a topic's `high` is its last stable offset.
 */
export class KafkaAdmin {
  private readonly topics = new Map<string, Promise<void>>();

  private constructor(private readonly admin: Admin) {}

  /** Connects the admin client: the connection's first contact with the broker, so its failure says why (TLS, SASL, a wrong port). */
  static async connect(kafka: Kafka, url: string, secure: boolean): Promise<KafkaAdmin> {
    const admin = kafka.admin();
    try {
      await admin.connect();
    } catch (error) {
      throw kafkaConnectError(error, url, secure);
    }
    return new KafkaAdmin(admin);
  }

  /** Creates the topic with one partition on first use, so JMS ordering holds. */
  ensureTopic(topic: string): Promise<void> {
    let created = this.topics.get(topic);
    if (!created) {
      created = this.createTopic(topic).catch((error: unknown) => {
        this.topics.delete(topic);
        throw kafkaError(error, `Cannot create Kafka topic "${topic}"`);
      });
      this.topics.set(topic, created);
    }
    return created;
  }

  private async createTopic(topic: string): Promise<void> {
    await this.admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: false });
    // kafkajs's own wait for leaders gives up on UNKNOWN_TOPIC_OR_PARTITION, which a KRaft broker
    // answers for a moment after it created a topic (seen on a freshly started broker): wait here.
    const deadline = Date.now() + TOPIC_READY_MS;
    const notReady = new Error(`the topic has no partition leader after ${TOPIC_READY_MS} ms`);
    await withBackoff(
      async () => {
        const { topics } = await this.admin.fetchTopicMetadata({ topics: [topic] });
        const partitions = topics[0]?.partitions ?? [];
        if (partitions.length === 0 || partitions.some((p) => p.leader < 0)) throw notReady;
        // A leader in the metadata may still answer NOT_LEADER_OR_FOLLOWER (retriable) until it has
        // loaded the partition; ListOffsets goes to the leader, so its answer proves it serves.
        await this.admin.fetchTopicOffsets(topic);
      },
      (error) => (error === notReady || isTransient(error)) && Date.now() <= deadline,
    );
  }

  /** Deletes a topic (a temporary destination's), quietly when it is gone already. */
  async deleteTopic(topic: string): Promise<void> {
    this.topics.delete(topic);
    await this.admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  }

  private async groupState(groupId: string): Promise<{ state: string; members: number }> {
    const { groups } = await this.admin.describeGroups([groupId]);
    const group = groups[0];
    return { state: group?.state ?? '', members: group?.members.length ?? 0 };
  }

  /** True while the group exists with a member or is rebalancing (a client id claimed by someone). */
  async groupInUse(groupId: string): Promise<boolean> {
    return !NO_GROUP.has((await this.groupState(groupId)).state);
  }

  /**
   * Where a group with no members must start: the current end of the topic, so a new subscription
   * sees only what follows. Explicit offsets, not "latest", which the consumer would resolve at its
   * first fetch and so skip what was sent meanwhile. Null when the group already has members.
   */
  async endOffsetsIfIdle(groupId: string, topic: string): Promise<StartOffsets | null> {
    if ((await this.groupState(groupId)).members > 0) return null;
    const ends = await this.admin.fetchTopicOffsets(topic);
    return ends.map(({ partition, high }) => ({ partition, offset: high }));
  }

  /**
   * A durable subscription's group carries a hash of its topic and selector: a subscriber with
   * another definition replaces the subscription (JMS), which it finds by the name's prefix.
   */
  async durableSubscriptionGroup(spec: SubscriptionSpec, topic: string): Promise<{ groupId: string; startAt: StartOffsets | null }> {
    const prefix = `${durableGroup(spec.clientId, spec.subscriptionName!)}.`;
    const groupId = prefix + subscriptionDefinitionHash([topic, spec.definedSelector], 16);
    const existing = await this.durableGroups(prefix);
    for (const other of existing) {
      if (other === groupId) continue;
      if ((await this.groupState(other)).members > 0) {
        throw new IllegalStateException(`Durable subscription "${spec.subscriptionName}" is in use; it cannot change its topic or selector`);
      }
      await this.admin.deleteGroups([other]);
    }
    return { groupId, startAt: existing.includes(groupId) ? null : await this.endOffsetsIfIdle(groupId, topic) };
  }

  private async durableGroups(prefix: string): Promise<string[]> {
    const { groups } = await this.admin.listGroups();
    return groups.map((g) => g.groupId).filter((id) => id.startsWith(prefix) && /^[0-9a-f]{16}$/.test(id.slice(prefix.length)));
  }

  /** Removes the durable subscription `name` of `clientId`, refused while it has a consumer. */
  async unsubscribe(clientId: string | null, name: string): Promise<void> {
    const groups = await this.durableGroups(`${durableGroup(clientId, name)}.`);
    if (groups.length === 0) throw new InvalidDestinationException(`No durable subscription "${name}" for client id "${clientId ?? ''}"`);
    for (const groupId of groups) {
      if ((await this.groupState(groupId)).members > 0) {
        throw new IllegalStateException(`Durable subscription "${name}" has an active consumer; close it before unsubscribing`);
      }
    }
    await this.admin.deleteGroups(groups);
  }

  /** Per partition, the last stable offset of `topic`. */
  async stableOffsets(topic: string): Promise<Map<number, bigint>> {
    const offsets = await this.admin.fetchTopicOffsets(topic);
    return new Map(offsets.map(({ partition, high }) => [partition, BigInt(high)]));
  }

  /**
   * What a browse of `topic` shows, per partition: from the queue group's committed offset, or its
   * share group's start offset when queues are read through share groups (or the log's start), to
   * the last stable offset now, so a transaction still open is not waited for.
   */
  async browseRanges(topic: string, groupId: string, shareQueues: ShareQueues | null): Promise<BrowseRange[]> {
    const ends = await this.admin.fetchTopicOffsets(topic);
    const from =
      shareQueues !== null
        ? await shareQueues.startOffsets(topic, ends.map(({ partition }) => partition))
        : new Map(((await this.admin.fetchOffsets({ groupId, topics: [topic] }))[0]?.partitions ?? []).map(({ partition, offset }) => [partition, BigInt(offset)]));
    return ends.map(({ partition, high, low }) => {
      const at = from.get(partition) ?? -1n;
      return { partition, start: at < BigInt(low) ? BigInt(low) : at, end: BigInt(high) };
    });
  }

  /** Removes a browser's throwaway group (it committed nothing, so this is only tidying). */
  forgetGroup(groupId: string): Promise<void> {
    return this.admin.deleteGroups([groupId]).then(
      () => undefined,
      () => undefined,
    );
  }

  disconnect(): Promise<void> {
    return this.admin.disconnect().catch(() => undefined);
  }
}

/** A retriable Kafka error, also when kafkajs wraps it after running out of its own retries. */
function isTransient(error: unknown): boolean {
  const { retriable, originalError } = (error ?? {}) as { retriable?: boolean; originalError?: { retriable?: boolean } };
  return retriable === true || originalError?.retriable === true;
}
