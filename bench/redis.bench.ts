/**
 * jms-ts against raw node-redis on the same Redis in the same run, 1 KiB messages, written the way
 * node-redis users write it: (a) XADD awaited one by one, (b) pipelined XADDs, (c) a consumer
 * group read with XREADGROUP COUNT 100, each batch acknowledged with one XACK. The raw client runs
 * twice: with the two fields a plain user writes, and with the fields jms-ts writes for a
 * TextMessage (content type, message id, timestamp), so the table shows what those cost Redis.
 *
 *   npx tsx bench/redis.bench.ts redis://127.0.0.1:6379/0
 */
import { pathToFileURL } from 'node:url';
import { createClient } from '@redis/client';
import { BODY_1KIB, compareSides, countdown, measureOurs, rate, type Counts, type Figures } from './adapter-bench.js';
import { printTable, type BenchResult } from './results.js';

type Entries = [string, [string, string[]][]][] | null;

/** The fields of one entry: a plain user's two, or the ones jms-ts writes for a TextMessage. */
type Fields = () => string[];
const PLAIN: Fields = () => ['body', BODY_1KIB, 'content_type', 'text/plain'];
function jmsFields(): Fields {
  const connection = crypto.randomUUID();
  let sent = 0;
  return () => ['body', BODY_1KIB, 'content_type', 'text/plain; charset=utf-8', 'jmsts_message_id', `ID:${connection}:${++sent}`, 'jmsts_timestamp', String(Date.now())];
}

async function raw(url: string, stream: string, counts: Counts, fields: Fields = PLAIN): Promise<Figures> {
  const client = createClient({ url, RESP: 2 } as never) as ReturnType<typeof createClient>;
  client.on('error', () => undefined);
  await client.connect();
  try {
    const add = () => client.sendCommand(['XADD', stream, '*', ...fields()]);
    let started = performance.now();
    for (let i = 0; i < counts.confirmed; i++) await add();
    const confirmed = rate(counts.confirmed, started);

    started = performance.now();
    await Promise.all(Array.from({ length: counts.pipelined }, add));
    const pipelined = rate(counts.pipelined, started);

    await client.sendCommand(['XGROUP', 'CREATE', stream, 'g', '0']);
    const total = counts.confirmed + counts.pipelined;
    const all = countdown(total);
    started = performance.now();
    for (let seen = 0; seen < total; ) {
      const reply = (await client.sendCommand(['XREADGROUP', 'GROUP', 'g', 'c', 'COUNT', '100', 'BLOCK', '1000', 'STREAMS', stream, '>'])) as Entries;
      const ids = (reply?.[0]?.[1] ?? []).map(([id]) => id);
      if (ids.length === 0) continue;
      await client.sendCommand(['XACK', stream, 'g', ...ids]);
      for (const _ of ids) all.done();
      seen += ids.length;
    }
    await all.finished;
    const consumed = rate(total, started);
    return { confirmed, pipelined, consumed };
  } finally {
    await client.del(stream);
    await client.close();
  }
}

async function ours(url: string, stream: string, counts: Counts): Promise<Figures> {
  const figures = await measureOurs(`${url}${url.includes('?') ? '&' : '?'}prefetch=100`, stream, counts);
  const cleanup = createClient({ url } as never) as ReturnType<typeof createClient>;
  cleanup.on('error', () => undefined);
  await cleanup.connect();
  await cleanup.del(stream);
  await cleanup.close();
  return figures;
}

export function runRedisBench(url: string, counts: Counts = { confirmed: 2000, pipelined: 20000 }): Promise<BenchResult[]> {
  const tag = `bench.redis.${process.pid}.${Date.now()}`;
  let run = 0;
  const sides = {
    raw: { anchor: 'node-redis, two fields (body, content_type)', run: () => raw(url, `${tag}.${++run}`, counts) },
    rawJms: { anchor: 'node-redis writing the fields jms-ts writes', run: () => raw(url, `${tag}.${++run}`, counts, jmsFields()) },
  };
  return compareSides(() => ours(url, `${tag}.${++run}`, counts), sides, [
    { key: 'confirmed', name: 'redis: XADD, wait for each', against: 'raw' },
    { key: 'pipelined', name: 'redis: pipelined XADDs', against: 'raw' },
    { key: 'pipelined', name: 'redis: pipelined XADDs', against: 'rawJms' },
    { key: 'consumed', name: 'redis: XREADGROUP COUNT 100, XACK', against: 'raw' },
    { key: 'consumed', name: 'redis: XREADGROUP COUNT 100, XACK', against: 'rawJms' },
  ]);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const url = process.argv[2] ?? 'redis://127.0.0.1:6379/0';
  runRedisBench(url)
    .then((results) => printTable(`redis (${url.replace(/:[^:@/]*@/, ':***@')})`, results))
    .catch((error) => {
      console.error(error);
      process.exitCode = 1;
    });
}
