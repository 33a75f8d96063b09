import { format } from 'node:util';
import { SILENT_LOGGER, type ScopedLogger } from '../../src/spi/public.js';

/** The logger shape rocketmq-client-nodejs takes: printf-style arguments, an Error on its own. */
export interface RocketLibraryLogger {
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
  debug(...args: unknown[]): void;
}

const QUIET: RocketLibraryLogger = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };

/**
 * rocketmq-client-nodejs's own logs, forwarded to the adapter's logger (`jms-ts.rocketmq`); without
 * a logger the client logs nothing (its default would write files under the home directory).
 */
export function rocketLibraryLogger(log: ScopedLogger): RocketLibraryLogger {
  if (log === SILENT_LOGGER) return QUIET;
  const forward = (level: 'debug' | 'info' | 'warn' | 'error') => (...args: unknown[]) => {
    if (!log.enabled(level)) return;
    const error = args.find((arg) => arg instanceof Error) as Error | undefined;
    const rest = args.filter((arg) => arg !== error);
    log[level]({ library: 'rocketmq-client-nodejs', ...(error ? { err: error } : {}) }, rest.length > 0 ? format(...rest) : (error?.message ?? ''));
  };
  return { debug: forward('debug'), info: forward('info'), warn: forward('warn'), error: forward('error') };
}
