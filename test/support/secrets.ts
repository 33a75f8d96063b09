import { expect } from 'chai';
import { inspect } from 'node:util';

/**
 * Generated passwords and the check that none of them is printed. Passwords come from every
 * printable ASCII character (a seeded generator, so a failure can be replayed), each used raw and
 * percent-encoded in a URL.
 */

/** A small seeded PRNG (mulberry32): the same seed gives the same passwords. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const PRINTABLE = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('');

/**
 * Passwords: for every printable character c one that holds it twice between distinctive letters,
 * then `count` random ones of 1–24 printable characters.
 */
export function passwords(count: number, seed = 13): string[] {
  const next = random(seed);
  const list = [...PRINTABLE].map((c) => `Kw${c}Zq9${c}Jx`);
  for (let i = 0; i < count; i++) {
    const length = 1 + Math.floor(next() * 24);
    list.push(Array.from({ length }, () => PRINTABLE[Math.floor(next() * PRINTABLE.length)]).join(''));
  }
  return list;
}

/** The pieces of a secret that must not be printed: the whole, and every run of 3+ characters between URL delimiters. */
export function secretParts(secret: string): string[] {
  const parts = new Set<string>([secret]);
  let decoded = secret;
  try {
    decoded = decodeURIComponent(secret);
  } catch {
    // not percent-encoded text: the raw form is what could leak
  }
  parts.add(decoded);
  for (const text of [secret, decoded]) for (const piece of text.split(/[@/?#:%&=+,; [\]\\"'<>`{}|^]/)) if (piece.length >= 3) parts.add(piece);
  return [...parts].filter((part) => part.length >= 3);
}

/**
 * Fails when `printed` holds a part of `secret` that `reference` (the same output for a harmless
 * password) does not: a host or an option name is not a leak, a piece of the password is.
 */
export function expectNoSecret(printed: string, secret: string, reference: string, what: string): void {
  for (const part of secretParts(secret)) {
    if (printed.includes(part) && !reference.includes(part)) {
      expect.fail(`${what} prints "${part}", a part of the secret ${JSON.stringify(secret)}:\n${printed}`);
    }
  }
}

/** Everything a failure can show: its message, its inspection (causes included) and its JSON. */
export function printedError(error: unknown): string {
  let json = '';
  try {
    json = JSON.stringify(error);
  } catch {
    json = '';
  }
  return `${error instanceof Error ? error.message : String(error)}\n${inspect(error, { depth: 6 })}\n${json}`;
}
