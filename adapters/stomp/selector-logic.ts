/**
 * Broker selector text under construction, with JMS's three truth values folded as constants:
 * true, false, null (unknown), or a parenthesised ActiveMQ condition.
 */
export type Condition = boolean | null | string;

/** Per-property type headers the STOMP adapter sends to ActiveMQ (`jmsts_t_qty: int`); see frames.ts. */
export const TYPE_HEADER_PREFIX = 'jmsts_t_';

/**
 * A condition that is unknown on every message: a comparison with a header no message carries
 * (the type header of a property with an empty name, which cannot exist).
 */
export const UNKNOWN = `${TYPE_HEADER_PREFIX} = 0`;

function fold(parts: readonly Condition[], absorbing: boolean, word: string): Condition {
  const texts = new Set<string>();
  let unknown = false;
  for (const part of parts) {
    if (part === absorbing) return absorbing;
    if (part === null) unknown = true;
    else if (typeof part === 'string') texts.add(part);
  }
  if (texts.size === 0) return unknown ? null : !absorbing;
  if (unknown) texts.add(UNKNOWN);
  return texts.size === 1 ? [...texts][0]! : `(${[...texts].join(` ${word} `)})`;
}

export const and = (...parts: Condition[]): Condition => fold(parts, false, 'AND');
export const or = (...parts: Condition[]): Condition => fold(parts, true, 'OR');

export function not(part: Condition): Condition {
  // ActiveMQ's NOT binds tighter than LIKE or =: `NOT a LIKE 'x'` would mean `(NOT a) LIKE 'x'`.
  return typeof part === 'string' ? `(NOT (${part}))` : part === null ? null : !part;
}

export function conditionText(condition: Condition): string {
  return condition === true ? 'TRUE' : condition === false ? 'FALSE' : condition === null ? UNKNOWN : condition;
}

export const quote = (text: string): string => `'${text.replace(/'/g, "''")}'`;
