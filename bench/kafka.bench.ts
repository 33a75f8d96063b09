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
import { BODY_1KIB, compareWithRaw, countdown, measureOurs, rate, type Counts, type Figures } from './adapter-bench.js';
import { printTable, type BenchResult } from './results.js';

const plain = (url: string) => new Kafka({ clientId: 'bench-raw', brokers: [new URL(url).host], logLevel: logLevel.NOTHING });

/** Both sides start timing with the topic in place. */
async function createTopic(kafka: Kafka, topic: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  await admin.disconnect();
}

async function raw(url: string, topic: string, counts: Counts): Promise<Figures> {
  const kafka = plain(url);
  await createTopic(kafka, topic);
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const send = () => producer.send({ topic, acks: -1, messages: [{ value: BODY_1KIB }] });
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

export function runKafkaBench(url: string, counts: Counts = { confirmed: 500, pipelined: 10000 }): Promise<BenchResult[]> {
  const tag = `bench.kafka.${process.pid}.${Date.now()}`;
  let run = 0;
  return compareWithRaw(() => raw(url, `${tag}.raw${++run}`, counts), async () => {
    const topic = `${tag}.ours${++run}`;
    await createTopic(plain(url), topic);
    return measureOurs(url, topic, counts);
  }, {
    confirmed: 'kafka: send, wait for each ack (acks=all)',
    pipelined: 'kafka: pipelined sends (ours batch)',
    consumed: 'kafka: consume, commit each',
  });
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
