import type { ProviderDescriptor } from '../../src/spi/public.js';
import { SKELETON_ADAPTER, SKELETON_CAPABILITIES } from './capabilities.js';

/**
 * What the scheme registry knows before the adapter is loaded: schemes, options, name and
 * capabilities. `load()` imports the implementation (and, in a real adapter, its broker client
 * library) on the first connect, with a static specifier.
 */
export const skeletonProviderDescriptor: ProviderDescriptor = {
  schemes: ['skeleton'],
  options: [],
  clientLibraries: [],
  describe: () => ({ adapter: SKELETON_ADAPTER, capabilities: SKELETON_CAPABILITIES }),
  load: async () => {
    const { SkeletonProvider } = await import('./provider.js');
    return { createProvider: (config) => new SkeletonProvider(config) };
  },
};
