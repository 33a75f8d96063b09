/**
 * The parsed selector for adapters whose broker filters natively but needs the selector in its own
 * dialect (ActiveMQ over STOMP): an adapter may depend on the SPI, not on src/selector itself.
 */
export { parseSelector, selectorToString, identifierCounts, SELECTOR_HEADERS } from '../selector/index.js';
export type { Selector, SelectorLookup, SelectorNode, SelectorValue, ComparisonOperator } from '../selector/index.js';
