import type { KafkaConfig } from 'kafkajs';
import { kafkaLogging } from './logging.js';
import { AcknowledgeMode } from '../../src/api/constants.js';
import { adapterLogger, type ProviderConfig } from '../../src/spi/public.js';
import { guardedSocketFactory } from './response-guard.js';
import './kafkajs-hardening.js';
import type { QueueMode } from './share-queues.js';

/**
 * The kafkajs settings the adapter chooses, in one place: the client's, the consumers', and how
 * eagerly each acknowledge mode commits.
 */

/** Milliseconds, from the URL options `sessionTimeout` (consumer groups) and `transactionTimeout`. */
export interface KafkaTimeouts {
  readonly session: number;
  readonly transaction: number;
  /** How queues are read (URL option `queueMode`). */
  readonly queueMode: QueueMode;
}

/** The kafkajs client configuration for a `kafka://` URL, with its timeouts. */
export function kafkaOptions(provider: ProviderConfig): { config: KafkaConfig; timeouts: KafkaTimeouts } {
  const config: KafkaConfig = {
    clientId: 'jms-ts',
    brokers: provider.hosts.map(({ host, port }) => `${host.includes(':') ? `[${host}]` : host}:${port ?? 9092}`),
    ...kafkaLogging(adapterLogger(provider, 'kafka')),
    // A broker that is down fails createConnection within a few seconds instead of retrying forever.
    connectionTimeout: provider.options.connectTimeout as number,
    authenticationTimeout: provider.options.connectTimeout as number,
    retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 1000 },
    socketFactory: guardedSocketFactory(provider.options.maxResponseSize as number),
  };
  // Parsed, bounded and defaulted by src/config against the descriptor's option specs.
  const timeouts = {
    session: provider.options.sessionTimeout as number,
    transaction: provider.options.transactionTimeout as number,
    queueMode: (provider.options.queueMode as QueueMode | undefined) ?? 'auto',
  };
  return { config, timeouts };
}

/**
 * Consumer settings for a session timeout. Every consumer reads with isolation level read_committed
 * (kafkajs's default, stated here because transactions depend on it): records of an aborted or
 * still open transaction are never delivered.
 */
export function consumerTiming(sessionTimeout: number) {
  return { sessionTimeout, rebalanceTimeout: sessionTimeout, heartbeatInterval: 300, maxWaitTimeInMs: 100, readUncommitted: false };
}

export type ConsumerTiming = ReturnType<typeof consumerTiming>;

/** How often a DUPS_OK_ACKNOWLEDGE subscription commits what was consumed meanwhile. */
export const DUPS_OK_COMMIT_INTERVAL_MS = 250;

/**
 * How long acknowledgements gather before a commit (see OffsetCommitter): DUPS_OK_ACKNOWLEDGE's
 * interval; none in the other modes, which commit whenever no commit is in flight.
 */
export function commitDelay(mode: AcknowledgeMode | undefined): number {
  return mode === AcknowledgeMode.DUPS_OK_ACKNOWLEDGE ? DUPS_OK_COMMIT_INTERVAL_MS : 0;
}
