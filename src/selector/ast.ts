/**
 * The selector AST. Adapters whose broker filters natively may translate it; `selectorToString`
 * prints it back in canonical form. AND and OR are n-ary so long chains stay shallow.
 */
export type ComparisonOperator = '=' | '<>' | '<' | '<=' | '>' | '>=';
export type ArithmeticOperator = '+' | '-' | '*' | '/';

/** A parsed selector expression, as brokers that filter in their own dialect translate it. */
export type SelectorNode =
  /** A string literal. */
  | { readonly kind: 'string'; readonly value: string }
  /** An exact numeric literal (Java long): a number when it is a safe integer, else a bigint. */
  | { readonly kind: 'exact'; readonly value: number | bigint }
  /** An approximate numeric literal (Java double; float when written with an f suffix). */
  | { readonly kind: 'approx'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  /** A header or property name, case-sensitive. */
  | { readonly kind: 'identifier'; readonly name: string }
  | { readonly kind: 'negate'; readonly operand: SelectorNode }
  | { readonly kind: 'arithmetic'; readonly operator: ArithmeticOperator; readonly left: SelectorNode; readonly right: SelectorNode }
  | { readonly kind: 'comparison'; readonly operator: ComparisonOperator; readonly left: SelectorNode; readonly right: SelectorNode }
  | { readonly kind: 'between'; readonly negated: boolean; readonly operand: SelectorNode; readonly low: SelectorNode; readonly high: SelectorNode }
  | { readonly kind: 'in'; readonly negated: boolean; readonly identifier: string; readonly values: readonly string[] }
  | { readonly kind: 'like'; readonly negated: boolean; readonly identifier: string; readonly pattern: string; readonly escape: string | null }
  | { readonly kind: 'isNull'; readonly negated: boolean; readonly identifier: string }
  | { readonly kind: 'not'; readonly operand: SelectorNode }
  | { readonly kind: 'and'; readonly operands: readonly SelectorNode[] }
  | { readonly kind: 'or'; readonly operands: readonly SelectorNode[] };

/** The header identifiers a selector may use (JMS 2.0 §3.8.1.1). */
export const SELECTOR_HEADERS: ReadonlySet<string> = new Set([
  'JMSDeliveryMode', 'JMSPriority', 'JMSMessageID', 'JMSTimestamp', 'JMSCorrelationID', 'JMSType',
]);

/** Words that are keywords in any letter case and cannot be identifiers. */
export const KEYWORDS: ReadonlySet<string> = new Set([
  'NOT', 'AND', 'OR', 'BETWEEN', 'LIKE', 'IN', 'IS', 'NULL', 'TRUE', 'FALSE', 'ESCAPE',
]);
