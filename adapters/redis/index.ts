import type { ProviderDescriptor } from '../../src/spi/provider.js';
import { REDIS_OPTIONS } from './options.js';
import { RedisProvider } from './provider.js';

export { RedisProvider, REDIS_CAPABILITIES } from './provider.js';

/** `redis://` and `rediss://`: Redis Streams through node-redis, for the scheme registry. */
export const redisProviderDescriptor: ProviderDescriptor = {
  schemes: ['redis', 'rediss'],
  options: [...REDIS_OPTIONS],
  create: (config) => new RedisProvider(config),
};
