/** The adapter's public pieces; its descriptor (src/builtins.ts registers it) imports no Redis client. */
export { redisProviderDescriptor } from './descriptor.js';
export { RedisProvider, REDIS_CAPABILITIES } from './provider.js';
