/** The adapter's public pieces; its descriptor (src/builtins.ts registers it) imports no broker client. */
export { amqpProviderDescriptor } from './descriptor.js';
export { AmqpProvider, AMQP_CAPABILITIES } from './provider.js';

