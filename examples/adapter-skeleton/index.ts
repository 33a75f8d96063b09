import { registerProvider } from '../../src/config/index.js';
import type { ProviderDescriptor } from '../../src/spi/index.js';
import { SkeletonProvider } from './provider.js';

export { SkeletonBroker } from './broker.js';
export { SkeletonProvider, SKELETON_CAPABILITIES } from './provider.js';

/** The skeleton adapter for the scheme registry: `skeleton://` and `skeleton://name`, no options. */
export const skeletonProviderDescriptor: ProviderDescriptor = {
  schemes: ['skeleton'],
  options: [],
  create: (config) => new SkeletonProvider(config),
};

let registered = false;

/** Registers the skeleton's scheme once; a second registration of a scheme is refused by the registry. */
export function registerSkeleton(): void {
  if (registered) return;
  registerProvider(skeletonProviderDescriptor);
  registered = true;
}
