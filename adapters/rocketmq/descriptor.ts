import type { ProviderDescriptor } from '../../src/spi/public.js';
import { ROCKETMQ_CAPABILITIES } from './capabilities.js';
import { ROCKETMQ_OPTION_SPECS } from './options.js';

/** `rocketmq://host:8081`: RocketMQ 5's gRPC proxy through rocketmq-client-nodejs, loaded on first connect. */
export const rocketmqProviderDescriptor: ProviderDescriptor = {
  schemes: ['rocketmq'],
  clientLibraries: ['rocketmq-client-nodejs'],
  options: ROCKETMQ_OPTION_SPECS,
  describe: () => ({ adapter: 'rocketmq', capabilities: ROCKETMQ_CAPABILITIES }),
  load: async () => {
    const { RocketProvider } = await import('./provider.js');
    return { createProvider: (config) => new RocketProvider(config) };
  },
};
