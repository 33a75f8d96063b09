export { ClientConnectionFactory, DEFAULT_PREFETCH, type FactoryDefaults } from './connection-factory.js';
export { redeliveryPolicy, redeliveryVerdict, redeliveryDelay, deadLetterQueueName, type RedeliveryVerdict } from './redelivery-policy.js';
