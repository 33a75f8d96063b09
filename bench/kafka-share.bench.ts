/**
 * Kafka queues on share groups (KIP-932), on the same Kafka in the same run:
 * - consumption, jms-ts (`queueMode=share`) against @kafkats/client's ShareConsumer written the
 *   way its users write it (`runEach`, acknowledged on success; and `ack()` awaited per message);
 * - scaling: 2,000 messages, each listener waiting 10 ms per message, four competing consumers
 *   against one (the ratio is the scaling figure), in share mode and, for contrast, group mode.
 *
 *   npx tsx bench/kafka-share.bench.ts kafka://127.0.0.1:9092
 */
import { pathToFileURL } from 'node:url';
import { Cluster, KafkaClient, noopLogger } from '@kafkats/client';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { AcknowledgeMode, createConnectionFactory, FeatureNotSupportedException, type Message } from '../src/index.js';
import { configureShareGroup } from '../adapters/kafka/share-protocol.js';
import { BODY_1KIB, compareSides } from './adapter-bench.js';
import { printTable, type BenchResult } from './results.js';

const CONSUMED = 5000;
const CONSUMED_ACK_EACH = 1000;
const SCALING_MESSAGES = 2000;
const LISTENER_MS = 10;

export const withQuery = (url: string, query: string): string => `${url}${url.includes('?') ? '&' : '?'}${query}`;

