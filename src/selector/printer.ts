import type { SelectorNode } from './ast.js';

const quote = (text: string): string => `'${text.replace(/'/g, "''")}'`;

function number(value: number | bigint, approximate: boolean): string {
  if (!approximate) return String(value);
  if (Number.isNaN(value) || !Number.isFinite(value as number)) return String(value);
  const text = String(value);
  return /[.eE]/.test(text) ? text : `${text}.0`;
}

/** Prints an AST as selector text, fully parenthesised, that parses back to the same AST. */
export function selectorToString(node: SelectorNode): string {
  switch (node.kind) {
    case 'string':
      return quote(node.value);
    case 'exact':
      return String(node.value);
    case 'approx':
      return number(node.value, true);
    case 'boolean':
      return node.value ? 'TRUE' : 'FALSE';
    case 'identifier':
      return node.name;
    case 'negate':
      return `-(${selectorToString(node.operand)})`;
    case 'arithmetic':
    case 'comparison':
      return `(${selectorToString(node.left)} ${node.operator} ${selectorToString(node.right)})`;
    case 'between':
      return `(${selectorToString(node.operand)}${node.negated ? ' NOT' : ''} BETWEEN ${selectorToString(node.low)} AND ${selectorToString(node.high)})`;
    case 'in':
      return `(${node.identifier}${node.negated ? ' NOT' : ''} IN (${node.values.map(quote).join(', ')}))`;
    case 'like':
      return `(${node.identifier}${node.negated ? ' NOT' : ''} LIKE ${quote(node.pattern)}${node.escape === null ? '' : ` ESCAPE ${quote(node.escape)}`})`;
    case 'isNull':
      return `(${node.identifier} IS${node.negated ? ' NOT' : ''} NULL)`;
    case 'not':
      return `(NOT ${selectorToString(node.operand)})`;
    case 'and':
    case 'or':
      return `(${node.operands.map(selectorToString).join(node.kind === 'and' ? ' AND ' : ' OR ')})`;
  }
}

/** The identifiers a selector reads, each with how many times it is read. */
export function identifierCounts(node: SelectorNode, into = new Map<string, number>()): Map<string, number> {
  const read = (name: string) => into.set(name, (into.get(name) ?? 0) + 1);
  switch (node.kind) {
    case 'identifier':
      read(node.name);
      break;
    case 'in':
    case 'like':
    case 'isNull':
      read(node.identifier);
      break;
    case 'negate':
    case 'not':
      identifierCounts(node.operand, into);
      break;
    case 'arithmetic':
    case 'comparison':
      identifierCounts(node.left, into);
      identifierCounts(node.right, into);
      break;
    case 'between':
      identifierCounts(node.operand, into);
      identifierCounts(node.low, into);
      identifierCounts(node.high, into);
      break;
    case 'and':
    case 'or':
      for (const operand of node.operands) identifierCounts(operand, into);
      break;
    default:
      break;
  }
  return into;
}
