/**
 * `npm run bench -- <url> [--json]`: benchmarks through the public API, plus the adapter's own
 * ours-versus-raw-client comparison where it has one. Prints figures; asserts nothing.
 */
import { DeliveryMode, resolveProvider, redactUrl } from '../src/index.js';
import { rawRequestReply as rawAmqpRequestReply, runAmqpBench } from './amqp.bench.js';
import { measureRequestReply, runClientBench, type Latency } from './client.bench.js';
import { runKafkaBench } from './kafka.bench.js';
import { runKafkaShareBench } from './kafka-share.bench.js';
import { runMemoryBacklogBench } from './memory.bench.js';
import { runRedisBench } from './redis.bench.js';
import { runRocketmqBench } from './rocketmq.bench.js';
import { runSlowConsumerBench } from './slow-consumer.bench.js';
import { rawRequestReply as rawStompRequestReply, runStompBench } from './stomp.bench.js';
import { printTable, type BenchResult } from './results.js';
import { runTelemetryBench } from './telemetry.bench.js';

type RawRequestReply = (url: string, persistent: boolean, roundTrips: number) => Promise<Latency>;

/** Ours then raw, twice; each side's run with the lower p99 is reported. */
async function compareRequestReply(url: string, mode: DeliveryMode, roundTrips: number, raw: RawRequestReply | null): Promise<BenchResult> {
  const persistent = mode === DeliveryMode.PERSISTENT;
  const ours: Latency[] = [];
  const raws: Latency[] = [];
  for (let round = 0; round < 2; round++) {
    ours.push(await measureRequestReply(url, mode, roundTrips));
    if (raw !== null) raws.push(await raw(url, persistent, roundTrips));
  }
  const best = (runs: Latency[]) => runs.reduce((a, b) => (b.p99_ms < a.p99_ms ? b : a));
  const delivery_mode = persistent ? 'PERSISTENT' : 'NON_PERSISTENT';
  const row: BenchResult = { name: `request/reply round trip, ${delivery_mode}`, delivery_mode, ...best(ours) };
  if (raw === null) return row;
  const rawBest = best(raws);
  const anchor = url.startsWith('amqp') ? 'amqplib, exclusive reply queue' : 'stompit, /temp-queue/ replies';
  return { ...row, raw_p50_ms: rawBest.p50_ms, raw_p99_ms: rawBest.p99_ms, anchor };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const url = args.find((a) => !a.startsWith('--')) ?? process.env.JMS_URL ?? 'memory://bench';
  const adapter = resolveProvider(url).adapter;
  // A real broker sends each message over the network and usually to disk: fewer messages suffice.
  const sizes = adapter === 'memory' ? {} : { messages: 5000 };
  const roundTrips = adapter === 'memory' ? 20_000 : 500;
  const results: BenchResult[] = [...(await runClientBench(url, sizes))];
  const raw = adapter === 'amqp' ? rawAmqpRequestReply : adapter.startsWith('stomp') ? rawStompRequestReply : null;
  for (const mode of [DeliveryMode.PERSISTENT, DeliveryMode.NON_PERSISTENT]) {
    results.push(await compareRequestReply(url, mode, roundTrips, raw));
  }
  // Where the adapter has one, its comparison with the raw client on the same broker.
  if (adapter === 'memory') results.push(...(await runMemoryBacklogBench(url)), ...(await runTelemetryBench(url)));
  else results.push(...(await runSlowConsumerBench(url)));
  if (adapter === 'amqp') results.push(...(await runAmqpBench(url)));
  if (adapter.startsWith('stomp')) results.push(...(await runStompBench(url)));
  if (adapter.startsWith('kafka')) results.push(...(await runKafkaBench(url)), ...(await runKafkaShareBench(url)));
  if (adapter === 'redis') results.push(...(await runRedisBench(url)));
  if (adapter === 'rocketmq') results.push(...(await runRocketmqBench(url)));
  if (json) console.log(JSON.stringify({ adapter, url: redactUrl(url), results }, null, 2));
  else printTable(`${adapter} (${redactUrl(url)})`, results);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
