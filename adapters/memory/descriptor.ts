import { ErrorCode, JMSException, type ProviderDescriptor } from '../../src/spi/public.js';
import { EMULATE_OPTION, describeMemory } from './emulation.js';

/** `memory://` and `memory://name`: the embedded broker, loaded on first connect like every adapter. */
export const memoryProviderDescriptor: ProviderDescriptor = {
  schemes: ['memory'],
  options: [EMULATE_OPTION],
  describe: (config) => {
    // The embedded broker has no users: credentials would be ignored, so they are refused.
    if (config.username !== undefined || config.password !== undefined) {
      throw new JMSException(`The embedded broker has no users: give memory:// no user name or password, in "${config.url}"`, ErrorCode.INVALID_CONFIGURATION);
    }
    return describeMemory(config.options);
  },
  load: async () => {
    const { MemoryProvider } = await import('./provider.js');
    return { createProvider: (config) => new MemoryProvider(config) };
  },
};