/** A new one-partition topic holding `count` 1 KiB messages. */
async function filledTopic(url: string, topic: string, count: number): Promise<void> {
  const kafka = new Kafka({ clientId: 'bench-share', brokers: [new URL(url).host], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  await admin.disconnect();
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  for (let sent = 0; sent < count; sent += 1000) {
    await producer.send({ topic, acks: -1, messages: Array.from({ length: Math.min(1000, count - sent) }, () => ({ value: BODY_1KIB })) });
  }
  await producer.disconnect();
}

/** Resolves with messages per second from the first message to the last. */
function firstToLast(count: number): { tick: () => void; rate: Promise<number> } {
  let first = 0;
  let seen = 0;
  let resolve!: (perSecond: number) => void;
  const rate = new Promise<number>((r) => (resolve = r));
  return {
    tick: () => {
      if (seen++ === 0) first = performance.now();
      if (seen === count) resolve((count - 1) / ((performance.now() - first) / 1000));
    },
    rate,
  };
}

/** @kafkats/client's share consumer on the same queue group jms-ts would use. */
async function rawShareConsume(url: string, topic: string, count: number, ackEach: boolean): Promise<number> {
  const groupId = `jms.queue.${topic}`;
  const cluster = new Cluster({ brokers: [new URL(url).host], clientId: 'bench-share', logger: noopLogger });
  await cluster.connect();
  await configureShareGroup(cluster, groupId); // from the earliest record, like a JMS queue
  await cluster.disconnect();
  const client = new KafkaClient({ brokers: [new URL(url).host], clientId: 'bench-share', logger: noopLogger });
  await client.connect();
  const consumer = client.shareConsumer({ groupId });
  const counter = firstToLast(count);
  // Acknowledging each: one handler at a time, as a JMS session runs its listener.
  const running = consumer.runEach(
    topic,
    async (message) => {
      if (ackEach) await message.ack();
      counter.tick();
    },
    ackEach ? { concurrency: 1 } : {},
  );
  const rate = await counter.rate;
  await consumer.stop();
  await running.catch(() => undefined);
  await client.disconnect();
  return rate;
}

async function oursConsume(url: string, topic: string, count: number, mode: AcknowledgeMode): Promise<number> {
  const connection = await createConnectionFactory(withQuery(url, 'queueMode=share')).createConnection();
  try {
    const session = await connection.createSession(mode);
    const consumer = await session.createConsumer(session.createQueue(topic));
    const counter = firstToLast(count);
    consumer.setMessageListener(
      mode === AcknowledgeMode.CLIENT_ACKNOWLEDGE
        ? async (message: Message) => {
            await message.acknowledge();
            counter.tick();
          }
        : counter.tick,
    );
    await connection.start();
    return await counter.rate;
  } finally {
    await connection.close();
  }
}

/**
 * Seconds for `consumers` consumers, each on its own connection, to have every message of the queue
 * at least once with slow listeners; how many they had twice (a group rebalance moves the
 * partition, and the new owner starts from the last commit) is printed.
 */
async function drainWithSlowListeners(url: string, topic: string, consumers: number): Promise<{ seconds: number; duplicates: number }> {
  const connections = await Promise.all(Array.from({ length: consumers }, () => createConnectionFactory(url).createConnection()));
  try {
    const seen = new Set<string>();
    let duplicates = 0;
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    for (const connection of connections) {
      const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
      const consumer = await session.createConsumer(session.createQueue(topic));
      consumer.setMessageListener(async (message: Message) => {
        await new Promise((resolve) => setTimeout(resolve, LISTENER_MS));
        const id = message.getJMSMessageID()!;
        if (seen.has(id)) duplicates++;
        seen.add(id);
        if (seen.size === SCALING_MESSAGES) done();
      });
    }
    const started = performance.now();
    await Promise.all(connections.map((c) => c.start()));
    await finished;
    return { seconds: (performance.now() - started) / 1000, duplicates };
  } finally {
    await Promise.all(connections.map((c) => c.close()));
  }
}

async function scaling(url: string, tag: string, mode: 'share' | 'group'): Promise<BenchResult> {
  const target = withQuery(url, `queueMode=${mode}`);
  const runs: { seconds: number; duplicates: number }[] = [];
  for (const consumers of [1, 4]) {
    const topic = `${tag}.scale.${mode}.${consumers}`;
    await filledTopic(url, topic, SCALING_MESSAGES);
    runs.push(await drainWithSlowListeners(target, topic, consumers));
  }
  const [one, four] = runs.map((r) => r.seconds) as [number, number];
  console.log(
    `  ${mode} groups: ${SCALING_MESSAGES} messages, ${LISTENER_MS} ms listeners: 1 consumer ${one.toFixed(1)} s, ` +
      `4 consumers ${four.toFixed(1)} s (${runs[1]!.duplicates} delivered twice): ${(one / four).toFixed(2)}x`,
  );
  return {
    name: `kafka ${mode}: 4 consumers vs 1, ${LISTENER_MS} ms listener`,
    ours_per_s: SCALING_MESSAGES / four,
    raw_per_s: SCALING_MESSAGES / one,
    ratio: one / four,
    anchor: 'one jms-ts consumer (ours/raw = scaling)',
  };
}

export async function runKafkaShareBench(url: string): Promise<BenchResult[]> {
  try {
    await (await createConnectionFactory(withQuery(url, 'queueMode=share')).createConnection()).close();
  } catch (error) {
    if (!(error instanceof FeatureNotSupportedException)) throw error;
    console.log(`kafka share-group rows not run: ${error.message}`);
    return [];
  }
  const tag = `bench.share.${process.pid}.${Date.now()}`;
  const results: BenchResult[] = [];
  const pairings = [
    { name: 'kafka share: consume AUTO_ACKNOWLEDGE', anchor: '@kafkats/client ShareConsumer runEach, acked on success', count: CONSUMED, mode: AcknowledgeMode.AUTO_ACKNOWLEDGE, ackEach: false },
    { name: 'kafka share: CLIENT_ACK, acknowledge each', anchor: '@kafkats/client ShareConsumer runEach, concurrency 1, ack() awaited', count: CONSUMED_ACK_EACH, mode: AcknowledgeMode.CLIENT_ACKNOWLEDGE, ackEach: true },
  ];
  let run = 0;
  /** One consumption run on a fresh queue holding `count` messages, as a consumed-only figure. */
  const consumed = async (count: number, consume: (topic: string) => Promise<number>) => {
    const topic = `${tag}.c${++run}`;
    await filledTopic(url, topic, count);
    return { confirmed: 0, pipelined: 0, consumed: await consume(topic) };
  };
  for (const { name, anchor, count, mode, ackEach } of pairings) {
    const raw = { anchor, run: () => consumed(count, (topic) => rawShareConsume(url, topic, count, ackEach)) };
    const ours = () => consumed(count, (topic) => oursConsume(url, topic, count, mode));
    results.push(...(await compareSides(ours, { raw }, [{ key: 'consumed', name, against: 'raw' }])));
  }
  results.push(await scaling(url, tag, 'share'), await scaling(url, tag, 'group'));
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const url = process.argv[2] ?? 'kafka://127.0.0.1:9092';
  runKafkaShareBench(url)
    .then((results) => printTable(`${url} (share groups)`, results))
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    });
}
