import { ApiKey, Cluster, Decoder, decodeRecordBatchFrom, decodeResponseHeader, FLEXIBLE_VERSION_MIN, isControlBatch, noopLogger, type Broker, type ClusterConfig, type IEncoder } from '@kafkats/client';
import type { KafkaConfig, SASLOptions } from 'kafkajs';
import { JMSException } from '../../src/api/exceptions.js';
import { ErrorCode } from '../../src/api/error-codes.js';
import { setOwn } from '../../src/spi/public.js';
import type { ReceivedRecord } from './records.js';

/**
 * The Kafka protocol client behind share-group queues (KIP-932): @kafkats/client's Cluster and
 * Broker, which speak ShareGroupHeartbeat, ShareFetch and ShareAcknowledge (v2, Kafka ≥ 4.2) and
 * hand record data over as bytes. kafkajs has no share groups. Two requests it lacks are written
 * here: IncrementalAlterConfigs v0 (a share group's own settings) and DescribeShareGroupOffsets v0
 * (where browsing starts).
 */

/** The kafkajs configuration's brokers, TLS and SASL, for @kafkats/client. */
export function shareClusterConfig(config: KafkaConfig): ClusterConfig {
  const brokers = typeof config.brokers === 'function' ? [] : config.brokers;
  const ssl = config.ssl;
  const tls: ClusterConfig['tls'] =
    ssl === true ? { enabled: true } : ssl ? { ...(ssl as object), enabled: true } as ClusterConfig['tls'] : undefined;
  return {
    brokers,
    clientId: config.clientId ?? 'jms-ts',
    connectionTimeoutMs: config.connectionTimeout ?? 3000,
    requestTimeoutMs: 30000,
    logger: noopLogger,
    ...(tls ? { tls } : {}),
    ...(config.sasl ? { sasl: saslConfig(config.sasl) } : {}),
  };
}

function saslConfig(sasl: SASLOptions | { mechanism: string }): NonNullable<ClusterConfig['sasl']> {
  const { mechanism } = sasl;
  if (mechanism === 'plain' || mechanism === 'scram-sha-256' || mechanism === 'scram-sha-512') {
    const { username, password } = sasl as { username: string; password: string };
    const name = mechanism === 'plain' ? 'PLAIN' : mechanism === 'scram-sha-256' ? 'SCRAM-SHA-256' : 'SCRAM-SHA-512';
    return { mechanism: name, username, password };
  }
  throw new JMSException(`Share-group queues cannot authenticate with SASL ${mechanism}: use queueMode=group`, ErrorCode.INVALID_CONFIGURATION);
}

/** Opens a cluster connection; fails with BROKER_UNAVAILABLE when no broker answers. */
export async function openShareCluster(config: KafkaConfig, url: string): Promise<Cluster> {
  const cluster = new Cluster(shareClusterConfig(config));
  try {
    await cluster.connect();
  } catch (error) {
    throw new JMSException(`Cannot connect to Kafka at ${url}: ${(error as Error).message}`, ErrorCode.BROKER_UNAVAILABLE, error);
  }
  return cluster;
}

/**
 * True when the broker serves share groups as this adapter reads them: ShareGroupHeartbeat and
 * ShareFetch/ShareAcknowledge v2 (Kafka 4.2+). A broker with the feature off does not list them.
 */
export async function brokerHasShareGroups(cluster: Cluster): Promise<boolean> {
  const versions = (await cluster.getAnyBroker()).getApiVersions();
  const supports = (key: ApiKey, version: number) => {
    const range = versions.get(key);
    return range !== undefined && range.min <= version && range.max >= version;
  };
  return supports(ApiKey.ShareGroupHeartbeat, 1) && supports(ApiKey.ShareFetch, 2) && supports(ApiKey.ShareAcknowledge, 2);
}

/** A request @kafkats/client has no method for, on one of its authenticated broker connections. */
async function send(broker: Broker, apiKey: number, version: number, encode: (encoder: IEncoder) => void): Promise<Decoder> {
  const connection = (broker as unknown as { connection: { send(key: number, version: number, encode: (e: IEncoder) => void): Promise<Buffer> } })
    .connection;
  const decoder = new Decoder(await connection.send(apiKey, version, encode));
  decodeResponseHeader(decoder, apiKey, version);
  return decoder;
}

const RESOURCE_GROUP = 32;
const OPERATION_SET = 0;

