import type { ProviderDescriptor } from '../../src/spi/public.js';
import { ACTIVEMQ, RABBITMQ } from './dialect.js';

/** `stomp://`, `stomp+activemq://` (ActiveMQ Classic) and `stomp+rabbitmq://` (RabbitMQ's plugin), loaded on first connect. */
export const stompProviderDescriptor: ProviderDescriptor = {
  schemes: ['stomp', 'stomp+activemq', 'stomp+rabbitmq'],
  clientLibraries: ['stompit'],
  options: [
    { name: 'connectTimeout', kind: 'integer', min: 0, default: 10000, unit: 'ms', description: 'How long connecting may take before it fails.' },
    { name: 'heartbeat', kind: 'integer', min: 0, default: 10000, unit: 'ms', description: 'STOMP heart-beat asked for in both directions; a connection the broker is silent on for about twice as long counts as lost (0 = off).' },
    {
      name: 'transformation',
      kind: 'enum',
      values: ['jms-json'],
      // It is ActiveMQ's; RabbitMQ has no Java message types.
      schemes: ['stomp', 'stomp+activemq'],
      description: 'Asks ActiveMQ for Java maps as XStream JSON, so they arrive as MapMessages with their Java types (the broker needs XStream and Jettison).',
    },
  ],
  describe: (config) => {
    const dialect = config.scheme === 'stomp+rabbitmq' ? RABBITMQ : ACTIVEMQ;
    return { adapter: dialect.adapter, capabilities: dialect.capabilities };
  },
  load: async () => {
    const { StompProvider } = await import('./provider.js');
    return { createProvider: (config) => new StompProvider(config) };
  },
};
