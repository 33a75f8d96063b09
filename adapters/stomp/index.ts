import type { ProviderDescriptor } from '../../src/spi/provider.js';
import { StompProvider } from './provider.js';

export { StompProvider } from './provider.js';
export { ACTIVEMQ as ACTIVEMQ_STOMP, RABBITMQ as RABBITMQ_STOMP } from './dialect.js';

/** `stomp://`, `stomp+activemq://` (ActiveMQ Classic) and `stomp+rabbitmq://` (RabbitMQ's plugin). */
export const stompProviderDescriptor: ProviderDescriptor = {
  schemes: ['stomp', 'stomp+activemq', 'stomp+rabbitmq'],
  options: ['connectTimeout', 'transformation'],
  create: (config) => new StompProvider(config),
};
