export { ClientConnectionFactory, DEFAULT_PREFETCH, type FactoryDefaults } from './connection-factory.js';
export { MAX_LISTENER_REDELIVERIES } from './redelivery.js';
export { redeliveryPolicy, redeliveryVerdict, redeliveryDelay, deadLetterQueueName, type RedeliveryVerdict } from './redelivery-policy.js';
