import { expect } from 'chai';
import { InvalidSelectorException } from '../../../src/api/exceptions.js';
import { parseSelector, selectorToString, type Selector, type SelectorValue } from '../../../src/selector/index.js';

/** mulberry32: a tiny seeded PRNG, so every failure can be replayed from its seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Override with FUZZ_SEED=<n> to replay a failure. */
const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : 0x5eed1234;
const CASES = 5000;

const TOKENS = [
  // identifiers, headers and reserved-looking names
  'a', 'b', 'color', 'qty', 'region', 'flag', 'Qty', '$x', '_y', 'JMSPriority', 'JMSDeliveryMode', 'JMSType',
  'JMSMessageID', 'JMSTimestamp', 'JMSCorrelationID', 'JMSXGroupID', 'JMS_x', 'JMSExpiration', 'JMSFoo',
  // keywords in several cases
  'AND', 'or', 'Not', 'NOT', 'BETWEEN', 'like', 'LIKE', 'ESCAPE', 'IN', 'IS', 'NULL', 'TRUE', 'false',
  // literals
  "'red'", "'EU%'", "'it''s'", "''", "'_'", "'!'", "'\\'", "'%a%b'", '0', '1', '-1', '10', '010', '09', '0x1F', '0x',
  '10L', '7E3', '-57.9E2', '7.', '.7e4', '1.5f', '2d', '1e999', '9223372036854775807', '9223372036854775808',
  '-9223372036854775808', '0.0', '1e-400',
  // operators and punctuation
  '=', '<>', '<', '<=', '>', '>=', '+', '-', '*', '/', '(', ')', ',', '(', ')',
  // junk
  "'", '"', '#', '.', '!', '@', '\u0000', '😀', '\\', '?', ':', ';',
];

const VALID = [
  "color = 'red' AND qty BETWEEN 1 AND 10 AND region LIKE 'EU%'",
  "JMSDeliveryMode = 'PERSISTENT' AND JMSPriority >= 5",
  "a NOT IN ('x', 'it''s') OR b IS NOT NULL",
  "name LIKE '!_%' ESCAPE '!' AND NOT (x <> -9223372036854775808)",
  '(a + b) * 2 / c - -d > 7E3 OR a / 0 = 1',
  'flag OR (a BETWEEN b AND c) AND NOT flag',
  'qty NOT BETWEEN -1.5 AND 0x1F',
  "JMSType = 'order' OR JMSCorrelationID IS NULL OR JMSMessageID LIKE 'ID:%'",
  'a = 1 AND b = 2 OR c = 3 AND d <> 4',
  'TRUE = flag OR FALSE',
];

const VALUES: SelectorValue[] = [
  null, undefined, true, false, 0, -0, 1, -1, 3, 2.5, Number.NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER, 1e300,
  2n ** 63n - 1n, -(2n ** 63n), 0n, 'red', '', 'EU-west', '5', "it's", '_x', '😀',
  { type: 'byte', value: -128 }, { type: 'short', value: 7 }, { type: 'int', value: 5 }, { type: 'long', value: 2n ** 62n },
  { type: 'float', value: 1.5 }, { type: 'double', value: -0.25 }, { type: 'string', value: 'red' },
  { type: 'boolean', value: true }, { type: 'char', value: 'x' }, { type: 'bytes', value: new Uint8Array([1]) },
];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

function randomTokens(random: () => number): string {
  const count = 1 + Math.floor(random() * 20);
  let text = '';
  for (let i = 0; i < count; i++) {
    text += pick(random, TOKENS);
    text += random() < 0.8 ? ' ' : '';
  }
  return text;
}

function mutate(random: () => number, text: string): string {
  let out = text;
  const edits = 1 + Math.floor(random() * 3);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(random() * (out.length + 1));
    switch (Math.floor(random() * 7)) {
      case 0: // delete a character
        out = out.slice(0, at) + out.slice(at + 1);
        break;
      case 1: // insert a random character
        out = out.slice(0, at) + String.fromCharCode(Math.floor(random() * 128)) + out.slice(at);
        break;
      case 2: // insert a token
        out = `${out.slice(0, at)} ${pick(random, TOKENS)} ${out.slice(at)}`;
        break;
      case 3: // truncate
        out = out.slice(0, at);
        break;
      case 4: { // duplicate a slice
        const end = at + Math.floor(random() * 20);
        out = out.slice(0, end) + out.slice(at, end) + out.slice(end);
        break;
      }
      case 5: { // swap two characters
        const other = Math.floor(random() * out.length);
        const chars = [...out];
        if (chars.length > 1 && at < chars.length) [chars[at], chars[other]] = [chars[other], chars[at]];
        out = chars.join('');
        break;
      }
      default: // splice in part of another valid selector
        out = out.slice(0, at) + pick(random, VALID).slice(Math.floor(random() * 30)) ;
    }
  }
  return out;
}

