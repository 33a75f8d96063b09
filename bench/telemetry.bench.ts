/**
 * The cost of tracing and metrics: the same send-then-receive workload in a fresh process per
 * mode, against a process where `@opentelemetry/api` cannot be resolved at all (as in an
 * application without it). Run alone with `npx tsx bench/telemetry.bench.ts [url]`; `npm run
 * bench` runs it on memory://. Prints figures; asserts nothing.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { BenchResult } from './results.js';

const SELF = fileURLToPath(import.meta.url);
const HIDE_OTEL = fileURLToPath(new URL('../test/unit/telemetry/hide-opentelemetry.mjs', import.meta.url));

type Mode = 'absent' | 'disabled' | 'api-only' | 'traced' | 'traced+metrics';
const MODES: Record<Mode, string> = {
  absent: '@opentelemetry/api not installed',
  disabled: 'installed, telemetry: { tracing: false, metrics: false }',
  'api-only': 'installed, no SDK registered (no-op tracer and meter)',
  traced: 'SDK tracer, every span sampled and batched',
  'traced+metrics': 'SDK tracer and meter',
};

interface Figures {
  send_per_s: number;
  receive_per_s: number;
  cpu_us_per_msg: number;
}

/** One process's measurement: `count` persistent sends, then `count` receives. */
async function measure(url: string, mode: Mode, count: number): Promise<Figures> {
  const { AcknowledgeMode, createConnectionFactory } = await import('../src/index.js');
  const telemetry = await telemetryFor(mode);
  const connection = await createConnectionFactory({ url, telemetry }).createConnection();
  try {
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const queue = session.createQueue(`bench.telemetry.${process.pid}.${Date.now()}`);
    const producer = await session.createProducer(queue);
    const consumer = await session.createConsumer(queue);
    await connection.start();
    const body = 'x'.repeat(256);
    // Warm up the JIT on a tenth of the run, then measure.
    for (let i = 0; i < count / 10; i++) await producer.send(session.createTextMessage(body));
    for (let i = 0; i < count / 10; i++) await consumer.receive(5000);
    const cpu = process.cpuUsage();
    let start = performance.now();
    for (let i = 0; i < count; i++) await producer.send(session.createTextMessage(body));
    const sendSeconds = (performance.now() - start) / 1000;
    start = performance.now();
    for (let i = 0; i < count; i++) if ((await consumer.receive(5000)) === null) throw new Error(`message ${i} never arrived`);
    const receiveSeconds = (performance.now() - start) / 1000;
    const used = process.cpuUsage(cpu);
    return { send_per_s: count / sendSeconds, receive_per_s: count / receiveSeconds, cpu_us_per_msg: (used.user + used.system) / (2 * count) };
  } finally {
    await connection.close();
  }
}

async function telemetryFor(mode: Mode) {
  if (mode === 'absent' || mode === 'api-only') return undefined;
  if (mode === 'disabled') return { tracing: false, metrics: false };
  const { BasicTracerProvider, BatchSpanProcessor } = await import('@opentelemetry/sdk-trace-base');
  const discard = { export: (_spans: unknown[], done: (result: { code: number }) => void) => done({ code: 0 }), shutdown: async () => undefined };
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(discard)] });
  if (mode === 'traced') return { tracerProvider, metrics: false };
  const { MeterProvider } = await import('@opentelemetry/sdk-metrics');
  return { tracerProvider, meterProvider: new MeterProvider() };
}

/**
 * Each mode in its own process, three rounds, alternating; the run with the least CPU per message
 * is kept (CPU is the steadier figure on a shared machine: wall-clock rates are printed too).
 */
export async function runTelemetryBench(url: string, count = 50_000, rounds = 3): Promise<BenchResult[]> {
  const best = new Map<Mode, Figures>();
  for (let round = 0; round < rounds; round++) {
    for (const mode of Object.keys(MODES) as Mode[]) {
      const hooks = mode === 'absent' ? ['--import', HIDE_OTEL] : [];
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', ...hooks, SELF, '--child', mode, url, String(count)]);
      const figures = JSON.parse(stdout.trim().split('\n').pop()!) as Figures;
      const previous = best.get(mode);
      if (previous === undefined || figures.cpu_us_per_msg < previous.cpu_us_per_msg) best.set(mode, figures);
    }
  }
  const baseline = best.get('absent')!;
  const rate = (f: Figures) => 2 / (1 / f.send_per_s + 1 / f.receive_per_s);
  return [...best].map(([mode, figures]) => ({
    name: `send+receive, ${mode}`,
    ours_per_s: rate(figures),
    raw_per_s: rate(baseline),
    ratio: rate(figures) / rate(baseline),
    ours_cpu_us_per_msg: figures.cpu_us_per_msg,
    raw_cpu_us_per_msg: baseline.cpu_us_per_msg,
    anchor: mode === 'absent' ? MODES.absent : `not installed; this row: ${MODES[mode]}`,
  }));
}

const args = process.argv.slice(2);
if (args[0] === '--child') {
  console.log(JSON.stringify(await measure(args[2]!, args[1] as Mode, Number(args[3]))));
} else if (process.argv[1] === SELF) {
  const { printTable } = await import('./results.js');
  const url = args.find((a) => !a.startsWith('--')) ?? 'memory://bench-telemetry';
  printTable(`telemetry cost (${url})`, await runTelemetryBench(url));
}
