import type { ProviderDescriptor } from '../../src/spi/provider.js';
import { KafkaProvider } from './provider.js';

export { KafkaProvider, KAFKA_CAPABILITIES } from './provider.js';

/** `kafka://host:9092[,host2:9092]`: Apache Kafka through kafkajs, for the scheme registry. */
export const kafkaProviderDescriptor: ProviderDescriptor = {
  schemes: ['kafka'],
  options: [],
  create: (config) => new KafkaProvider(config),
};
