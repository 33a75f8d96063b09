/**
 * `npm run bench -- <url> [--json]`: benchmarks through the public API, plus the adapter's own
 * ours-versus-raw-client comparison where it has one. Prints figures; asserts nothing.
 */
import { resolveProvider, redactUrl } from '../src/index.js';
import { runAmqpBench } from './amqp.bench.js';
import { runClientBench } from './client.bench.js';
import { runKafkaBench } from './kafka.bench.js';
import { runRedisBench } from './redis.bench.js';
import { runStompBench } from './stomp.bench.js';
import { printTable, type BenchResult } from './results.js';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const url = args.find((a) => !a.startsWith('--')) ?? process.env.JMS_URL ?? 'memory://bench';
  const adapter = resolveProvider(url).adapter;
  // A real broker sends each message over the network and usually to disk: fewer messages suffice.
  const sizes = adapter === 'memory' ? {} : { messages: 5000, roundTrips: 500 };
  const results: BenchResult[] = [...(await runClientBench(url, sizes))];
  // Where the adapter has one, its comparison with the raw client on the same broker.
  if (adapter === 'amqp') results.push(...(await runAmqpBench(url)));
  if (adapter.startsWith('stomp')) results.push(...(await runStompBench(url)));
  if (adapter === 'kafka') results.push(...(await runKafkaBench(url)));
  if (adapter === 'redis') results.push(...(await runRedisBench(url)));
  if (json) console.log(JSON.stringify({ adapter, url: redactUrl(url), results }, null, 2));
  else printTable(`${adapter} (${redactUrl(url)})`, results);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
