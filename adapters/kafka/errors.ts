import { ErrorCode } from '../../src/api/error-codes.js';
import { JMSException } from '../../src/api/exceptions.js';

/** kafkajs errors that mean the brokers could not be reached (rather than a refusal). */
const UNREACHABLE = new Set(['KafkaJSConnectionError', 'KafkaJSConnectionClosedError', 'KafkaJSRequestTimeoutError', 'KafkaJSBrokerNotFound']);

/** Whether a kafkajs error (or the last one it gave up retrying on) is the network's. */
export function unreachable(error: unknown): boolean {
  const name = (error as Error | undefined)?.name ?? '';
  if (UNREACHABLE.has(name)) return true;
  const original = (error as { cause?: unknown } | undefined)?.cause;
  return (name === 'KafkaJSNumberOfRetriesExceeded' || name === 'KafkaJSNonRetriableError') && original !== undefined && unreachable(original);
}

/**
 * A kafkajs failure as a JMSException that says what was being done; JMSExceptions pass through.
 * Brokers out of reach give CONNECTION_LOST (the client layer reconnects), anything else BROKER_ERROR.
 */
export function kafkaError(error: unknown, what: string): JMSException {
  if (error instanceof JMSException) return error;
  const code = unreachable(error) ? ErrorCode.CONNECTION_LOST : ErrorCode.BROKER_ERROR;
  return new JMSException(`${what}: ${(error as Error)?.message ?? String(error)}`, code, error);
}
