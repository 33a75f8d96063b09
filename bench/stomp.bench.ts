/**
 * jms-ts against raw stompit on the same STOMP broker in the same run, 1 KiB messages:
 * (a) persistent send waiting for each receipt, (b) pipelined persistent sends (receipts awaited
 * together), (c) consuming with an ack per message (JMS AUTO_ACKNOWLEDGE acks each message too).
 * Both sides set TCP_NODELAY, as the adapter does.
 *
 *   npx tsx bench/stomp.bench.ts stomp://127.0.0.1:61613
 */
import net from 'node:net';
import { pathToFileURL } from 'node:url';
import stompit from 'stompit';
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

/** Resolves once `done` has been called `count` times. */
function countdown(count: number): { done: () => void; finished: Promise<void> } {
  let resolve!: () => void;
  const finished = new Promise<void>((r) => (resolve = r));
  return { done: () => --count === 0 && resolve(), finished };
}

function rawConnect(url: string): Promise<stompit.Client> {
  const { hostname, port, username, password, protocol } = new URL(url);
  const rabbit = protocol === 'stomp+rabbitmq:';
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port) || (rabbit ? 61614 : 61613) }, () => {
      socket.setNoDelay(true);
      const client = new stompit.Client(socket);
      client.setMaxListeners(0); // stompit adds an 'error' listener per send awaiting its receipt
      const headers: Record<string, string> = { host: '/', 'heart-beat': '0,0' };
      if (username) Object.assign(headers, { login: decodeURIComponent(username), passcode: decodeURIComponent(password) });
      client.connect(headers, (error: Error | null) => (error ? reject(error) : resolve(client)));
    });
    socket.once('error', reject);
  });
}

async function raw(url: string, queue: string, counts: Counts): Promise<Figures> {
  const client = await rawConnect(url);
  try {
    const send = () =>
      new Promise<void>((resolve, reject) => {
        const frame = client.send({ destination: queue, persistent: 'true', 'content-type': 'text/plain' }, { onReceipt: resolve, onError: reject });
        frame.end(BODY);
      });
    let started = performance.now();
    for (let i = 0; i < counts.confirmed; i++) await send();
    const confirmed = rate(counts.confirmed, started);
    started = performance.now();
    await Promise.all(Array.from({ length: counts.pipelined }, send));
    const pipelined = rate(counts.pipelined, started);

    const total = counts.confirmed + counts.pipelined;
    const all = countdown(total);
    started = performance.now();
    client.subscribe({ destination: queue, ack: 'client-individual', 'activemq.prefetchSize': '1000', 'prefetch-count': '1000' }, (error, message) => {
      if (error) return;
      message.on('data', () => undefined);
      message.on('end', () => {
        client.ack(message);
        all.done();
      });
    });
    await all.finished;
    return { confirmed, pipelined, consumed: rate(total, started) };
  } finally {
    client.disconnect();
  }
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

export async function runStompBench(url: string, counts: Counts = { confirmed: 1000, pipelined: 10000 }): Promise<BenchResult[]> {
  const tag = `bench.stomp.${process.pid}.${Date.now()}`;
  // Raw, ours, raw again: the better raw figure is the reference.
  const first = await raw(url, `/queue/${tag}.raw1`, counts);
  const mine = await ours(url, `${tag}.ours`, counts);
  const second = await raw(url, `/queue/${tag}.raw2`, counts);
  const row = (name: string, key: keyof Figures): BenchResult => {
    const best = Math.max(first[key], second[key]);
    return { name, ours_per_s: mine[key], raw_per_s: best, ratio: mine[key] / best };
  };
  return [
    row('stomp: persistent send, wait for each receipt', 'confirmed'),
    row('stomp: pipelined persistent sends', 'pipelined'),
    row('stomp: consume, ack each', 'consumed'),
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const url = process.argv[2] ?? 'stomp://127.0.0.1:61613';
  runStompBench(url)
    .then((results) => printTable(url.replace(/:[^:@/]*@/, ':***@'), results))
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    });
}
