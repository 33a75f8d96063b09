import type { SelectorNode } from './ast.js';
import { compileNode, type SelectorLookup } from './evaluator.js';
import { parseSelectorText } from './parser.js';

export type { SelectorNode, ComparisonOperator, ArithmeticOperator } from './ast.js';
export { SELECTOR_HEADERS, KEYWORDS } from './ast.js';
export type { SelectorLookup, SelectorValue } from './evaluator.js';
export { selectorToString, identifierCounts } from './printer.js';
export { MAX_DEPTH } from './parser.js';

/**
 * A parsed JMS message selector. `matches` is true only when the selector evaluates to TRUE
 * (FALSE and unknown both exclude the message). The lookup receives identifiers exactly as
 * written; for headers it must return JMSDeliveryMode as 'PERSISTENT' or 'NON_PERSISTENT',
 * JMSPriority and JMSTimestamp as numbers, and JMSMessageID, JMSCorrelationID, JMSType as
 * strings or null.
 */
export interface Selector {
  readonly text: string;
  readonly ast: SelectorNode;
  matches(lookup: SelectorLookup): boolean;
}

/** Parses a selector; throws InvalidSelectorException naming the position and what was expected. */
export function parseSelector(text: string): Selector {
  const ast = parseSelectorText(text);
  const evaluate = compileNode(ast);
  return { text, ast, matches: (lookup) => evaluate(lookup) === true };
}

/** Like parseSelector, but null, empty or blank text means "no selector" and gives null. */
export function compileSelector(text: string | null | undefined): Selector | null {
  if (text === null || text === undefined || text.trim() === '') return null;
  return parseSelector(text);
}
