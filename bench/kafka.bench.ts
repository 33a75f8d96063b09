/**
 * jms-ts against raw kafkajs on the same Kafka in the same run, 1 KiB messages: (a) send waiting
 * for each acknowledgement (acks=all), (b) pipelined sends (raw: one kafkajs send per message, all
 * at once; ours batches them under the hood), (c) consuming with AUTO_ACKNOWLEDGE (raw: a group
 * consumer that commits each offset, as ours does).
 *
 *   npx tsx bench/kafka.bench.ts kafka://127.0.0.1:9092
 */
import { pathToFileURL } from 'node:url';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { AcknowledgeMode, createConnectionFactory, type Message } from '../src/index.js';
import { printTable, type BenchResult } from './results.js';

const BODY = 'x'.repeat(1024);

interface Counts {
  confirmed: number;
  pipelined: number;
}
type Figures = { confirmed: number; pipelined: number; consumed: number };

function rate(count: number, started: number): number {
  return count / ((performance.now() - started) / 1000);
}

function countdown(count: number): { done: () => void; finished: Promise<void> } {
  let resolve!: () => void;
  const finished = new Promise<void>((r) => (resolve = r));
  return { done: () => --count === 0 && resolve(), finished };
}

async function raw(url: string, topic: string, counts: Counts): Promise<Figures> {
  const kafka = new Kafka({ clientId: 'bench-raw', brokers: [new URL(url).host], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  await admin.disconnect();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const send = () => producer.send({ topic, acks: -1, messages: [{ value: BODY }] });
  let started = performance.now();
  for (let i = 0; i < counts.confirmed; i++) await send();
  const confirmed = rate(counts.confirmed, started);
  started = performance.now();
  await Promise.all(Array.from({ length: counts.pipelined }, send));
  const pipelined = rate(counts.pipelined, started);
  await producer.disconnect();

  const total = counts.confirmed + counts.pipelined;
  const consumer = kafka.consumer({ groupId: `${topic}.group` });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  const all = countdown(total);
  started = performance.now();
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ partition, message }) => {
      await consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
      all.done();
    },
  });
  await all.finished;
  const consumed = rate(total, started);
  await consumer.disconnect();
  return { confirmed, pipelined, consumed };
}

async function ours(url: string, name: string, counts: Counts): Promise<Figures> {
  const connection = await createConnectionFactory(url).createConnection();
  try {
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const queue = session.createQueue(name);
    const producer = await session.createProducer(queue);
    let started = performance.now();
    for (let i = 0; i < counts.confirmed; i++) await producer.send(session.createTextMessage(BODY));
    const confirmed = rate(counts.confirmed, started);

    const sent = countdown(counts.pipelined);
    let failure: unknown = null;
    const listener = { onCompletion: sent.done, onException: (_: Message, error: unknown) => ((failure = error), sent.done()) };
    started = performance.now();
    for (let i = 0; i < counts.pipelined; i++) producer.sendAsync(session.createTextMessage(BODY), listener);
    await sent.finished;
    if (failure !== null) throw failure;
    const pipelined = rate(counts.pipelined, started);

    const total = counts.confirmed + counts.pipelined;
    const receiving = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const consumer = await receiving.createConsumer(queue);
    const all = countdown(total);
    consumer.setMessageListener(all.done);
    started = performance.now();
    await connection.start();
    await all.finished;
    return { confirmed, pipelined, consumed: rate(total, started) };
  } finally {
    await connection.close();
  }
}

export async function runKafkaBench(url: string, counts: Counts = { confirmed: 500, pipelined: 10000 }): Promise<BenchResult[]> {
  const tag = `bench.kafka.${process.pid}.${Date.now()}`;
  const first = await raw(url, `${tag}.raw1`, counts);
  const mine = await ours(url, `${tag}.ours`, counts);
  const second = await raw(url, `${tag}.raw2`, counts);
  const row = (name: string, key: keyof Figures): BenchResult => {
    const best = Math.max(first[key], second[key]);
    return { name, ours_per_s: mine[key], raw_per_s: best, ratio: mine[key] / best };
  };
  return [
    row('kafka: send, wait for each ack (acks=all)', 'confirmed'),
    row('kafka: pipelined sends (ours batch)', 'pipelined'),
    row('kafka: consume, commit each', 'consumed'),
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const url = process.argv[2] ?? 'kafka://127.0.0.1:9092';
  runKafkaBench(url)
    .then((results) => printTable(url, results))
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    });
}
