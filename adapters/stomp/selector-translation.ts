import { FeatureNotSupportedException } from '../../src/api/exceptions.js';
import { WIRE_NAMES } from '../../src/spi/public.js';
import type { PropertyType } from '../../src/spi/public.js';
import { identifierCounts, parseSelector, SELECTOR_HEADERS, selectorToString, type SelectorNode, type SelectorValue } from '../../src/spi/public.js';
import { PROTOCOL_HEADERS } from './frames.js';
import { DOMAINS, PRIORITY_DOMAIN, type OrderedDomain } from './selector-domains.js';
import { and, conditionText, not, or, quote, TYPE_HEADER_PREFIX, type Condition } from './selector-logic.js';
import { oracle, solveOrdered, Unsolvable, type Truth } from './selector-solve.js';

/**
 * A JMS selector translated into one ActiveMQ evaluates, over STOMP, exactly as jms-ts's evaluator
 * does on the message a jms-ts consumer receives.
 *
 * ActiveMQ holds STOMP properties as Strings and compares them with numbers by parsing them, so
 * each comparison is split by what the identifier holds on the broker, each case guarded by a
 * condition that is true or false (never unknown) on every message:
 *   - missing: the comparison's JMS result for NULL;
 *   - a typed jms-ts property (its `jmsts_t_<name>` header says int, double, boolean …): the
 *     comparison solved into ranges of that type's values (see selector-solve.ts);
 *   - a String without a type header (jms-ts strings, any other STOMP producer): string operations
 *     only, so `qty = 3` is false for the String '3' as JMS requires;
 *   - a non-String value without a type header (a Java producer's typed property): a boolean by
 *     value, an integer or a floating-point number solved as a long or a double (a float's value
 *     is exactly a double's), so it is selected by its real Java type.
 * Header identifiers map onto what ActiveMQ stores for jms-ts frames. AND, OR and NOT are
 * ActiveMQ's own, which follow JMS's three-valued logic.
 */

/** ActiveMQ's STOMP transport reads at most 10 KiB per header line. */
const MAX_SELECTOR_BYTES = 10000;

/** Selector words ActiveMQ has and JMS has not: an identifier spelled so would not parse there. */
const BROKER_KEYWORDS: ReadonlySet<string> = new Set(['XPATH', 'XQUERY']);

type Domain =
  | { readonly kind: 'null' | 'string' | 'boolean' | 'javaBoolean' }
  | { readonly kind: 'ordered'; readonly domain: OrderedDomain };

interface Case {
  /** A two-valued broker condition, or the property types named by its type header. */
  readonly guard: Condition | { readonly types: readonly PropertyType[] };
  readonly domain: Domain;
  /** The broker identifier holding the value. */
  readonly operand: string;
}

const NUMERIC_TYPES = ['byte', 'short', 'int', 'long', 'float', 'double'] as const;

function propertyCases(name: string): Case[] {
  const header = `${TYPE_HEADER_PREFIX}${name}`;
  const untyped = (...more: Condition[]) => and(`${header} IS NULL`, `${name} IS NOT NULL`, ...more);
  const isBoolean = `(${name} = TRUE OR ${name} = FALSE)`;
  const notString = `(NOT (${name} LIKE '%'))`;
  // ActiveMQ adds a Java integer and a Long in long arithmetic, which wraps: x + 2^64 is x again.
  // A float or double within the long range is added as a double and moves; NaN and larger fail the bounds.
  const integral = and(
    `${name} = (((${name} + 9223372036854775807) + 9223372036854775807) + 2)`,
    `${name} >= (-9223372036854775807 - 1)`,
    `${name} <= 9223372036854775807`,
  );
  return [
    { guard: `${name} IS NULL`, domain: { kind: 'null' }, operand: name },
    { guard: { types: ['boolean'] }, domain: { kind: 'boolean' }, operand: name },
    ...NUMERIC_TYPES.map((type): Case => ({ guard: { types: [type] }, domain: { kind: 'ordered', domain: DOMAINS[type] }, operand: name })),
    { guard: untyped(`${name} LIKE '%'`), domain: { kind: 'string' }, operand: name },
    { guard: untyped(notString, isBoolean), domain: { kind: 'javaBoolean' }, operand: name },
    { guard: untyped(notString, `(NOT ${isBoolean})`, integral), domain: { kind: 'ordered', domain: DOMAINS.long }, operand: name },
    { guard: untyped(notString, `(NOT ${isBoolean})`, not(integral)), domain: { kind: 'ordered', domain: DOMAINS.double }, operand: name },
  ];
}