/**
 * Settings a queue's share group needs before its first member joins: it starts at the beginning
 * of the log (a queue keeps what was sent before anyone listened; Kafka's default is the end) and
 * reads only committed records (a transaction's sends appear when it commits; the default reads
 * uncommitted ones).
 */
export async function configureShareGroup(cluster: Cluster, groupId: string): Promise<void> {
  const configs: [string, string][] = [
    ['share.auto.offset.reset', 'earliest'],
    ['share.isolation.level', 'read_committed'],
  ];
  const decoder = await send(await cluster.getAnyBroker(), ApiKey.IncrementalAlterConfigs, 0, (e) => {
    e.writeArray([groupId], (name, r) => {
      r.writeInt8(RESOURCE_GROUP).writeString(name);
      r.writeArray(configs, ([key, value], c) => c.writeString(key).writeInt8(OPERATION_SET).writeNullableString(value));
    });
    e.writeBoolean(false);
  });
  decoder.readInt32(); // throttle
  const results = decoder.readArray((d) => ({ errorCode: d.readInt16(), message: d.readNullableString() }));
  const failed = results.find((r) => r.errorCode !== 0);
  if (failed) throw new JMSException(`Kafka refused the settings of share group ${groupId}: ${failed.message ?? `error ${failed.errorCode}`}`);
}

/**
 * Per partition, the share group's start offset: everything before it is acknowledged, so a
 * browse starts there. Empty when the group has no offsets yet (nothing was consumed).
 */
export async function shareGroupStartOffsets(cluster: Cluster, groupId: string, topic: string, partitions: number[]): Promise<Map<number, bigint>> {
  // Its request and response headers carry tagged fields; the client picks headers by this table.
  (FLEXIBLE_VERSION_MIN as Record<number, number>)[DESCRIBE_SHARE_GROUP_OFFSETS] ??= 0;
  const coordinator = await cluster.getCoordinator('GROUP', groupId);
  const decoder = await send(coordinator, DESCRIBE_SHARE_GROUP_OFFSETS, 0, (e) => {
    e.writeCompactArray([groupId], (group, g) => {
      g.writeCompactString(group);
      g.writeCompactArray([topic], (name, t) => t.writeCompactString(name).writeCompactArray(partitions, (p, pe) => pe.writeInt32(p)).writeEmptyTaggedFields());
      g.writeEmptyTaggedFields();
    });
    e.writeEmptyTaggedFields();
  });
  decoder.readInt32(); // throttle
  const starts = new Map<number, bigint>();
  decoder.readCompactArray((g) => {
    g.readCompactString();
    g.readCompactArray((t) => {
      t.readCompactString();
      t.readUUID();
      t.readCompactArray((p) => {
        const partition = p.readInt32();
        const start = p.readInt64();
        p.readInt32(); // leader epoch
        const errorCode = p.readInt16();
        p.readCompactNullableString();
        p.skipTaggedFields();
        if (errorCode === 0 && start >= 0n) starts.set(partition, start);
      });
      t.skipTaggedFields();
    });
    g.readInt16();
    g.readCompactNullableString();
    g.skipTaggedFields();
  });
  return starts;
}

/** DescribeShareGroupOffsets, a flexible request from version 0, which @kafkats/client 0.12 does not know. */
const DESCRIBE_SHARE_GROUP_OFFSETS = 90;

/**
 * A ShareFetch partition's record data by offset, as bytes (values and headers are never decoded
 * as text, so BytesMessage and ObjectMessage bodies arrive intact). Transaction markers are left out.
 */
export async function decodeShareRecords(data: Buffer | null): Promise<Map<bigint, ReceivedRecord>> {
  const records = new Map<bigint, ReceivedRecord>();
  if (data === null || data.length === 0) return records;
  const decoder = new Decoder(data);
  while (decoder.remaining() > 0) {
    const batch = await decodeRecordBatchFrom(decoder);
    if (isControlBatch(batch.attributes)) continue;
    for (const record of batch.records) {
      const headers: Record<string, Buffer> = {};
      // Defined, not assigned: a header named __proto__ stays a key.
      for (const header of record.headers) if (header.value !== null) setOwn(headers, header.key, header.value);
      records.set(record.offset, { offset: String(record.offset), timestamp: String(record.timestamp), value: record.value, headers });
    }
  }
  return records;
}
