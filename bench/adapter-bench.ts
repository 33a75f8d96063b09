/**
 * The jms-ts side of the adapter benchmarks and the ours-versus-raw table, shared by
 * amqp.bench.ts, stomp.bench.ts and kafka.bench.ts (each measures its raw client itself).
 */
import { AcknowledgeMode, createConnectionFactory, type Message } from '../src/index.js';
import type { BenchResult } from './results.js';

export const BODY_1KIB = 'x'.repeat(1024);

export interface Counts {
  confirmed: number;
  pipelined: number;
}

/** Messages per second for (a) sends awaited one by one, (b) pipelined sends, (c) consuming them all. */
export interface Figures {
  confirmed: number;
  pipelined: number;
  consumed: number;
}

export function rate(count: number, started: number): number {
  return count / ((performance.now() - started) / 1000);
}

/** Resolves once `done` has been called `count` times. */
export function countdown(count: number): { done: () => void; finished: Promise<void> } {
  let resolve!: () => void;
  const finished = new Promise<void>((r) => (resolve = r));
  return { done: () => --count === 0 && resolve(), finished };
}

/** jms-ts through the public API: persistent sends to a queue, then an AUTO_ACKNOWLEDGE listener takes them all. */
export async function measureOurs(url: string, queueName: string, counts: Counts): Promise<Figures> {
  const connection = await createConnectionFactory(url).createConnection();
  try {
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const queue = session.createQueue(queueName);
    const producer = await session.createProducer(queue);
    let started = performance.now();
    for (let i = 0; i < counts.confirmed; i++) await producer.send(session.createTextMessage(BODY_1KIB));
    const confirmed = rate(counts.confirmed, started);

    const sent = countdown(counts.pipelined);
    let failure: unknown = null;
    const listener = { onCompletion: sent.done, onException: (_: Message, error: unknown) => ((failure = error), sent.done()) };
    started = performance.now();
    for (let i = 0; i < counts.pipelined; i++) producer.sendAsync(session.createTextMessage(BODY_1KIB), listener);
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
    await consumer.close();
    return { confirmed, pipelined, consumed: rate(total, started) };
  } finally {
    await connection.close();
  }
}

/**
 * Measures raw, ours, raw, ours, and compares the better figure of each side: both get a run
 * after the broker has warmed up, and neither gains from going last.
 */
export async function compareWithRaw(
  raw: () => Promise<Figures>,
  ours: () => Promise<Figures>,
  names: Record<keyof Figures, string>,
): Promise<BenchResult[]> {
  const raws: Figures[] = [];
  const mine: Figures[] = [];
  for (let round = 0; round < 2; round++) {
    raws.push(await raw());
    mine.push(await ours());
  }
  return (Object.keys(names) as (keyof Figures)[]).map((key) => {
    const bestRaw = Math.max(...raws.map((f) => f[key]));
    const bestOurs = Math.max(...mine.map((f) => f[key]));
    return { name: names[key], ours_per_s: bestOurs, raw_per_s: bestRaw, ratio: bestOurs / bestRaw };
  });
}
