import { ErrorCode } from '../../src/api/error-codes.js';
import { JMSException } from '../../src/api/exceptions.js';

/** A kafkajs failure as a JMSException that says what was being done; JMSExceptions pass through. */
export function kafkaError(error: unknown, what: string): JMSException {
  if (error instanceof JMSException) return error;
  return new JMSException(`${what}: ${(error as Error)?.message ?? String(error)}`, ErrorCode.BROKER_ERROR, error);
}
