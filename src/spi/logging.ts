import { LOG_LEVELS, type Logger, type LogLevel } from '../api/logging.js';

/**
 * The logger the client layer and adapters write to: the application's logger (see `Logger`),
 * filtered to the configured level, with each record marked by the part that wrote it
 * (`namespace: 'jms-ts.kafka'`) and cleared of secrets. Without an application logger every
 * call is a no-op, so logging costs nothing unless asked for.
 */
export interface ScopedLogger extends Logger {
  /** Whether a record at `level` reaches the application's logger: guard costly debug records with it. */
  enabled(level: Exclude<LogLevel, 'silent'>): boolean;
  /** A logger for a part of this one: `jms-ts` → `jms-ts.kafka`. */
  child(name: string): ScopedLogger;
}

/** Field names whose values are never logged, whatever the library that logs them. */
const SECRET_KEY = /pass(word|phrase)?$|secret|token|credential|authori[sz]ation|cookie|sasl|^auth$|passcode/i;
/** `scheme://user:password@` in any logged text. */
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*):[^@/?#\s]*@/gi;

/** A copy of `fields` without secrets: secret-named values are replaced and URL passwords masked, two levels deep. */
export function redactFields(fields: object, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) out[key] = redactValue(key, value, depth);
  return out;
}

function redactValue(key: string, value: unknown, depth: number): unknown {
  if (value === undefined || value === null) return value;
  if (SECRET_KEY.test(key)) return '[redacted]';
  if (typeof value === 'string') return value.replace(URL_PASSWORD, '$1:***@');
  if (depth < 2 && typeof value === 'object' && !(value instanceof Error) && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype) {
    return redactFields(value, depth + 1);
  }
  return value;
}

/** Masks the password of any URL in a message text. */
export function redactText(text: string): string {
  return text.replace(URL_PASSWORD, '$1:***@');
}

const noop = () => undefined;

/** The logger that logs nothing (no application logger configured). */
export const SILENT_LOGGER: ScopedLogger = {
  debug: noop,
  info: noop,
  warn: noop,
  error: noop,
  enabled: () => false,
  child: () => SILENT_LOGGER,
};

/**
 * The scoped logger over an application's logger, or the silent one when there is none (or the
 * level is `silent`). Checks the logger's shape so a wrong object fails at configuration.
 */
export function scopedLogger(target: Logger | undefined, level: LogLevel = 'info', namespace = 'jms-ts'): ScopedLogger {
  if (target === undefined || target === null || level === 'silent') return SILENT_LOGGER;
  const least = LOG_LEVELS.indexOf(level);
  if (least < 0) throw new TypeError(`Unknown log level "${String(level)}": use one of ${LOG_LEVELS.join(', ')}`);
  for (const method of ['debug', 'info', 'warn', 'error'] as const) {
    if (typeof target[method] !== 'function') throw new TypeError(`A logger needs a ${method}(fields, message) method`);
  }
  return new FilteredLogger(target, least, namespace);
}

class FilteredLogger implements ScopedLogger {
  constructor(
    private readonly target: Logger,
    private readonly least: number,
    private readonly namespace: string,
  ) {}

  enabled(level: Exclude<LogLevel, 'silent'>): boolean {
    return LOG_LEVELS.indexOf(level) >= this.least;
  }

  child(name: string): ScopedLogger {
    return new FilteredLogger(this.target, this.least, `${this.namespace}.${name}`);
  }

  debug(fields: object, message: string): void { this.write('debug', 0, fields, message); }
  info(fields: object, message: string): void { this.write('info', 1, fields, message); }
  warn(fields: object, message: string): void { this.write('warn', 2, fields, message); }
  error(fields: object, message: string): void { this.write('error', 3, fields, message); }

  private write(level: Exclude<LogLevel, 'silent'>, rank: number, fields: object, message: string): void {
    if (rank < this.least) return;
    try {
      this.target[level]({ namespace: this.namespace, ...redactFields(fields ?? {}) }, redactText(String(message)));
    } catch {
      // A logger that throws must not break messaging.
    }
  }
}

/** An adapter's logger: `jms-ts.<name>` under the configured logger, silent when there is none. */
export function adapterLogger(config: { readonly logger?: ScopedLogger }, name: string): ScopedLogger {
  return (config.logger ?? SILENT_LOGGER).child(name);
}

/** How one event of a client library is logged: its level and message. */
export interface LoggedEvent {
  readonly level: Exclude<LogLevel, 'silent'>;
  readonly message: string;
}

/**
 * Forwards a client library's events (a socket's, a connection's) to an adapter's logger: an
 * Error argument is logged as `err`, other arguments as `detail`. Listeners are added only when
 * the logger logs something, so an application without a logger keeps the library's emitter as it was.
 */
export function forwardEvents(
  // Any emitter shape: Node's, stompit's and node-redis's type their listeners differently.
  emitter: { on(event: any, listener: (...args: any[]) => void): unknown },
  log: ScopedLogger,
  events: Readonly<Record<string, LoggedEvent>>,
  fields: object = {},
): void {
  if (log === SILENT_LOGGER) return;
  for (const [event, { level, message }] of Object.entries(events)) {
    if (!log.enabled(level)) continue;
    emitter.on(event, (...args: unknown[]) => {
      const error = args.find((arg) => arg instanceof Error);
      const detail = args.filter((arg) => !(arg instanceof Error) && arg !== undefined).map(String);
      log[level]({ ...fields, event, ...(error ? { err: error } : {}), ...(detail.length > 0 ? { detail: detail.join(' ') } : {}) }, message);
    });
  }
}
