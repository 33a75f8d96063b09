import type { Cluster } from '@kafkats/client';
import type { KafkaConfig } from 'kafkajs';
import type { Destination } from '../../src/api/destination.js';
import { FeatureNotSupportedException } from '../../src/api/exceptions.js';
import type { DeliverySink } from '../../src/spi/public.js';
import { AcknowledgeMode } from '../../src/api/constants.js';
import { queueGroup } from './names.js';
import { DUPS_OK_COMMIT_INTERVAL_MS } from './options.js';
import { brokerHasShareGroups, configureShareGroup, openShareCluster, shareGroupStartOffsets } from './share-protocol.js';
import { ShareSubscription } from './share-subscription.js';

/** How JMS queues are read: `share` groups (KIP-932), consumer `group`s, or `auto` (share where the broker has them). */
export type QueueMode = 'auto' | 'share' | 'group';

/**
 * A connection's share-group queues: the protocol client, and the queue groups it has set up.
 * Null when queues are read through consumer groups.
 */
export class ShareQueues {
  private readonly configured = new Map<string, Promise<void>>();

  private constructor(private readonly cluster: Cluster) {}

  /**
   * Decides at connect how this connection reads queues. `share` insists on share groups and
   * refuses a broker without them; `auto` falls back to consumer groups there; `group` never asks.
   */
  static async resolve(mode: QueueMode, config: KafkaConfig, url: string): Promise<ShareQueues | null> {
    if (mode === 'group') return null;
    const cluster = await openShareCluster(config, url);
    let available = false;
    try {
      available = await brokerHasShareGroups(cluster);
    } catch (error) {
      await cluster.disconnect().catch(() => undefined);
      throw error;
    }
    if (available) return new ShareQueues(cluster);
    await cluster.disconnect().catch(() => undefined);
    if (mode === 'share') {
      throw new FeatureNotSupportedException(
        'kafka',
        'share-group queues (queueMode=share)',
        `Kafka at ${url} has no share groups (Kafka 4.2 or later with share.version enabled); use queueMode=group or auto`,
      );
    }
    return null;
  }

  /** Joins the queue's share group, set up (start at the earliest record, committed reads) on first use. */
  async subscribe(
    topic: string,
    destination: Destination,
    sink: DeliverySink,
    prefetch: number,
    ackLingerMs: number,
    onClosed: (s: ShareSubscription) => void,
  ): Promise<ShareSubscription> {
    const groupId = queueGroup(topic);
    let configured = this.configured.get(groupId);
    if (!configured) {
      configured = configureShareGroup(this.cluster, groupId);
      configured.catch(() => this.configured.delete(groupId));
      this.configured.set(groupId, configured);
    }
    await configured;
    return ShareSubscription.start({ cluster: this.cluster, groupId, topic, destination, sink, prefetch, ackLingerMs, onClosed });
  }

  /** Where a browse of the queue starts, per partition: the share group's start offset (all before it is acknowledged). */
  startOffsets(topic: string, partitions: number[]): Promise<Map<number, bigint>> {
    return shareGroupStartOffsets(this.cluster, queueGroup(topic), topic, partitions);
  }

  close(): Promise<void> {
    return this.cluster.disconnect().catch(() => undefined);
  }
}

/** How long an AUTO_ACKNOWLEDGE acknowledgement may wait to go with others (the client does not wait for it). */
const AUTO_ACK_LINGER_MS = 20;

/**
 * How long a share-group acknowledgement may gather with others before it is sent: AUTO and
 * DUPS_OK acknowledgements are not awaited by the client, so they go in batches (fewer requests,
 * each written to the share-group state by the broker); CLIENT_ACKNOWLEDGE and commits wait for
 * theirs, which go at once.
 */
export function shareAckLinger(mode: AcknowledgeMode | undefined): number {
  if (mode === AcknowledgeMode.DUPS_OK_ACKNOWLEDGE) return DUPS_OK_COMMIT_INTERVAL_MS;
  return mode === undefined || mode === AcknowledgeMode.AUTO_ACKNOWLEDGE ? AUTO_ACK_LINGER_MS : 0;
}
