/** The adapter's public pieces; its descriptor (src/builtins.ts registers it) imports no broker client. */
export { kafkaProviderDescriptor } from './descriptor.js';
export { KafkaProvider, KAFKA_CAPABILITIES } from './provider.js';

