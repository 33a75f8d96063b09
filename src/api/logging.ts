/**
 * The logger shape jms-ts writes to: the one common Node loggers share (`pino`, `bunyan`,
 * `console`), an object of fields first, then the message. Nothing is logged unless the
 * configuration names a logger.
 */
export interface Logger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** The least severe level passed to the logger; `silent` passes nothing. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/** The levels in order of severity, for comparisons. */
export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];
