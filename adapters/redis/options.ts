import { JMSException } from '../../src/api/exceptions.js';
import type { ProviderConfig } from '../../src/spi/provider.js';

/** The URL options of `redis://` and `rediss://`. */
export const REDIS_OPTIONS = ['connectTimeout', 'reclaimIdle', 'trim', 'maxLen'] as const;

export interface RedisOptions {
  /** How long connecting may take, ms. */
  readonly connectTimeout: number;
  /**
   * How long an unacknowledged entry stays with its consumer before another member of the group
   * takes it over (XAUTOCLAIM): the time after which a crashed consumer's messages come back.
   * Must exceed the longest time an application holds a message unacknowledged.
   */
  readonly reclaimIdle: number;
  /** `acked`: remove entries every group has acknowledged; `none`: leave trimming to the operator. */
  readonly trim: 'acked' | 'none';
  /** XADD MAXLEN ~ n: cap each stream near n entries, dropping the oldest even if unconsumed. */
  readonly maxLen: number | null;
}

function positive(config: ProviderConfig, name: string, fallback: number | null): number | null {
  const text = config.options[name];
  if (text === undefined) return fallback;
  if (!/^[1-9]\d*$/.test(text)) throw new JMSException(`Option ${name} must be a positive integer, got "${text}" in "${config.url}"`, 'InvalidConfiguration');
  return Number(text);
}

export function redisOptions(config: ProviderConfig): RedisOptions {
  const trim = config.options.trim ?? 'acked';
  if (trim !== 'acked' && trim !== 'none') throw new JMSException(`Option trim must be "acked" or "none", got "${trim}" in "${config.url}"`, 'InvalidConfiguration');
  return {
    connectTimeout: positive(config, 'connectTimeout', 10000)!,
    reclaimIdle: positive(config, 'reclaimIdle', 60000)!,
    trim,
    maxLen: positive(config, 'maxLen', null),
  };
}

/** The database number from the URL path (`redis://host/3`); 0 when there is none. */
export function databaseOf(config: ProviderConfig): number {
  if (config.path === '') return 0;
  if (!/^\d+$/.test(config.path)) {
    throw new JMSException(`The path of a Redis URL is the database number, got "/${config.path}" in "${config.url}"`, 'InvalidConfiguration');
  }
  return Number(config.path);
}
