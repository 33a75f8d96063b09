import type { ProviderDescriptor } from '../../src/spi/public.js';
import { REDIS_CAPABILITIES } from './capabilities.js';
import { REDIS_OPTION_SPECS } from './options.js';

/** `redis://` and `rediss://`: Redis Streams through node-redis, loaded on first connect. */
export const redisProviderDescriptor: ProviderDescriptor = {
  schemes: ['redis', 'rediss'],
  clientLibraries: ['@redis/client'],
  options: REDIS_OPTION_SPECS,
  describe: () => ({ adapter: 'redis', capabilities: REDIS_CAPABILITIES }),
  load: async () => {
    const { RedisProvider } = await import('./provider.js');
    return { createProvider: (config) => new RedisProvider(config) };
  },
};
