import { TLS_OPTIONS, usesTls, type ProviderDescriptor } from '../../src/spi/public.js';
import { REDIS_CAPABILITIES } from './capabilities.js';
import { REDIS_OPTION_SPECS } from './options.js';

/** The scheme that always means TLS (`tls=true` on `redis://` means the same). */
export const REDISS = ['rediss'] as const;

/** `redis://` and `rediss://`: Redis Streams through node-redis, loaded on first connect. */
export const redisProviderDescriptor: ProviderDescriptor = {
  schemes: ['redis', 'rediss'],
  clientLibraries: ['@redis/client'],
  options: [...REDIS_OPTION_SPECS, ...TLS_OPTIONS],
  describe: (config) => {
    usesTls(config, REDISS); // refuses TLS options on a plaintext URL
    return { adapter: 'redis', capabilities: REDIS_CAPABILITIES };
  },
  load: async () => {
    const { RedisProvider } = await import('./provider.js');
    return { createProvider: (config) => new RedisProvider(config) };
  },
};
