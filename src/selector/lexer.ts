import { InvalidSelectorException } from '../api/exceptions.js';
import { KEYWORDS } from './ast.js';

export type Token =
  | { kind: 'string'; value: string; at: number }
  | { kind: 'exact'; value: bigint; text: string; at: number }
  | { kind: 'approx'; value: number; at: number }
  | { kind: 'identifier'; value: string; at: number }
  | { kind: 'keyword'; value: string; at: number }
  | { kind: 'operator'; value: string; at: number }
  | { kind: 'end'; value: ''; at: number };

const IDENTIFIER = /[\p{L}\p{Nl}$_][\p{L}\p{Nl}\p{Nd}\p{Mn}\p{Mc}\p{Pc}\p{Sc}]*/uy;
const APPROX = /(?:\d+\.\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+|\d+(?=[fFdD]))[fFdD]?/y;
const EXACT = /(?:0[xX][0-9a-fA-F]+|\d+)[lL]?/y;
const OPERATORS = ['<>', '<=', '>=', '=', '<', '>', '+', '-', '*', '/', '(', ')', ','];

/** Positions in messages are 1-based character offsets into the selector text. */
export function selectorError(text: string, at: number, what: string): InvalidSelectorException {
  const shown = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  return new InvalidSelectorException(`Invalid selector "${shown}": ${what} at position ${at + 1}`);
}

/** Splits a selector into tokens; linear in the text's length. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f') {
      i++;
      continue;
    }
    const at = i;
    if (c === "'") {
      let value = '';
      i++;
      for (;;) {
        const close = text.indexOf("'", i);
        if (close < 0) throw selectorError(text, at, 'unterminated string literal');
        value += text.slice(i, close);
        if (text[close + 1] === "'") {
          value += "'";
          i = close + 2;
        } else {
          i = close + 1;
          break;
        }
      }
      tokens.push({ kind: 'string', value, at });
      continue;
    }
    if ((c >= '0' && c <= '9') || (c === '.' && text[i + 1] >= '0' && text[i + 1] <= '9')) {
      APPROX.lastIndex = i;
      const approx = APPROX.exec(text);
      if (approx) {
        const body = approx[0].replace(/[fFdD]$/, '');
        const value = /[fF]$/.test(approx[0]) ? Math.fround(Number(body)) : Number(body);
        if (!Number.isFinite(value)) throw selectorError(text, at, `numeric literal ${approx[0]} is out of range`);
        tokens.push({ kind: 'approx', value, at });
        i += approx[0].length;
      } else {
        EXACT.lastIndex = i;
        const exact = EXACT.exec(text)![0];
        tokens.push({ kind: 'exact', value: parseExact(text, at, exact), text: exact, at });
        i += exact.length;
      }
      if (i < text.length && /[\p{L}\p{Nd}$_.]/u.test(text[i])) throw selectorError(text, i, `unexpected "${text[i]}" after a number`);
      continue;
    }
    IDENTIFIER.lastIndex = i;
    const word = IDENTIFIER.exec(text);
    if (word) {
      const upper = word[0].toUpperCase();
      tokens.push(KEYWORDS.has(upper) ? { kind: 'keyword', value: upper, at } : { kind: 'identifier', value: word[0], at });
      i += word[0].length;
      continue;
    }
    const operator = OPERATORS.find((op) => text.startsWith(op, i));
    if (!operator) throw selectorError(text, at, `unexpected character "${c}"`);
    tokens.push({ kind: 'operator', value: operator, at });
    i += operator.length;
  }
  tokens.push({ kind: 'end', value: '', at: text.length });
  return tokens;
}

function parseExact(text: string, at: number, literal: string): bigint {
  const digits = literal.replace(/[lL]$/, '');
  let value: bigint;
  if (/^0[xX]/.test(digits)) value = BigInt(digits);
  else if (digits.length > 1 && digits[0] === '0') {
    if (!/^[0-7]+$/.test(digits)) throw selectorError(text, at, `${literal} is not a valid octal literal`);
    value = BigInt(`0o${digits.slice(1)}`);
  } else value = BigInt(digits);
  // 2^63 is allowed here only so that -9223372036854775808 can be written; the parser checks.
  if (value > 2n ** 63n) throw selectorError(text, at, `numeric literal ${literal} is out of the long range`);
  return value;
}
