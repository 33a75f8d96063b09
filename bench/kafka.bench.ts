/**
 * jms-ts against kafkajs on the same Kafka in the same run, 1 KiB messages. Sends: (a) waiting for
 * each acknowledgement (acks=all), (b) pipelined (raw: one kafkajs send per message, all at once;
 * ours batches them under the hood). Consumption, against kafkajs written the way its users write
 * it: `eachMessage` and `eachBatch` with kafkajs's default auto-commit (after each batch), and
 * `eachMessage` awaiting a commit per message for CLIENT_ACKNOWLEDGE acknowledging each message.
 * Consumption is timed from the first message to the last, so joining the group is not counted.
 *
 *   npx tsx bench/kafka.bench.ts kafka://127.0.0.1:9092
 */
import { pathToFileURL } from 'node:url';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { AcknowledgeMode, createConnectionFactory, type Message } from '../src/index.js';
import { BODY_1KIB, compareWithRaw, measureOurs, rate, type Counts, type Figures } from './adapter-bench.js';
import { withQuery } from './kafka-share.bench.js';
import { printTable, type BenchResult } from './results.js';

const plain = (url: string) => new Kafka({ clientId: 'bench-raw', brokers: [new URL(url).host], logLevel: logLevel.NOTHING });

/** Messages per consumption run; CLIENT_ACKNOWLEDGE commits each, so it gets fewer. */
const CONSUMED = 20000;
const CONSUMED_ACK_EACH = 1000;

/** Both sides start timing with the topic in place. */
async function createTopic(kafka: Kafka, topic: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  await admin.disconnect();
}

async function rawSends(url: string, topic: string, counts: Counts): Promise<Figures> {
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
  return { confirmed, pipelined, consumed: 0 };
}

/** A new one-partition topic holding `count` 1 KiB messages, written in large batches. */
async function filledTopic(url: string, topic: string, count: number): Promise<void> {
  const kafka = plain(url);
  await createTopic(kafka, topic);
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  for (let sent = 0; sent < count; sent += 1000) {
    const messages = Array.from({ length: Math.min(1000, count - sent) }, () => ({ value: BODY_1KIB }));
    await producer.send({ topic, acks: -1, messages });
  }
  await producer.disconnect();
}

/** A consumption run: messages per second and CPU microseconds per message, from the first message to the last. */
interface Consumed {
  perSecond: number;
  cpuMicros: number;
}

/** Counts messages; the figures run from the first to the last. */
function firstToLast(count: number): { tick: () => void; result: Promise<Consumed> } {
  let first = 0;
  let cpu = process.cpuUsage();
  let seen = 0;
  let resolve!: (result: Consumed) => void;
  const result = new Promise<Consumed>((r) => (resolve = r));
  return {
    tick: () => {
      if (seen++ === 0) {
        first = performance.now();
        cpu = process.cpuUsage();
      }
      if (seen === count) {
        const used = process.cpuUsage(cpu);
        resolve({ perSecond: (count - 1) / ((performance.now() - first) / 1000), cpuMicros: (used.user + used.system) / (count - 1) });
      }
    },
    result,
  };
}

type Style = 'eachMessage' | 'eachBatch' | 'commitEach';

async function rawConsume(url: string, topic: string, count: number, style: Style): Promise<Consumed> {
  const consumer = plain(url).consumer({ groupId: `${topic}.group` });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  const counter = firstToLast(count);
  if (style === 'eachMessage') {
    await consumer.run({ eachMessage: async () => counter.tick() });
  } else if (style === 'eachBatch') {
    await consumer.run({
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        for (const message of batch.messages) {
          if (!isRunning() || isStale()) break;
          counter.tick();
          resolveOffset(message.offset);
          await heartbeat();
        }
      },
    });
  } else {
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        await consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
        counter.tick();
      },
    });
  }
  const result = await counter.result;
  await consumer.disconnect();
  return result;
}

