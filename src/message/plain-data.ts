import { MessageFormatException } from '../api/exceptions.js';

/** How deep an ObjectMessage payload may nest; deeper data is refused rather than overflowing the stack. */
export const MAX_DEPTH = 256;

/**
 * Deep-copies an ObjectMessage payload, refusing anything that is not plain data: functions,
 * symbols, class instances, cycles. Keys such as `__proto__` are copied as own data properties,
 * so they never reach a prototype.
 */
export function copyPlainData(value: unknown, path = 'body', depth = 0, seen = new Set<object>()): unknown {
  if (value === null || value === undefined) return value ?? null;
  switch (typeof value) {
    case 'boolean':
    case 'number':
    case 'string':
    case 'bigint':
      return value;
    case 'object':
      break;
    default:
      throw new MessageFormatException(`ObjectMessage ${path}: a ${typeof value} is not plain data`);
  }
  if (depth >= MAX_DEPTH) throw new MessageFormatException(`ObjectMessage ${path}: nested deeper than ${MAX_DEPTH} levels`);
  if (value instanceof Uint8Array) return value.slice();
  if (value instanceof Date) return new Date(value.getTime());
  if (seen.has(value)) throw new MessageFormatException(`ObjectMessage ${path}: a cycle is not plain data`);
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item, index) => copyPlainData(item, `${path}[${index}]`, depth + 1, seen));
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      const name = (proto as { constructor?: { name?: string } }).constructor?.name ?? 'unknown';
      throw new MessageFormatException(`ObjectMessage ${path}: an instance of ${name} is not plain data (use plain objects, arrays, Uint8Array, Date)`);
    }
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const item = copyPlainData((value as Record<string, unknown>)[key], `${path}.${key}`, depth + 1, seen);
      Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
    }
    return copy;
  } finally {
    seen.delete(value);
  }
}
