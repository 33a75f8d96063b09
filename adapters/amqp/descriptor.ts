import { DEFAULT_MAX_FRAME_SIZE, TLS_OPTIONS, usesTls, type ProviderDescriptor } from '../../src/spi/public.js';
import { AMQP_CAPABILITIES } from './capabilities.js';

/** The schemes that always mean TLS (`tls=true` on `amqp://` means the same). */
export const AMQPS = ['amqps'] as const;

/** `amqp://` and `amqps://`: RabbitMQ through amqplib, loaded on first connect. */
export const amqpProviderDescriptor: ProviderDescriptor = {
  schemes: ['amqp', 'amqps'],
  clientLibraries: ['amqplib'],
  options: [
    { name: 'heartbeat', kind: 'integer', min: 0, default: 10, unit: 's', description: 'AMQP heartbeat interval the client asks for; a connection silent for about twice as long counts as lost (0 = off).' },
    { name: 'connectTimeout', kind: 'integer', min: 0, default: 10000, unit: 'ms', description: 'How long connecting may take before it fails.' },
    { name: 'maxFrameSize', kind: 'integer', min: 4096, default: DEFAULT_MAX_FRAME_SIZE, unit: 'bytes', description: 'The largest frame the broker may send; a larger one closes the connection (bounds memory).' },
    ...TLS_OPTIONS,
  ],
  describe: (config) => {
    usesTls(config, AMQPS); // refuses TLS options on a plaintext URL
    return { adapter: 'amqp', capabilities: AMQP_CAPABILITIES };
  },
  load: async () => {
    const { AmqpProvider } = await import('./provider.js');
    return { createProvider: (config) => new AmqpProvider(config) };
  },
};
