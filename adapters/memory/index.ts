/** The adapter's public pieces; its descriptor (src/builtins.ts registers it) imports no broker client. */
export { memoryProviderDescriptor } from './descriptor.js';
export { MemoryBroker } from './broker.js';
export { MemoryProvider, MEMORY_CAPABILITIES } from './provider.js';

