import { ErrorCode } from '../../src/api/error-codes.js';
import { JMSException } from '../../src/api/exceptions.js';
import { adapterLogger, type OptionSpec, type ProviderConfig } from '../../src/spi/public.js';
import { rocketLibraryLogger, type RocketLibraryLogger } from './logging.js';

/** The URL options of `rocketmq://`, checked and parsed by src/config. */
export const ROCKETMQ_OPTION_SPECS: readonly OptionSpec[] = [
  {
    name: 'brokerAddress',
    kind: 'string',
    description:
      "The broker's remoting address (host:port) for creating topics and consumer groups, which the gRPC proxy protocol cannot do; default: the proxy's host, port 10911.",
  },
  { name: 'requestTimeout', kind: 'integer', min: 1000, default: 5000, unit: 'ms', description: 'How long one request to the proxy or broker may take, connecting included.' },
  {
    name: 'invisibleDuration',
    kind: 'integer',
    min: 1000,
    default: 60000,
    unit: 'ms',
    description: 'How long a received message stays hidden from the rest of its group before it is delivered again unless acknowledged (a crashed consumer\'s messages come back after it).',
  },
  {
    name: 'pollWait',
    kind: 'integer',
    min: 100,
    default: 5000,
    unit: 'ms',
    description:
      "How long one receive long-polls the proxy. A stock proxy refuses less than 5 s (its grpcClientConsumerMinLongPollingTimeoutMillis); shorter polls bring messages a closed consumer gave back sooner.",
  },
];

export interface RocketOptions {
  readonly brokerHost: string;
  readonly brokerPort: number;
  readonly requestTimeout: number;
  readonly invisibleDuration: number;
  readonly pollWait: number;
  /** What the client library logs through: the adapter's logger, or nothing. */
  readonly libraryLogger: RocketLibraryLogger;
}

export function rocketOptions(config: ProviderConfig): RocketOptions {
  const { options } = config;
  const proxyHost = config.hosts[0]?.host ?? '127.0.0.1';
  const given = options.brokerAddress as string | undefined;
  let brokerHost = proxyHost;
  let brokerPort = 10911;
  if (given !== undefined) {
    const match = /^(.+):(\d{1,5})$/.exec(given);
    if (!match) throw new JMSException(`brokerAddress must be host:port, got "${given}" in "${config.url}"`, ErrorCode.INVALID_CONFIGURATION);
    brokerHost = match[1]!;
    brokerPort = Number(match[2]);
  }
  return {
    brokerHost,
    brokerPort,
    requestTimeout: options.requestTimeout as number,
    invisibleDuration: options.invisibleDuration as number,
    pollWait: options.pollWait as number,
    libraryLogger: rocketLibraryLogger(adapterLogger(config, 'rocketmq')),
  };
}
