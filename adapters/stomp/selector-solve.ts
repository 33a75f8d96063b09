import { parseSelector, selectorToString, type SelectorNode, type SelectorValue } from '../../src/spi/public.js';
import { changePoints, doubleLiteral, type OrderedDomain } from './selector-domains.js';
import { and, or, type Condition } from './selector-logic.js';

/**
 * Solves one comparison of one numeric identifier (`qty * 2 + 1 = 7`, `price < 9.99`) into ranges
 * of the identifier's own values, using jms-ts's evaluator as the oracle: the broker then only
 * compares the property's string with constant bounds, which it does exactly. That handles the
 * arithmetic ActiveMQ cannot do on String properties, Java's long wrap-around and float rounding.
 *
 * Bisection needs each side to be monotone in the identifier between the points found here: the
 * identifier occurs once, never in a divisor, and long arithmetic is cut where it wraps around.
 */
export type Truth = boolean | null;

/** A 3-valued oracle over one identifier's value. */
export function oracle(atom: SelectorNode, name: string): (value: SelectorValue) => Truth {
  const text = selectorToString(atom);
  const positive = parseSelector(text);
  const negative = parseSelector(`NOT ${text}`);
  return (value) => {
    const lookup = (identifier: string) => (identifier === name ? value : null);
    return positive.matches(lookup) ? true : negative.matches(lookup) ? false : null;
  };
}

export class Unsolvable extends Error {}

const TWO_64 = 2n ** 64n;
const LONG_MIN = -(2n ** 63n);
const MAX_PIECES = 256;

type Num = { readonly exact: bigint } | { readonly approx: number } | null;

const numeric = (node: SelectorNode): boolean =>
  node.kind === 'exact' || node.kind === 'approx' || node.kind === 'identifier' || node.kind === 'negate' || node.kind === 'arithmetic';

export function contains(node: SelectorNode, name: string): boolean {
  switch (node.kind) {
    case 'identifier':
      return node.name === name;
    case 'negate':
      return contains(node.operand, name);
    case 'arithmetic':
      return contains(node.left, name) || contains(node.right, name);
    default:
      return false;
  }
}

function wrapCount(unwrapped: bigint): number {
  const shifted = unwrapped - LONG_MIN;
  const q = shifted / TWO_64;
  return Number(shifted < 0n && q * TWO_64 !== shifted ? q - 1n : q);
}

/** Java's arithmetic as the evaluator does it, recording how often each long result of x wrapped around. */
function evaluate(node: SelectorNode, name: string, x: Num, wraps: number[]): Num {
  switch (node.kind) {
    case 'exact':
      return { exact: BigInt(node.value) };
    case 'approx':
      return { approx: node.value };
    case 'identifier':
      return node.name === name ? x : null;
    case 'negate': {
      const value = evaluate(node.operand, name, x, wraps);
      if (value === null || !('exact' in value)) return value === null ? null : { approx: -value.approx };
      return exactResult(-value.exact, contains(node, name), wraps);
    }
    case 'arithmetic': {
      const left = evaluate(node.left, name, x, wraps);
      const right = evaluate(node.right, name, x, wraps);
      if (left === null || right === null) return null;
      if ('approx' in left || 'approx' in right) {
        const a = 'approx' in left ? left.approx : Number(left.exact);
        const b = 'approx' in right ? right.approx : Number(right.exact);
        return { approx: node.operator === '+' ? a + b : node.operator === '-' ? a - b : node.operator === '*' ? a * b : a / b };
      }
      const a = left.exact;
      const b = right.exact;
      if (node.operator === '/' && b === 0n) return null;
      const unwrapped = node.operator === '+' ? a + b : node.operator === '-' ? a - b : node.operator === '*' ? a * b : a / b;
      return exactResult(unwrapped, contains(node, name), wraps);
    }
    default:
      return null;
  }
}

function exactResult(unwrapped: bigint, dependent: boolean, wraps: number[]): Num {
  if (dependent) wraps.push(wrapCount(unwrapped));
  return { exact: BigInt.asIntN(64, unwrapped) };
}

/** Refuses sides that are not monotone in the identifier, or whose floating-point result could be NaN. */
function checkMonotone(node: SelectorNode, name: string): void {
  if (node.kind === 'negate') return checkMonotone(node.operand, name);
  if (node.kind !== 'arithmetic') return;
  const [dependent, constant] = contains(node.left, name) ? [node.left, node.right] : [node.right, node.left];
  if (!contains(dependent, name)) return;
  if (contains(constant, name)) throw new Unsolvable(`"${name}" occurs more than once in one arithmetic expression`);
  if (node.operator === '/' && dependent === node.right) throw new Unsolvable(`"${name}" is a divisor`);
  // Infinity - Infinity and Infinity * 0 are NaN: an overflowing side must not meet either.
  const value = evaluate(constant, name, null, []);
  const number = value === null ? null : 'approx' in value ? value.approx : Number(value.exact);
  if (number !== null && (!Number.isFinite(number) || ((node.operator === '*' || node.operator === '/') && number === 0))) {
    throw new Unsolvable(`arithmetic with ${number} can make "${name}" NaN`);
  }
  checkMonotone(dependent, name);
}