interface Outcome {
  parsed: number;
  refused: number;
}

/** Parses `text` and, when it parses, evaluates it against random lookups; throws an Error naming the seed on failure. */
function exercise(text: string, random: () => number, seed: number, index: number, outcome: Outcome): Selector | null {
  const where = `seed ${seed} (FUZZ_SEED=${seed}), case ${index}, selector ${JSON.stringify(text)}`;
  let selector: Selector;
  try {
    selector = parseSelector(text);
  } catch (error) {
    if (error instanceof InvalidSelectorException) {
      if (!/position \d+/.test(error.message)) throw new Error(`${where}: InvalidSelectorException without a position: ${error.message}`);
      outcome.refused++;
      return null;
    }
    throw new Error(`${where}: parsing threw ${String(error)}`);
  }
  outcome.parsed++;
  for (let round = 0; round < 4; round++) {
    const values = new Map<string, SelectorValue>();
    const lookup = (id: string): SelectorValue => {
      if (!values.has(id)) values.set(id, pick(random, VALUES));
      return values.get(id);
    };
    let result: unknown;
    try {
      result = selector.matches(lookup);
    } catch (error) {
      if (error instanceof InvalidSelectorException) continue;
      throw new Error(`${where}: evaluating with ${describeValues(values)} threw ${String(error)}`);
    }
    if (typeof result !== 'boolean') throw new Error(`${where}: matches returned ${String(result)}`);
  }
  return selector;
}

function describeValues(values: Map<string, SelectorValue>): string {
  return JSON.stringify(Object.fromEntries(values), (_key, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value));
}

function canonical(node: unknown): string {
  return JSON.stringify(node, (_key, value: unknown) => (typeof value === 'bigint' ? `${value}n` : Object.is(value, -0) ? '-0' : value));
}

describe('selector fuzzing', function () {
  this.timeout(60_000);

  it(`never throws anything but InvalidSelectorException for ${CASES} random token sequences (seed ${SEED})`, () => {
    const random = mulberry32(SEED);
    const outcome: Outcome = { parsed: 0, refused: 0 };
    for (let i = 0; i < CASES; i++) exercise(randomTokens(random), random, SEED, i, outcome);
    expect(outcome.parsed + outcome.refused, `seed ${SEED}`).to.equal(CASES);
    // Random token soup is mostly invalid, but some of it must parse or the fuzzer tests nothing.
    expect(outcome.refused, `seed ${SEED}`).to.be.greaterThan(CASES / 2);
    expect(outcome.parsed, `seed ${SEED}`).to.be.greaterThan(10);
  });

  it(`never throws anything but InvalidSelectorException for ${CASES} mutated valid selectors (seed ${SEED + 1})`, () => {
    const seed = SEED + 1;
    const random = mulberry32(seed);
    const outcome: Outcome = { parsed: 0, refused: 0 };
    for (let i = 0; i < CASES; i++) exercise(mutate(random, pick(random, VALID)), random, seed, i, outcome);
    expect(outcome.parsed + outcome.refused, `seed ${seed}`).to.equal(CASES);
    expect(outcome.parsed, `seed ${seed}`).to.be.greaterThan(100);
    expect(outcome.refused, `seed ${seed}`).to.be.greaterThan(100);
  });

  it(`prints every selector that parses back to an equal AST (seed ${SEED + 2})`, () => {
    const seed = SEED + 2;
    const random = mulberry32(seed);
    const outcome: Outcome = { parsed: 0, refused: 0 };
    let checked = 0;
    for (let i = 0; i < CASES; i++) {
      const text = random() < 0.5 ? randomTokens(random) : mutate(random, pick(random, VALID));
      const selector = exercise(text, random, seed, i, outcome);
      if (selector === null) continue;
      const printed = selectorToString(selector.ast);
      let again: Selector;
      try {
        again = parseSelector(printed);
      } catch (error) {
        throw new Error(`seed ${seed}, case ${i}: ${JSON.stringify(text)} printed as ${JSON.stringify(printed)} does not parse: ${String(error)}`);
      }
      expect(canonical(again.ast), `seed ${seed}, case ${i}: ${JSON.stringify(text)} printed as ${JSON.stringify(printed)}`).to.equal(
        canonical(selector.ast),
      );
      checked++;
    }
    expect(checked, `seed ${seed}`).to.be.greaterThan(100);
  });

  it('the PRNG is deterministic for a seed', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).to.deep.equal(first);
    expect([c(), c(), c()]).to.not.deep.equal(first);
    for (const x of first) expect(x).to.be.within(0, 1);
  });
});
