import { ErrorCode } from '../../src/api/error-codes.js';
import { JMSException } from '../../src/api/exceptions.js';
import type { OptionSpec, ProviderConfig } from '../../src/spi/public.js';

/** The URL options of `redis://` and `rediss://`, checked and parsed by src/config. */
export const REDIS_OPTION_SPECS: readonly OptionSpec[] = [
  { name: 'connectTimeout', kind: 'integer', min: 1, default: 10000, unit: 'ms', description: 'How long connecting may take before it fails.' },
  {
    name: 'reclaimIdle',
    kind: 'integer',
    min: 1,
    default: 60000,
    unit: 'ms',
    description:
      "How long a crashed consumer's unacknowledged messages stay idle before another member of the group takes them over (XAUTOCLAIM); a live consumer keeps the ones it holds fresh.",
  },
  {
    name: 'trim',
    kind: 'enum',
    values: ['acked', 'none'],
    default: 'acked',
    description: '`acked`: remove the entries every group of a stream has acknowledged; `none`: leave trimming to the operator.',
  },
  { name: 'maxLen', kind: 'integer', min: 1, unit: 'entries', description: 'XADD MAXLEN ~ n: caps each stream near n entries, dropping the oldest even if unread.' },
];

export interface RedisOptions {
  readonly connectTimeout: number;
  readonly reclaimIdle: number;
  readonly trim: 'acked' | 'none';
  readonly maxLen: number | null;
}

export function redisOptions(config: ProviderConfig): RedisOptions {
  const { options } = config;
  return {
    connectTimeout: options.connectTimeout as number,
    reclaimIdle: options.reclaimIdle as number,
    trim: options.trim as 'acked' | 'none',
    maxLen: (options.maxLen as number | undefined) ?? null,
  };
}

/** The database number from the URL path (`redis://host/3`); 0 when there is none. */
export function databaseOf(config: ProviderConfig): number {
  if (config.path === '') return 0;
  if (!/^\d+$/.test(config.path)) {
    throw new JMSException(`The path of a Redis URL is the database number, got "/${config.path}" in "${config.url}"`, ErrorCode.INVALID_CONFIGURATION);
  }
  return Number(config.path);
}
