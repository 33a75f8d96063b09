import { logLevel, type KafkaConfig, type LogEntry } from 'kafkajs';
import { SILENT_LOGGER, type ScopedLogger } from '../../src/spi/public.js';

/** kafkajs's levels as the logger's methods. */
const LEVELS: Readonly<Record<number, 'error' | 'warn' | 'info' | 'debug'>> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/**
 * kafkajs's own logs, forwarded to the adapter's logger through its `logCreator` at the level the
 * logger asks for (its namespace, e.g. `Consumer`, as `kafkajs`); off (`NOTHING`) without a logger.
 */
export function kafkaLogging(log: ScopedLogger): Pick<KafkaConfig, 'logLevel' | 'logCreator'> {
  if (log === SILENT_LOGGER) return { logLevel: logLevel.NOTHING };
  const least = log.enabled('debug') ? logLevel.DEBUG : log.enabled('info') ? logLevel.INFO : log.enabled('warn') ? logLevel.WARN : logLevel.ERROR;
  return {
    logLevel: least,
    logCreator: () => (entry: LogEntry) => {
      const method = LEVELS[entry.level];
      if (method === undefined) return;
      const { message, timestamp: _timestamp, logger: _logger, ...fields } = entry.log as LogEntry['log'] & { logger?: string };
      log[method]({ kafkajs: entry.namespace, ...fields }, message);
    },
  };
}
