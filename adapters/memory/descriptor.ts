import type { ProviderDescriptor } from '../../src/spi/public.js';
import { EMULATE_OPTION, describeMemory } from './emulation.js';

/** `memory://` and `memory://name`: the embedded broker, loaded on first connect like every adapter. */
export const memoryProviderDescriptor: ProviderDescriptor = {
  schemes: ['memory'],
  options: [EMULATE_OPTION],
  describe: (config) => describeMemory(config.options),
  load: async () => {
    const { MemoryProvider } = await import('./provider.js');
    return { createProvider: (config) => new MemoryProvider(config) };
  },
};
