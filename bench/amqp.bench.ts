/**
 * jms-ts against raw amqplib on the same RabbitMQ in the same run, 1 KiB messages:
 * (a) persistent send waiting for each publisher confirm, (b) pipelined sends, (c) consuming with
 * prefetch 100 and an ack per message (JMS AUTO_ACKNOWLEDGE acks each message too).
 *
 *   npx tsx bench/amqp.bench.ts amqp://guest:guest@127.0.0.1:5672
 */
import { pathToFileURL } from 'node:url';
import amqp from 'amqplib';
import { AcknowledgeMode, createConnectionFactory, type Connection, type Message } from '../src/index.js';
import { printTable, type BenchResult } from './results.js';

const BODY = 'x'.repeat(1024);
const QUEUE_ARGUMENTS = { 'x-max-priority': 9 }; // as the adapter declares its queues

interface Counts {
  confirmed: number;
  pipelined: number;
  consumed: number;
}

function rate(count: number, started: number): number {
  return count / ((performance.now() - started) / 1000);
}

function withOption(url: string, option: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}${option}`;
}

/** Resolves once `done` has been called `count` times. */
function countdown(count: number): { done: () => void; finished: Promise<void> } {
  let resolve!: () => void;
  const finished = new Promise<void>((r) => (resolve = r));
  return { done: () => --count === 0 && resolve(), finished };
}

async function raw(url: string, tag: string, counts: Counts): Promise<Record<keyof Counts, number>> {
  const connection = await amqp.connect(url);
  try {
    const channel = await connection.createConfirmChannel();
    const queue = `${tag}.raw`;
    await channel.assertQueue(queue, { durable: true, arguments: QUEUE_ARGUMENTS });
    const content = Buffer.from(BODY);
    const publish = (): Promise<void> =>
      new Promise((resolve, reject) =>
        channel.sendToQueue(queue, content, { persistent: true, contentType: 'text/plain' }, (error) => (error ? reject(error) : resolve())),
      );

    let started = performance.now();
    for (let i = 0; i < counts.confirmed; i++) await publish();
    const confirmed = rate(counts.confirmed, started);

    started = performance.now();
    await Promise.all(Array.from({ length: counts.pipelined }, publish));
    const pipelined = rate(counts.pipelined, started);

    const consumer = await connection.createChannel();
    await consumer.prefetch(100);
    const all = countdown(counts.confirmed + counts.pipelined);
    started = performance.now();
    await consumer.consume(queue, (message) => {
      if (message === null) return;
      consumer.ack(message);
      all.done();
    });
    await all.finished;
    const consumed = rate(counts.confirmed + counts.pipelined, started);
    await channel.deleteQueue(queue);
    return { confirmed, pipelined, consumed };
  } finally {
    await connection.close();
  }
}

async function ours(url: string, tag: string, counts: Counts): Promise<Record<keyof Counts, number>> {
  const connection: Connection = await createConnectionFactory(withOption(url, 'prefetch=100')).createConnection();
  try {
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const queue = session.createQueue(`${tag}.ours`);
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

    const receiving = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const consumer = await receiving.createConsumer(queue);
    const all = countdown(counts.confirmed + counts.pipelined);
    consumer.setMessageListener(all.done);
    started = performance.now();
    await connection.start();
    await all.finished;
    const consumed = rate(counts.confirmed + counts.pipelined, started);
    await consumer.close();

    const cleanup = await amqp.connect(url);
    await (await cleanup.createChannel()).deleteQueue(queue.name);
    await cleanup.close();
    return { confirmed, pipelined, consumed };
  } finally {
    await connection.close();
  }
}

export async function runAmqpBench(url: string, counts: Counts = { confirmed: 2000, pipelined: 20000, consumed: 0 }): Promise<BenchResult[]> {
  const tag = `bench.amqp.${process.pid}.${Date.now()}`;
  // Raw first, then ours, then raw again: the better raw figure is the fair reference.
  const rawFirst = await raw(url, `${tag}.1`, counts);
  const ourFigures = await ours(url, tag, counts);
  const rawSecond = await raw(url, `${tag}.2`, counts);
  const row = (name: string, key: keyof Counts): BenchResult => {
    const rawBest = Math.max(rawFirst[key], rawSecond[key]);
    return { name, ours_per_s: ourFigures[key], raw_per_s: rawBest, ratio: ourFigures[key] / rawBest };
  };
  return [
    row('amqp: persistent send, wait for each confirm', 'confirmed'),
    row('amqp: pipelined persistent sends', 'pipelined'),
    row('amqp: consume, prefetch 100, ack each', 'consumed'),
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const url = process.argv[2] ?? 'amqp://guest:guest@127.0.0.1:5672';
  runAmqpBench(url)
    .then((results) => printTable(`amqp (${url.replace(/:[^:@/]*@/, ':***@')})`, results))
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    });
}
