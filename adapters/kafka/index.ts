import type { ProviderDescriptor } from '../../src/spi/provider.js';
import { KAFKA_OPTIONS, KafkaProvider } from './provider.js';

export { KafkaProvider, KAFKA_CAPABILITIES } from './provider.js';

/**
 * `kafka://host:9092[,host2:9092][?sessionTimeout=ms&transactionTimeout=ms]`: Apache Kafka through
 * kafkajs, for the scheme registry.
 */
export const kafkaProviderDescriptor: ProviderDescriptor = {
  schemes: ['kafka'],
  options: KAFKA_OPTIONS,
  create: (config) => new KafkaProvider(config),
};
