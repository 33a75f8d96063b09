import type { ProviderDescriptor } from '../../src/spi/public.js';
import { MEMORY_CAPABILITIES } from './capabilities.js';

/** `memory://` and `memory://name`: the embedded broker, loaded on first connect like every adapter. */
export const memoryProviderDescriptor: ProviderDescriptor = {
  schemes: ['memory'],
  options: [],
  describe: () => ({ adapter: 'memory', capabilities: MEMORY_CAPABILITIES }),
  load: async () => {
    const { MemoryProvider } = await import('./provider.js');
    return { createProvider: (config) => new MemoryProvider(config) };
  },
};
