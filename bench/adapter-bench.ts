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

/** A client measured against ours: what it is (the `anchor` of its rows) and one run of it. */
export interface Side {
  readonly anchor: string;
  run(): Promise<Figures>;
}

/** One table row: our figure `key` against the same figure of side `against`. */
export interface Row {
  readonly key: keyof Figures;
  readonly name: string;
  readonly against: string;
}

/**
 * Measures each side then ours, twice over, and compares the better figure of each: every side
 * gets a run after the broker has warmed up, and none gains from going last.
 */
export async function compareSides(ours: () => Promise<Figures>, sides: Record<string, Side>, rows: readonly Row[]): Promise<BenchResult[]> {
  const runs: Record<string, Figures[]> = { ours: [] };
  for (const name of Object.keys(sides)) runs[name] = [];
  for (let round = 0; round < 2; round++) {
    for (const [name, side] of Object.entries(sides)) runs[name]!.push(await side.run());
    runs.ours!.push(await ours());
  }
  const best = (side: string, key: keyof Figures) => Math.max(...runs[side]!.map((f) => f[key]));
  return rows.map(({ key, name, against }) => {
    const bestOurs = best('ours', key);
    const bestRaw = best(against, key);
    return { name, ours_per_s: bestOurs, raw_per_s: bestRaw, ratio: bestOurs / bestRaw, anchor: sides[against]!.anchor };
  });
}

/** Raw, ours, raw, ours against one raw client (see compareSides). */
export function compareWithRaw(
  raw: () => Promise<Figures>,
  ours: () => Promise<Figures>,
  names: Record<keyof Figures, string>,
  anchor = 'the raw client, written as jms-ts uses it',
): Promise<BenchResult[]> {
  const rows = (Object.keys(names) as (keyof Figures)[]).map((key) => ({ key, name: names[key], against: 'raw' }));
  return compareSides(ours, { raw: { anchor, run: raw } }, rows);
}
