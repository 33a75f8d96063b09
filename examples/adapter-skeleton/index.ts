import { registerProvider } from '../../src/index.js';
import { skeletonProviderDescriptor } from './descriptor.js';

export { SkeletonBroker } from './broker.js';
export { SKELETON_CAPABILITIES } from './capabilities.js';
export { skeletonProviderDescriptor } from './descriptor.js';

let registered = false;

/** Registers `skeleton://` once (the registry refuses a scheme registered twice). */
export function registerSkeleton(): void {
  if (registered) return;
  registerProvider(skeletonProviderDescriptor);
  registered = true;
}
