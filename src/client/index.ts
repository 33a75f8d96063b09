export { ClientConnectionFactory, DEFAULT_PREFETCH, type FactoryDefaults } from './connection-factory.js';
export { redeliveryPolicy, redeliveryVerdict, redeliveryDelay, deadLetterQueueName, type RedeliveryVerdict } from './redelivery-policy.js';
export { DEFAULT_RECONNECT, type ReconnectSettings } from './recovery/settings.js';