/** What ActiveMQ holds for each header of a jms-ts frame (frames.ts), and for other producers' messages. */
function headerCases(name: string): Case[] {
  const string: Domain = { kind: 'string' };
  switch (name) {
    case 'JMSPriority':
      return [{ guard: true, domain: { kind: 'ordered', domain: PRIORITY_DOMAIN }, operand: name }];
    case 'JMSDeliveryMode':
      return [{ guard: true, domain: string, operand: name }];
    case 'JMSTimestamp': {
      // jms-ts sends `jmsts_timestamp: 0` when timestamps are disabled, else the broker's JMSTimestamp is ours.
      const ours = 'jmsts_timestamp';
      return [
        { guard: `${ours} IS NOT NULL`, domain: { kind: 'ordered', domain: DOMAINS.long }, operand: ours },
        { guard: `${ours} IS NULL`, domain: { kind: 'ordered', domain: DOMAINS.long }, operand: name },
      ];
    }
    case 'JMSMessageID': {
      // Our id travels in jmsts_message_id (empty when ids are disabled); the broker's own id is used otherwise.
      const ours = 'jmsts_message_id';
      return [
        { guard: and(`${ours} IS NOT NULL`, `${ours} = ''`), domain: { kind: 'null' }, operand: ours },
        { guard: and(`${ours} IS NOT NULL`, `${ours} <> ''`), domain: string, operand: ours },
        { guard: `${ours} IS NULL`, domain: string, operand: name },
      ];
    }
    default: // JMSType, JMSCorrelationID
      return [
        { guard: `${name} IS NULL`, domain: { kind: 'null' }, operand: name },
        { guard: `${name} IS NOT NULL`, domain: string, operand: name },
      ];
  }
}

function refuse(what: string): never {
  throw new FeatureNotSupportedException('stomp+activemq', `the selector ${what}`, 'ActiveMQ cannot evaluate it as JMS does');
}

function casesFor(name: string): Case[] {
  if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name)) refuse(`identifier "${name}" (ActiveMQ takes ASCII identifiers only)`);
  if (BROKER_KEYWORDS.has(name.toUpperCase())) refuse(`identifier "${name}" (a keyword in ActiveMQ's selectors)`);
  if (SELECTOR_HEADERS.has(name)) return headerCases(name);
  // ActiveMQ answers JMSX names from its own message fields, which jms-ts does not fill alike.
  if (name.startsWith('JMSX') && name !== 'JMSXGroupID') refuse(`identifier "${name}"`);
  // Names the adapter keeps for itself never reach a jms-ts consumer as properties.
  if (WIRE_NAMES.has(name) || PROTOCOL_HEADERS.has(name) || name.startsWith(TYPE_HEADER_PREFIX)) {
    return [{ guard: true, domain: { kind: 'null' }, operand: name }];
  }
  return propertyCases(name);
}

function guardText(guard: Case['guard'], operand: string): Condition {
  if (typeof guard !== 'object' || guard === null) return guard;
  const header = `${TYPE_HEADER_PREFIX}${operand}`;
  const types = guard.types.map(quote);
  return and(`${header} IS NOT NULL`, types.length === 1 ? `${header} = ${types[0]}` : `${header} IN (${types.join(', ')})`);
}

/** A LIKE pattern rewritten with `!` as the escape, which ActiveMQ reads exactly as JMS does. */
function likePattern(pattern: string, escape: string | null): string {
  let out = '';
  let escaped = false;
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    let c = chars[i]!;
    let literal = false;
    if (escape !== null && c === escape) {
      c = chars[++i]!;
      literal = true;
    }
    if (c === '!' || (literal && (c === '%' || c === '_'))) {
      out += `!${c}`;
      escaped = true;
    } else out += c;
  }
  return `${quote(out)}${escaped ? " ESCAPE '!'" : ''}`;
}

