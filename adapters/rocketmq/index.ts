/** The adapter's public pieces; its descriptor (src/builtins.ts registers it) imports no RocketMQ client. */
export { rocketmqProviderDescriptor } from './descriptor.js';
export { RocketProvider, ROCKETMQ_CAPABILITIES } from './provider.js';