async function oursConsume(url: string, topic: string, count: number, mode: AcknowledgeMode): Promise<Consumed> {
  // Consumer groups, as kafkajs reads the queue (share-group consumption: kafka-share.bench.ts).
  const connection = await createConnectionFactory(withQuery(url, 'queueMode=group')).createConnection();
  try {
    const session = await connection.createSession(mode);
    const consumer = await session.createConsumer(session.createQueue(topic));
    const counter = firstToLast(count);
    if (mode === AcknowledgeMode.CLIENT_ACKNOWLEDGE) {
      consumer.setMessageListener(async (message: Message) => {
        await message.acknowledge();
        counter.tick();
      });
    } else {
      consumer.setMessageListener(counter.tick);
    }
    await connection.start();
    const result = await counter.result;
    await consumer.close();
    return result;
  } finally {
    await connection.close();
  }
}

interface Pairing {
  name: string;
  anchor: string;
  count: number;
  raw: Style;
  ours: AcknowledgeMode;
}

const PAIRINGS: Pairing[] = [
  { name: 'kafka: consume AUTO_ACKNOWLEDGE', anchor: 'kafkajs eachMessage, default auto-commit', count: CONSUMED, raw: 'eachMessage', ours: AcknowledgeMode.AUTO_ACKNOWLEDGE },
  { name: 'kafka: consume DUPS_OK_ACKNOWLEDGE', anchor: 'kafkajs eachMessage, default auto-commit', count: CONSUMED, raw: 'eachMessage', ours: AcknowledgeMode.DUPS_OK_ACKNOWLEDGE },
  { name: 'kafka: consume AUTO_ACKNOWLEDGE', anchor: 'kafkajs eachBatch, default auto-commit', count: CONSUMED, raw: 'eachBatch', ours: AcknowledgeMode.AUTO_ACKNOWLEDGE },
  { name: 'kafka: consume CLIENT_ACK, acknowledge each', anchor: 'kafkajs eachMessage, commitOffsets awaited per message', count: CONSUMED_ACK_EACH, raw: 'commitEach', ours: AcknowledgeMode.CLIENT_ACKNOWLEDGE },
];

/** Raw, ours, raw, ours per pairing, each on a topic of its own; the better of two runs per side. */
async function compareConsumption(url: string, tag: string): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  let run = 0;
  for (const pairing of PAIRINGS) {
    const raws: Consumed[] = [];
    const ours: Consumed[] = [];
    for (let round = 0; round < 2; round++) {
      let topic = `${tag}.c${++run}`;
      await filledTopic(url, topic, pairing.count);
      raws.push(await rawConsume(url, topic, pairing.count, pairing.raw));
      topic = `${tag}.c${++run}`;
      await filledTopic(url, topic, pairing.count);
      ours.push(await oursConsume(url, topic, pairing.count, pairing.ours));
    }
    const best = { ours: Math.max(...ours.map((c) => c.perSecond)), raw: Math.max(...raws.map((c) => c.perSecond)) };
    // CPU per message varies far less with the machine's load than the rate does.
    const cpu = { ours: Math.min(...ours.map((c) => c.cpuMicros)), raw: Math.min(...raws.map((c) => c.cpuMicros)) };
    results.push({
      name: pairing.name,
      ours_per_s: best.ours,
      raw_per_s: best.raw,
      ratio: best.ours / best.raw,
      anchor: pairing.anchor,
      ours_cpu_us_per_msg: cpu.ours,
      raw_cpu_us_per_msg: cpu.raw,
    });
  }
  return results;
}

export async function runKafkaBench(url: string, counts: Counts = { confirmed: 500, pipelined: 10000 }): Promise<BenchResult[]> {
  const tag = `bench.kafka.${process.pid}.${Date.now()}`;
  let run = 0;
  const sends = await compareWithRaw(() => rawSends(url, `${tag}.raw${++run}`, counts), async () => {
    const topic = `${tag}.ours${++run}`;
    await createTopic(plain(url), topic);
    return measureOurs(url, topic, counts);
  }, {
    confirmed: 'kafka: send, wait for each ack (acks=all)',
    pipelined: 'kafka: pipelined sends (ours batch)',
    consumed: '',
  });
  const anchors = ['kafkajs idempotent producer, send awaited per message', 'kafkajs idempotent producer, one send per message, all at once'];
  return [...sends.slice(0, 2).map((row, i) => ({ ...row, anchor: anchors[i] })), ...(await compareConsumption(url, tag))];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const url = process.argv[2] ?? 'kafka://127.0.0.1:9092';
  const json = process.argv.includes('--json');
  runKafkaBench(url)
    .then((results) => (json ? console.log(JSON.stringify(results, null, 2)) : printTable(url, results)))
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    });
}
