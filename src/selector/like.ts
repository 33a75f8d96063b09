/**
 * LIKE patterns compiled to a matcher that never backtracks: the pattern is split at `%` into
 * fixed-length segments (with `_` matching any one character); the first segment is anchored at
 * the start, the last at the end, and each middle one is found at its leftmost place. That greedy
 * choice is always right for such patterns, so matching is O(pattern × value) in the worst case.
 */
type Segment = readonly (string | null)[]; // null stands for `_`

export type LikeMatcher = (value: string) => boolean;

export function compileLike(pattern: string, escape: string | null): LikeMatcher {
  const segments: Segment[] = [[]];
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    const current = segments[segments.length - 1] as (string | null)[];
    if (escape !== null && c === escape) current.push(chars[++i]);
    else if (c === '%') segments.push([]);
    else current.push(c === '_' ? null : c);
  }
  const literal = segments.every((s) => s.every((c) => c !== null));
  if (segments.length === 1) {
    const only = segments[0];
    if (literal) {
      const text = only.join('');
      return (value) => value === text;
    }
    return (value) => {
      const units = codePoints(value);
      return units.length === only.length && matchAt(units, 0, only);
    };
  }
  if (segments.length === 2 && literal) {
    const [head, tail] = segments.map((s) => s.join(''));
    if (tail === '') return (value) => value.startsWith(head);
    if (head === '') return (value) => value.endsWith(tail);
    return (value) => value.length >= head.length + tail.length && value.startsWith(head) && value.endsWith(tail);
  }
  return (value) => matchSegments(codePoints(value), segments);
}

const SURROGATE = /[\uD800-\uDFFF]/;

function codePoints(value: string): readonly string[] {
  return SURROGATE.test(value) ? [...value] : (value as unknown as readonly string[]);
}

function matchAt(units: readonly string[], at: number, segment: Segment): boolean {
  for (let j = 0; j < segment.length; j++) {
    const c = segment[j];
    if (c !== null && units[at + j] !== c) return false;
  }
  return true;
}

function matchSegments(units: readonly string[], segments: readonly Segment[]): boolean {
  const first = segments[0];
  const last = segments[segments.length - 1];
  const length = units.length;
  if (length < first.length + last.length || !matchAt(units, 0, first)) return false;
  let at = first.length;
  const lastStart = length - last.length;
  for (let s = 1; s < segments.length - 1; s++) {
    const segment = segments[s];
    let found = -1;
    for (let i = at; i + segment.length <= lastStart; i++) {
      if (matchAt(units, i, segment)) {
        found = i;
        break;
      }
    }
    if (found < 0) return false;
    at = found + segment.length;
  }
  return at <= lastStart && matchAt(units, lastStart, last);
}
