import { DEFAULT_MAX_FRAME_SIZE, TLS_OPTIONS, type ProviderDescriptor } from '../../src/spi/public.js';
import { kafkaAdapterName, kafkaCapabilities } from './capabilities.js';
import { checkKafkaSecurity, SASL_OPTION } from './security.js';
import type { QueueMode } from './share-queues.js';

/**
 * `kafka://host:9092[,host2:9092][?sessionTimeout=ms&transactionTimeout=ms]`: Apache Kafka through
 * kafkajs, loaded on first connect.
 */
export const kafkaProviderDescriptor: ProviderDescriptor = {
  schemes: ['kafka'],
  clientLibraries: ['kafkajs', '@kafkats/client'],
  options: [
    {
      name: 'sessionTimeout',
      kind: 'integer',
      min: 1,
      // Group changes stay quick; the broker's minimum is 6 s.
      default: 10000,
      unit: 'ms',
      description: 'Consumer group session timeout: how long a silent consumer keeps its partitions.',
    },
    {
      name: 'transactionTimeout',
      kind: 'integer',
      min: 1,
      // kafkajs's default.
      default: 60000,
      unit: 'ms',
      description: 'How long a transaction may stay open before the broker aborts it.',
    },
    {
      name: 'connectTimeout',
      kind: 'integer',
      min: 1,
      default: 3000,
      unit: 'ms',
      description: 'How long opening a connection to a broker (TCP, TLS handshake, SASL) may take; kafkajs retries a failed one 3 times.',
    },
    {
      name: 'maxResponseSize',
      kind: 'integer',
      min: 1024,
      default: DEFAULT_MAX_FRAME_SIZE,
      unit: 'bytes',
      description: 'The largest response the broker may announce; a larger one closes the connection (bounds memory).',
    },
    SASL_OPTION,
    ...TLS_OPTIONS,
    {
      name: 'queueMode',
      kind: 'enum',
      values: ['auto', 'share', 'group'],
      default: 'auto',
      description:
        'How queues are read: share groups (Kafka 4.2+: consumers scale, broker delivery counts), consumer groups (exactly-once transactions), or auto: share groups where the broker has them.',
    },
  ],
  describe: (config) => {
    checkKafkaSecurity(config);
    const mode = (config.options.queueMode as QueueMode | undefined) ?? 'auto';
    return { adapter: kafkaAdapterName(mode), capabilities: kafkaCapabilities(mode) };
  },
  load: async () => {
    const { KafkaProvider } = await import('./provider.js');
    return { createProvider: (config) => new KafkaProvider(config) };
  },
};
