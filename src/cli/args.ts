import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A usage error: the CLI prints it with the command's usage and exits with code 2. */
export class UsageError extends Error {}

export type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses a command's arguments strictly; unknown flags and missing values are usage errors. */
export function parseCommand(args: string[], options: Options): { values: Record<string, unknown>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: values as Record<string, unknown>, positionals };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** A non-negative integer flag, or the default when absent. */
export function intFlag(values: Record<string, unknown>, name: string, fallback: number): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new UsageError(`--${name} must be a whole number >= 0, got "${String(raw)}"`);
  return value;
}

/** The broker URL: --url, else JMS_URL, else memory://. */
export function urlFlag(values: Record<string, unknown>): string {
  return (values.url as string | undefined) ?? process.env.JMS_URL ?? 'memory://';
}