/** The comparisons inside an atom whose truth changes with the identifier: (left, right) pairs. */
function thresholds(atom: SelectorNode, name: string): [SelectorNode, SelectorNode][] {
  const pairs: [SelectorNode, SelectorNode][] = [];
  const add = (left: SelectorNode, right: SelectorNode) => {
    if (!numeric(left) || !numeric(right) || !(contains(left, name) || contains(right, name))) return;
    checkMonotone(left, name);
    checkMonotone(right, name);
    pairs.push([left, right]);
  };
  if (atom.kind === 'comparison') add(atom.left, atom.right);
  if (atom.kind === 'between') {
    add(atom.operand, atom.low);
    add(atom.operand, atom.high);
  }
  return pairs;
}

function asNum(value: SelectorValue, exact: boolean): Num {
  const raw = (value as { value: number | bigint }).value;
  return exact ? { exact: BigInt(raw) } : { approx: Number(raw) };
}

/** Cuts [min, max] where any long result involving the identifier wraps around a different number of times. */
function pieces(domain: OrderedDomain, sides: readonly SelectorNode[], name: string): [bigint, bigint][] {
  if (!domain.exact) return [[domain.min, -1n], [0n, domain.max]]; // -0.0 sits between them in the broker's order
  const wrapsAt = (ordinal: bigint): number[] => {
    const wraps: number[] = [];
    for (const side of sides) evaluate(side, name, asNum(domain.value(ordinal), true), wraps);
    return wraps;
  };
  let result: [bigint, bigint][] = [[domain.min, domain.max]];
  const depth = wrapsAt(domain.min).length;
  // Wrap counts of a node are monotone once those of the nodes below it are fixed: refine in that order.
  for (let k = 0; k < depth; k++) {
    const next: [bigint, bigint][] = [];
    for (const [low, high] of result) {
      const points = changePoints(low, high, (ordinal) => String(wrapsAt(ordinal)[k]), MAX_PIECES);
      if (points === null) throw new Unsolvable(`long arithmetic on "${name}" wraps around too often`);
      let start = low;
      for (const point of points) {
        next.push([start, point - 1n]);
        start = point;
      }
      next.push([start, high]);
    }
    if (next.length > MAX_PIECES) throw new Unsolvable(`long arithmetic on "${name}" wraps around too often`);
    result = next;
  }
  return result;
}

/** One run of values in the broker's order, with the broker literals that bound it (null: unbounded). */
interface Run {
  low: string | null;
  high: string | null;
  truth: Truth;
}

function runsOf(atom: SelectorNode, name: string, domain: OrderedDomain): Run[] {
  const truth = oracle(atom, name);
  const pairs = thresholds(atom, name);
  const predicates = pairs.map(([left, right]) => {
    const ge = parseSelector(selectorToString({ kind: 'comparison', operator: '>=', left, right }));
    const gt = parseSelector(selectorToString({ kind: 'comparison', operator: '>', left, right }));
    return (value: SelectorValue) => {
      const lookup = (identifier: string) => (identifier === name ? value : null);
      return `${ge.matches(lookup)}${gt.matches(lookup)}`;
    };
  });
  const sides = pairs.flat().filter((side) => contains(side, name));
  const runs: Run[] = [];
  const special = (value: number, low: string | null, high: string | null) =>
    runs.push({ low, high, truth: truth({ type: domain.type, value }) });
  if (!domain.exact) special(-Infinity, null, doubleLiteral(-Infinity));
  for (const [low, high] of pieces(domain, sides, name)) {
    if (!domain.exact && low === 0n) special(-0, doubleLiteral(-0), doubleLiteral(-0));
    const cuts = new Set<bigint>();
    for (const predicate of predicates) {
      const points = changePoints(low, high, (ordinal) => predicate(domain.value(ordinal)), 2);
      if (points === null) throw new Unsolvable(`a comparison of "${name}" is not monotone`);
      for (const point of points) cuts.add(point);
    }
    const starts = [low, ...[...cuts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))];
    starts.forEach((start, i) => {
      const end = i + 1 < starts.length ? starts[i + 1]! - 1n : high;
      const bounded = (ordinal: bigint, edge: bigint) => (domain.exact && ordinal === edge ? null : domain.literal(ordinal));
      runs.push({ low: bounded(start, domain.min), high: bounded(end, domain.max), truth: truth(domain.value(start)) });
    });
  }
  if (!domain.exact) {
    special(Infinity, doubleLiteral(Infinity), doubleLiteral(Infinity));
    special(NaN, doubleLiteral(NaN), null);
  }
  return runs;
}

/** The broker condition on `operand` that is true, false or unknown exactly where the atom is. */
export function solveOrdered(atom: SelectorNode, name: string, domain: OrderedDomain, operand: string): Condition {
  const merged: Run[] = [];
  for (const run of runsOf(atom, name, domain)) {
    const last = merged[merged.length - 1];
    if (last && last.truth === run.truth) last.high = run.high;
    else merged.push({ ...run });
  }
  return or(
    ...merged.map((run) => {
      if (run.truth === false) return false;
      const range =
        run.low !== null && run.low === run.high
          ? `${operand} = ${run.low}`
          : and(run.low === null ? true : `${operand} >= ${run.low}`, run.high === null ? true : `${operand} <= ${run.high}`);
      return run.truth === true ? range : and(range, null);
    }),
  );
}
