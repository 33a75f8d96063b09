import { ErrorCode } from '../../src/api/error-codes.js';
import {
  IllegalStateException,
  InvalidClientIDException,
  InvalidDestinationException,
  JMSException,
  JMSSecurityException,
} from '../../src/api/exceptions.js';
import { tlsFailure } from '../../src/spi/public.js';

/** AMQP reply codes (AMQP 0-9-1 §1.2) jms-ts reacts to. */
export const REPLY = {
  accessRefused: 403,
  notFound: 404,
  resourceLocked: 405,
  preconditionFailed: 406,
  notAllowed: 530,
} as const;

/** The AMQP reply code an amqplib error carries, if any. */
export function replyCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Turns an amqplib error into the JMSException a JMS application expects. `what` says what was tried. */
export function toJmsException(error: unknown, what: string): JMSException {
  if (error instanceof JMSException) return error;
  const detail = `${what}: ${messageOf(error)}`;
  switch (replyCode(error)) {
    case REPLY.accessRefused:
      return new JMSSecurityException(detail, ErrorCode.ACCESS_REFUSED, error);
    case REPLY.notFound:
      return new InvalidDestinationException(detail, ErrorCode.NOT_FOUND, error);
    case REPLY.resourceLocked:
      return new IllegalStateException(detail, ErrorCode.RESOURCE_LOCKED, error);
    case REPLY.preconditionFailed:
      return new IllegalStateException(detail, ErrorCode.PRECONDITION_FAILED, error);
    default:
      return new JMSException(detail, ErrorCode.BROKER_ERROR, error);
  }
}

/**
 * Errors of amqplib's connect: bad credentials, unknown virtual hosts, TLS handshake failures and
 * a port that does not answer AMQP named as such.
 */
export function connectError(error: unknown, url: string, vhost: string, timeout: number, secure: boolean): JMSException {
  const tls = tlsFailure(error, `RabbitMQ at ${url}`);
  if (tls !== null) return tls;
  const message = messageOf(error);
  if (message === 'connect ETIMEDOUT') {
    // amqplib's idle timer: the port may have accepted the connection and never answered.
    return new JMSException(
      `Cannot connect to RabbitMQ at ${url}: no AMQP answer within ${timeout} ms (nothing accepts there, or it is not an AMQP${secure ? ' over TLS' : ''} port${secure ? '' : ': a TLS port needs amqps://'})`,
      ErrorCode.BROKER_UNAVAILABLE,
      error,
    );
  }
  if (/closed abruptly|ECONNRESET|socket hang up|disconnected before secure/i.test(message)) {
    return new JMSException(
      `Cannot connect to RabbitMQ at ${url}: the broker closed the connection during the handshake (${secure ? 'is it a plaintext port? drop amqps://' : 'is it a TLS port? use amqps://'})`,
      ErrorCode.BROKER_UNAVAILABLE,
      error,
    );
  }
  if (/ACCESS[-_]REFUSED|403/.test(message)) {
    return new JMSSecurityException(`RabbitMQ refused the credentials for ${url}: ${message}`, ErrorCode.ACCESS_REFUSED, error);
  }
  // The broker answers connection.open for an unknown or forbidden vhost with a bare connection.close.
  if (/NOT[-_]ALLOWED|vhost|530|ConnectionOpenOk/i.test(message)) {
    return new JMSException(
      `RabbitMQ refused the virtual host "${vhost}" of ${url} (does it exist, may this user use it?): ${message}`,
      'NOT_ALLOWED',
      error,
    );
  }
  return new JMSException(`Cannot connect to RabbitMQ at ${url}: ${message}`, ErrorCode.BROKER_UNAVAILABLE, error);
}

export function duplicateClientId(clientId: string, error: unknown): JMSException {
  return new InvalidClientIDException(`Client id "${clientId}" is already in use by another connection`, ErrorCode.CLIENT_ID_IN_USE, error);
}
