/**
 * `npx tsx bench/selector.bench.ts [--json] [--seconds=N]`: micro-benchmarks of the message
 * model and the selector engine, no broker involved. Prints figures; asserts nothing.
 *
 * - selector evaluation: `color = 'red' AND qty BETWEEN 1 AND 10 AND region LIKE 'EU%'`, parsed
 *   once, evaluated against property lookups (target: at least 5M evaluations/s)
 * - selector parsing of the same text
 * - creating a TextMessage with 5 properties, and encoding it with messageToEnvelope
 */
import { messageToEnvelope } from '../src/codec/message-codec.js';
import { JmsTextMessage, type PropertyTypedValue } from '../src/message/index.js';
import { parseSelector, type SelectorLookup } from '../src/selector/index.js';

const SELECTOR = "color = 'red' AND qty BETWEEN 1 AND 10 AND region LIKE 'EU%'";
const TARGET_EVALUATIONS_PER_S = 5_000_000;

interface Figure {
  name: string;
  per_s: number;
  unit: string;
  note?: string;
}

/** Runs `batch` (which does `size` operations) until `seconds` have passed; operations per second. */
function measure(seconds: number, size: number, batch: () => void): number {
  // Warm up so the JIT has compiled the hot path before timing starts.
  const warmUntil = performance.now() + Math.min(250, seconds * 200);
  while (performance.now() < warmUntil) batch();
  let operations = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  let now = start;
  while (now < end) {
    batch();
    operations += size;
    now = performance.now();
  }
  return operations / ((now - start) / 1000);
}

function propertyLookup(properties: Map<string, PropertyTypedValue>): SelectorLookup {
  return (identifier) => properties.get(identifier);
}

function benchSelector(seconds: number): Figure[] {
  const selector = parseSelector(SELECTOR);
  // Four messages' properties, stored typed as message properties are: two match, two do not.
  const lookups: SelectorLookup[] = [
    propertyLookup(new Map<string, PropertyTypedValue>([
      ['color', { type: 'string', value: 'red' }],
      ['qty', { type: 'int', value: 5 }],
      ['region', { type: 'string', value: 'EU-west' }],
    ])),
    propertyLookup(new Map<string, PropertyTypedValue>([
      ['color', { type: 'string', value: 'red' }],
      ['qty', { type: 'long', value: 10n }],
      ['region', { type: 'string', value: 'EU' }],
    ])),
    propertyLookup(new Map<string, PropertyTypedValue>([
      ['color', { type: 'string', value: 'red' }],
      ['qty', { type: 'int', value: 11 }],
      ['region', { type: 'string', value: 'EU-north' }],
    ])),
    propertyLookup(new Map<string, PropertyTypedValue>([
      ['color', { type: 'string', value: 'blue' }],
      ['qty', { type: 'short', value: 3 }],
      ['region', { type: 'string', value: 'US-east' }],
    ])),
  ];
  let matched = 0;
  const size = 100_000;
  const evaluationsPerS = measure(seconds, size, () => {
    for (let i = 0; i < size; i++) if (selector.matches(lookups[i & 3])) matched++;
  });
  if (matched === 0) throw new Error('the benchmark selector never matched; the benchmark is broken');

  let parsed = 0;
  const parsesPerS = measure(Math.min(1, seconds / 2), 1000, () => {
    for (let i = 0; i < 1000; i++) parsed += parseSelector(SELECTOR).text.length > 0 ? 1 : 0;
  });
  if (parsed === 0) throw new Error('no parse');

  return [
    {
      name: 'selector evaluate (3 predicates, typed props)',
      per_s: evaluationsPerS,
      unit: 'eval/s',
      note: evaluationsPerS >= TARGET_EVALUATIONS_PER_S ? `meets the ${TARGET_EVALUATIONS_PER_S / 1e6}M/s target` : `BELOW the ${TARGET_EVALUATIONS_PER_S / 1e6}M/s target`,
    },
    { name: 'selector parse', per_s: parsesPerS, unit: 'parse/s' },
  ];
}

function createMessage(i: number): JmsTextMessage {
  const message = new JmsTextMessage('hello, world');
  message.setStringProperty('color', 'red');
  message.setIntProperty('qty', i & 15);
  message.setStringProperty('region', 'EU-west');
  message.setLongProperty('orderId', BigInt(i));
  message.setBooleanProperty('priority', (i & 1) === 0);
  return message;
}

function benchMessages(seconds: number): Figure[] {
  let sink = 0;
  const size = 10_000;
  const createPerS = measure(seconds / 2, size, () => {
    for (let i = 0; i < size; i++) sink += createMessage(i).getPropertyNames().length;
  });
  const messages = Array.from({ length: 1024 }, (_, i) => createMessage(i));
  const encodePerS = measure(seconds / 2, size, () => {
    for (let i = 0; i < size; i++) sink += messageToEnvelope(messages[i & 1023]).body.length;
  });
  const bothPerS = measure(seconds / 2, size, () => {
    for (let i = 0; i < size; i++) sink += messageToEnvelope(createMessage(i)).properties.size;
  });
  if (sink === 0) throw new Error('no work done');
  return [
    { name: 'create TextMessage + 5 properties', per_s: createPerS, unit: 'msg/s' },
    { name: 'messageToEnvelope (5 properties)', per_s: encodePerS, unit: 'msg/s' },
    { name: 'create + messageToEnvelope', per_s: bothPerS, unit: 'msg/s' },
  ];
}

function main(): void {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const secondsArg = args.find((a) => a.startsWith('--seconds='));
  const seconds = secondsArg ? Number(secondsArg.slice('--seconds='.length)) : 2;
  if (!(seconds > 0)) throw new Error(`--seconds must be a positive number, got ${secondsArg}`);

  const figures = [...benchSelector(seconds), ...benchMessages(seconds)];
  if (json) {
    console.log(JSON.stringify({ node: process.version, selector: SELECTOR, seconds, results: figures }, null, 2));
    return;
  }
  console.log(`\njms-ts micro-benchmarks (node ${process.version})`);
  console.log(`selector: ${SELECTOR}`);
  for (const f of figures) {
    const rate = `${Math.round(f.per_s).toLocaleString('en-US').padStart(12)} ${f.unit}`;
    console.log([f.name.padEnd(46), rate, f.note ?? ''].join('  ').trimEnd());
  }
}

try {
  main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
}
