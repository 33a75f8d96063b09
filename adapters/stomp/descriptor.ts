import { DEFAULT_MAX_FRAME_SIZE, TLS_OPTIONS, usesTls, type ProviderDescriptor } from '../../src/spi/public.js';
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
    { name: 'maxFrameSize', kind: 'integer', min: 1024, default: DEFAULT_MAX_FRAME_SIZE, unit: 'bytes', description: 'The largest frame body the broker may send; a larger one closes the connection (bounds memory).' },
    { name: 'maxHeaderSize', kind: 'integer', min: 1024, default: 65536, unit: 'bytes', description: 'The largest header block of a frame the broker may send; a larger one closes the connection.' },
    ...TLS_OPTIONS,
  ],
  describe: (config) => {
    usesTls(config); // refuses TLS options without tls=true
    const dialect = config.scheme === 'stomp+rabbitmq' ? RABBITMQ : ACTIVEMQ;
    return { adapter: dialect.adapter, capabilities: dialect.capabilities };
  },
  load: async () => {
    const { StompProvider } = await import('./provider.js');
    return { createProvider: (config) => new StompProvider(config) };
  },
};
