/**
 * jms-ts against the raw rocketmq-client-nodejs producer and simple consumer on the same RocketMQ
 * in the same run, 1 KiB messages, written the way its users write them: (a) `await
 * producer.send()` one by one, (b) sends issued together and awaited with Promise.all (which keeps
 * no order: the proxy runs them in parallel), (c) a simple consumer receiving 32 at a time and
 * acknowledging each message.
 *
 *   npx tsx bench/rocketmq.bench.ts 'rocketmq://127.0.0.1:8081?brokerAddress=127.0.0.1:10911'
 */
import { pathToFileURL } from 'node:url';
import { FilterExpression, Producer, SimpleConsumer } from 'rocketmq-client-nodejs';
import { RocketAdmin } from '../adapters/rocketmq/admin.js';
import { BODY_1KIB, compareWithRaw, measureOurs, rate, type Counts, type Figures } from './adapter-bench.js';
import { printTable, type BenchResult } from './results.js';

const SILENT = { info: () => undefined, warn: () => undefined, error: () => undefined };

function endpointsOf(url: string): { endpoints: string; broker: [string, number] } {
  const parsed = new URL(url);
  const [host, port] = (parsed.searchParams.get('brokerAddress') ?? `${parsed.hostname}:10911`).split(':');
  return { endpoints: `${parsed.hostname}:${parsed.port || '8081'}`, broker: [host!, Number(port)] };
}

async function raw(url: string, topic: string, counts: Counts): Promise<Figures> {
  const { endpoints, broker } = endpointsOf(url);
  // The topic is made as an operator would (mqadmin updateTopic), outside the measured part.
  const admin = new RocketAdmin(broker[0], broker[1], 5000, null);
  await admin.ensureTopic(topic);
  await admin.startGroup(`${topic}-g`, topic, 'earliest');
  const producer = new Producer({ endpoints, namespace: '', logger: SILENT, topic });
  await producer.startup();
  const consumer = new SimpleConsumer({
    endpoints,
    namespace: '',
    logger: SILENT,
    consumerGroup: `${topic}-g`,
    subscriptions: new Map([[topic, FilterExpression.SUB_ALL]]),
    awaitDuration: 5000,
  });
  try {
    const body = Buffer.from(BODY_1KIB);
    let started = performance.now();
    for (let i = 0; i < counts.confirmed; i++) await producer.send({ topic, body });
    const confirmed = rate(counts.confirmed, started);

    started = performance.now();
    await Promise.all(Array.from({ length: counts.pipelined }, () => producer.send({ topic, body })));
    const pipelined = rate(counts.pipelined, started);

    await consumer.startup();
    const total = counts.confirmed + counts.pipelined;
    started = performance.now();
    for (let seen = 0; seen < total; ) {
      const views = await consumer.receive(32, 30000);
      await Promise.all(views.map((view) => consumer.ack(view)));
      seen += views.length;
    }
    const consumed = rate(total, started);
    return { confirmed, pipelined, consumed };
  } finally {
    await consumer.shutdown().catch(() => undefined);
    await producer.shutdown().catch(() => undefined);
    await admin.deleteGroup(`${topic}-g`).catch(() => undefined);
    await admin.deleteTopic(topic).catch(() => undefined);
    admin.close();
  }
}

async function ours(url: string, topic: string, counts: Counts): Promise<Figures> {
  const figures = await measureOurs(`${url}${url.includes('?') ? '&' : '?'}prefetch=100`, topic, counts);
  const { broker } = endpointsOf(url);
  const admin = new RocketAdmin(broker[0], broker[1], 5000, null);
  await admin.deleteGroup(`jmsts-queue-${topic}`).catch(() => undefined);
  await admin.deleteTopic(topic).catch(() => undefined);
  admin.close();
  return figures;
}

export function runRocketmqBench(url: string, counts: Counts = { confirmed: 1000, pipelined: 1000 }): Promise<BenchResult[]> {
  const tag = `bench-rocketmq-${process.pid}-${Date.now()}`;
  let run = 0;
  return compareWithRaw(() => raw(url, `${tag}-${++run}`, counts), () => ours(url, `${tag}-${++run}`, counts), {
    confirmed: 'rocketmq: send, wait for each',
    pipelined: 'rocketmq: sends together (raw: Promise.all, unordered; ours: in order)',
    consumed: 'rocketmq: simple consumer, 32 per receive, ack each',
  }, 'rocketmq-client-nodejs Producer and SimpleConsumer');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const url = process.argv[2] ?? 'rocketmq://127.0.0.1:8081?brokerAddress=127.0.0.1:10911';
  runRocketmqBench(url)
    .then((results) => printTable(`rocketmq (${url})`, results))
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    });
}
