/**
 * jms-ts against raw amqplib on the same RabbitMQ in the same run, 1 KiB messages:
 * (a) persistent send waiting for each publisher confirm, (b) pipelined sends, (c) consuming with
 * prefetch 100 and an ack per message (JMS AUTO_ACKNOWLEDGE acks each message too). Raw amqplib
 * runs twice: with what a plain amqplib user sends, and with the JMS properties and headers
 * jms-ts carries (adapters/amqp/message-mapping.ts), so the table shows both figures.
 *
 *   npx tsx bench/amqp.bench.ts amqp://guest:guest@127.0.0.1:5672
 */
import { pathToFileURL } from 'node:url';
import amqp from 'amqplib';
import type { Options } from 'amqplib';
import { BODY_1KIB, compareSides, countdown, measureOurs, rate, type Counts, type Figures } from './adapter-bench.js';
import { latencyOf, warmupOf, type Latency } from './client.bench.js';
import { printTable, type BenchResult } from './results.js';

const QUEUE_ARGUMENTS = { 'x-max-priority': 9 }; // as the adapter declares its queues

function withOption(url: string, option: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}${option}`;
}

const plainOptions = (): Options.Publish => ({ persistent: true, contentType: 'text/plain' });

/** The publish options jms-ts gives a persistent TextMessage, written out by hand. */
function jmsOptions(): () => Options.Publish {
  const connection = `ID:bench-${process.pid}`;
  let sequence = 0;
  return () => {
    const now = Date.now();
    return {
      deliveryMode: 2,
      priority: 4,
      messageId: `${connection}:${++sequence}`,
      contentType: 'text/plain; charset=utf-8',
      timestamp: Math.floor(now / 1000),
      headers: { jmsts_timestamp: { '!': 'long', value: now } },
    };
  };
}

async function raw(url: string, tag: string, counts: Counts, options: () => Options.Publish = plainOptions): Promise<Figures> {
  const connection = await amqp.connect(url);
  try {
    const channel = await connection.createConfirmChannel();
    const queue = `${tag}.raw`;
    await channel.assertQueue(queue, { durable: true, arguments: QUEUE_ARGUMENTS });
    const content = Buffer.from(BODY_1KIB);
    const publish = (): Promise<void> =>
      new Promise((resolve, reject) =>
        channel.sendToQueue(queue, content, options(), (error) => (error ? reject(error) : resolve())),
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

async function ours(url: string, tag: string, counts: Counts): Promise<Figures> {
  const queue = `${tag}.ours`;
  const figures = await measureOurs(withOption(url, 'prefetch=100'), queue, counts);
  const cleanup = await amqp.connect(url);
  await (await cleanup.createChannel()).deleteQueue(queue);
  await cleanup.close();
  return figures;
}

export function runAmqpBench(url: string, counts: Counts = { confirmed: 2000, pipelined: 20000 }): Promise<BenchResult[]> {
  const tag = `bench.amqp.${process.pid}.${Date.now()}`;
  let run = 0;
  const sides = {
    amqplib: { anchor: 'amqplib, confirm channel, ack each', run: () => raw(url, `${tag}.${++run}`, counts) },
    amqplibJms: { anchor: 'amqplib with the JMS properties jms-ts carries', run: () => raw(url, `${tag}.${++run}`, counts, jmsOptions()) },
  };
  return compareSides(() => ours(url, `${tag}.${++run}`, counts), sides, [
    { key: 'confirmed', name: 'amqp: persistent send, wait for each confirm', against: 'amqplib' },
    { key: 'pipelined', name: 'amqp: pipelined persistent sends', against: 'amqplib' },
    { key: 'pipelined', name: 'amqp: pipelined persistent sends', against: 'amqplibJms' },
    { key: 'consumed', name: 'amqp: consume AUTO_ACK, prefetch 100', against: 'amqplib' },
  ]);
}

/**
 * Request/reply in raw amqplib, as its users write it: an exclusive server-named reply queue,
 * correlation ids, a responder acking each request; persistent messages wait for their confirm.
 * TCP_NODELAY is set, as the adapter does.
 */
export async function rawRequestReply(url: string, persistent: boolean, roundTrips: number, size = 100): Promise<Latency> {
  // Nagle off, as the adapter has it: otherwise a reply waits ~40 ms for a delayed TCP ack.
  const connection = await amqp.connect(url, { noDelay: true });
  try {
    const requestsQueue = `bench.amqp.rr.${process.pid}.${Date.now()}`;
    const responder = await connection.createConfirmChannel();
    await responder.assertQueue(requestsQueue, { durable: true, arguments: QUEUE_ARGUMENTS });
    await responder.consume(requestsQueue, (request) => {
      if (request === null) return;
      const { replyTo, correlationId } = request.properties;
      responder.sendToQueue(replyTo, request.content, { correlationId, persistent, contentType: 'text/plain' });
      responder.ack(request);
    });
    const requester = await connection.createConfirmChannel();
    const { queue: replyQueue } = await requester.assertQueue('', { exclusive: true, autoDelete: true });
    const waiting = new Map<string, () => void>();
    await requester.consume(replyQueue, (reply) => {
      if (reply === null) return;
      waiting.get(reply.properties.correlationId)?.();
      requester.ack(reply);
    });
    const content = Buffer.from('x'.repeat(size));
    const latencies: number[] = [];
    // The first round trips warm up the JIT and the connection: run, not counted.
    const warmup = warmupOf(roundTrips);
    for (let i = -warmup; i < roundTrips; i++) {
      const correlationId = String(i);
      const t0 = performance.now();
      const replied = new Promise<void>((resolve) => waiting.set(correlationId, resolve));
      const confirmed = new Promise<void>((resolve, reject) =>
        requester.sendToQueue(requestsQueue, content, { replyTo: replyQueue, correlationId, persistent, contentType: 'text/plain' }, (error) => (error ? reject(error) : resolve())),
      );
      await Promise.all([persistent ? confirmed : undefined, replied]);
      if (i >= 0) latencies.push(performance.now() - t0);
      waiting.delete(correlationId);
    }
    await responder.deleteQueue(requestsQueue);
    return latencyOf(latencies);
  } finally {
    await connection.close();
  }
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
