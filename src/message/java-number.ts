import { IllegalArgumentException, MessageFormatException, NumberFormatException } from '../api/exceptions.js';

/** Java's integer ranges. */
export const RANGES = {
  byte: [-128, 127],
  short: [-32768, 32767],
  int: [-2147483648, 2147483647],
} as const;

export const LONG_MIN = -(2n ** 63n);
export const LONG_MAX = 2n ** 63n - 1n;

export type IntegerType = keyof typeof RANGES;

/** Checks a value written as a Java byte/short/int. */
export function checkInteger(type: IntegerType, value: number, what: string): number {
  const [min, max] = RANGES[type];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new MessageFormatException(`${what}: ${String(value)} is not a Java ${type} (a whole number from ${min} to ${max})`);
  }
  return value;
}

/** Checks a value written as a Java long; safe-integer numbers are accepted too. */
export function checkLong(value: bigint | number, what: string): bigint {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new MessageFormatException(`${what}: ${value} is not a whole number; pass a bigint for a long`);
    return BigInt(value);
  }
  if (typeof value !== 'bigint' || value < LONG_MIN || value > LONG_MAX) {
    throw new MessageFormatException(`${what}: ${String(value)} is not a Java long`);
  }
  return value;
}

export function checkNumber(value: number, what: string): number {
  if (typeof value !== 'number') throw new MessageFormatException(`${what}: ${String(value)} is not a number`);
  return value;
}

export function checkBoolean(value: boolean, what: string): boolean {
  if (typeof value !== 'boolean') throw new MessageFormatException(`${what}: ${String(value)} is not a boolean`);
  return value;
}

export function checkChar(value: string, what: string): string {
  if (typeof value !== 'string' || value.length !== 1) {
    throw new MessageFormatException(`${what}: ${JSON.stringify(value)} is not a single UTF-16 char`);
  }
  return value;
}

export function checkString(value: string | null, what: string): string | null {
  if (value !== null && typeof value !== 'string') throw new MessageFormatException(`${what}: ${String(value)} is not a string`);
  return value;
}

/** Java's Integer.parseInt family: optional sign, ASCII digits, in range. */
export function parseJavaInteger(text: string, type: IntegerType): number {
  if (!/^[+-]?\d+$/.test(text)) throw new NumberFormatException(`For input string: "${text}" (not a Java ${type})`);
  const value = Number(text);
  const [min, max] = RANGES[type];
  if (value < min || value > max) throw new NumberFormatException(`Value out of range. Value:"${text}" is not a Java ${type}`);
  return value;
}

export function parseJavaLong(text: string): bigint {
  if (!/^[+-]?\d+$/.test(text)) throw new NumberFormatException(`For input string: "${text}" (not a Java long)`);
  const value = BigInt(text);
  if (value < LONG_MIN || value > LONG_MAX) throw new NumberFormatException(`Value out of range. Value:"${text}" is not a Java long`);
  return value;
}

/** Java's Double.valueOf: trims, optional sign, NaN, Infinity, decimal with exponent, f/d suffix. */
export function parseJavaDouble(text: string): number {
  const trimmed = text.replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, '');
  const match = /^([+-]?)(NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)[fFdD]?$/.exec(trimmed);
  if (!match || (/[fFdD]$/.test(trimmed) && /(NaN|Infinity)/.test(trimmed))) {
    throw new NumberFormatException(`For input string: "${text}" (not a Java floating-point number)`);
  }
  const value = Number(match[2]);
  return match[1] === '-' ? -value : value;
}

/** Java's Double.toString, so converted values read like a Java client's. */
export function javaDoubleToString(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  return formatJava(value, twoDigitsWhenOne(value, String(value), (text) => Number(text) === value));
}

/**
 * Java (JDK 19+ specification) never settles for one significant digit: when the shortest decimal
 * has one, it takes the two-digit decimal closest to the value (Float.MIN_VALUE is 1.4E-45, not 1.0E-45).
 */
function twoDigitsWhenOne(value: number, shortest: string, readsBack: (text: string) => boolean): string {
  const digits = shortest.replace(/^-/, '').replace(/e.*$/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  if (digits.length !== 1) return shortest;
  const two = value.toPrecision(2);
  return readsBack(two) ? two : shortest;
}

/** Java's Float.toString: the shortest decimal that reads back as the same float. */
export function javaFloatToString(value: number): string {
  if (!Number.isFinite(value) || value === 0) return javaDoubleToString(value);
  let shortest = String(value);
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = value.toPrecision(digits);
    if (Math.fround(Number(candidate)) === value) {
      shortest = String(Number(candidate));
      break;
    }
  }
  return formatJava(value, twoDigitsWhenOne(value, shortest, (text) => Math.fround(Number(text)) === value));
}

/** A decimal text as its significant digits and the power of ten of the first one. */
function scientific(text: string): { sign: string; digits: string; exponent: number } {
  const match = /^(-?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(text)!;
  const whole = match[2] ?? '';
  const fraction = match[3] ?? '';
  const all = whole + fraction;
  const lead = all.search(/[1-9]/);
  return {
    sign: match[1] ?? '',
    digits: all.slice(lead).replace(/0+$/, ''),
    exponent: Number(match[4] ?? 0) - fraction.length + all.length - lead - 1,
  };
}

/** Java's layout: plain between 10^-3 and 10^7, else computerized scientific notation (1.0E10). */
function formatJava(value: number, shortest: string): string {
  const { sign, digits, exponent } = scientific(shortest);
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
    const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
    return `${sign}${whole}.${digits.slice(exponent + 1) || '0'}`;
  }
  return `${sign}${digits[0]}.${digits.slice(1) || '0'}E${exponent}`;
}

/** Throws IllegalArgumentException for a null or empty name, as Java does. */
export function checkName(name: string, what: string): string {
  if (typeof name !== 'string' || name.length === 0) {
    throw new IllegalArgumentException(`${what} name must be a non-empty string, got ${name === '' ? 'an empty string' : String(name)}`);
  }
  return name;
}
