import type { ProviderDescriptor } from '../../src/spi/provider.js';
import { MemoryProvider } from './provider.js';

export { MemoryBroker } from './broker.js';
export { MemoryProvider, MEMORY_CAPABILITIES } from './provider.js';

/** `memory://` and `memory://name`: the embedded broker, for the scheme registry. */
export const memoryProviderDescriptor: ProviderDescriptor = {
  schemes: ['memory'],
  options: [],
  create: (config) => new MemoryProvider(config),
};
