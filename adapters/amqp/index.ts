import type { ProviderDescriptor } from '../../src/spi/provider.js';
import { AmqpProvider } from './provider.js';

export { AmqpProvider, AMQP_CAPABILITIES } from './provider.js';

/** `amqp://` and `amqps://`: RabbitMQ through amqplib, for the scheme registry. */
export const amqpProviderDescriptor: ProviderDescriptor = {
  schemes: ['amqp', 'amqps'],
  options: ['heartbeat', 'connectTimeout'],
  create: (config) => new AmqpProvider(config),
};