/** String operations ActiveMQ does exactly on a String operand; undefined when the atom does not depend on the string. */
function stringCondition(atom: SelectorNode, name: string, operand: string): Condition | undefined {
  switch (atom.kind) {
    case 'in':
      return `${operand}${atom.negated ? ' NOT' : ''} IN (${atom.values.map(quote).join(', ')})`;
    case 'like': {
      const like = `${operand} LIKE ${likePattern(atom.pattern, atom.escape)}`;
      return atom.negated ? `(NOT (${like}))` : like;
    }
    case 'comparison': {
      if (atom.operator !== '=' && atom.operator !== '<>') return undefined;
      const [mine, other] = atom.left.kind === 'identifier' && atom.left.name === name ? [atom.left, atom.right] : [atom.right, atom.left];
      if (mine.kind !== 'identifier' || other.kind !== 'string') return undefined;
      return `${operand} ${atom.operator} ${quote(other.value)}`;
    }
    default:
      return undefined;
  }
}

function byValues(truth: (value: SelectorValue) => Truth, entries: [SelectorValue, string][]): Condition {
  return or(...entries.map(([value, condition]) => {
    const result = truth(value);
    return result === false ? false : and(condition, result);
  }));
}

function caseCondition(atom: SelectorNode, name: string, c: Case): Condition {
  const truth = oracle(atom, name);
  const op = c.operand;
  switch (c.domain.kind) {
    case 'null':
      return truth(null);
    case 'string':
      return stringCondition(atom, name, op) ?? truth('x');
    case 'boolean':
      return byValues(truth, [[true, `${op} = 'true'`], [false, `${op} = 'false'`]]);
    case 'javaBoolean':
      return byValues(truth, [[true, `${op} = TRUE`], [false, `${op} = FALSE`]]);
    case 'ordered':
      return solveOrdered(atom, name, c.domain.domain, op);
  }
}

function translateAtom(atom: SelectorNode): Condition {
  const counts = identifierCounts(atom);
  const names = [...counts.keys()];
  if (names.length === 0) return oracle(atom, '')(null);
  if (names.length > 1) refuse(`comparison between identifiers (${names.join(', ')})`);
  const name = names[0]!;
  if (counts.get(name)! > 1) refuse(`comparison using "${name}" more than once`);
  // Cases with the same result share one term: typed cases merge into one type-header test.
  const groups = new Map<string, { result: Condition; guards: Case['guard'][]; operand: string }>();
  for (const c of casesFor(name)) {
    let result: Condition;
    try {
      result = caseCondition(atom, name, c);
    } catch (error) {
      if (error instanceof Unsolvable) refuse(`comparison ${selectorToString(atom)} (${error.message})`);
      throw error;
    }
    if (result === false) continue;
    const key = `${c.operand}\u0000${String(result)}`;
    const group = groups.get(key) ?? { result, guards: [], operand: c.operand };
    group.guards.push(c.guard);
    groups.set(key, group);
  }
  return or(...[...groups.values()].map(({ result, guards, operand }) => {
    const types = guards.flatMap((guard) => (typeof guard === 'object' && guard !== null ? guard.types : []));
    const others = guards.filter((guard): guard is Condition => typeof guard !== 'object' || guard === null);
    const typed = types.length > 0 ? guardText({ types }, operand) : false;
    return and(or(typed, ...others), result);
  }));
}

function translateNode(node: SelectorNode): Condition {
  switch (node.kind) {
    case 'and':
      return and(...node.operands.map(translateNode));
    case 'or':
      return or(...node.operands.map(translateNode));
    case 'not':
      return not(translateNode(node.operand));
    default:
      return translateAtom(node);
  }
}

/**
 * The ActiveMQ selector for a JMS selector, or FeatureNotSupportedException naming the construct
 * that cannot be evaluated faithfully there. InvalidSelectorException for a bad selector.
 */
export function translateSelector(text: string): string {
  const translated = conditionText(translateNode(parseSelector(text).ast));
  const bytes = Buffer.byteLength(translated) + (translated.match(/[:\\\r\n]/g)?.length ?? 0);
  if (bytes > MAX_SELECTOR_BYTES) refuse(`"${text}" (${bytes} bytes once translated; ActiveMQ reads at most ${MAX_SELECTOR_BYTES})`);
  return translated;
}
