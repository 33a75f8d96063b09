import { ErrorCode } from '../../src/api/error-codes.js';
import { InvalidClientIDException, JMSException, JMSSecurityException } from '../../src/api/exceptions.js';
import { tlsFailure } from '../../src/spi/public.js';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Turns a node-redis error into the JMSException a JMS application expects. `what` says what was tried. */
export function toJmsException(error: unknown, what: string): JMSException {
  if (error instanceof JMSException) return error;
  const message = messageOf(error);
  if (/^(WRONGPASS|NOAUTH|NOPERM)/.test(message)) return new JMSSecurityException(`${what}: ${message}`, ErrorCode.ACCESS_REFUSED, error);
  return new JMSException(`${what}: ${message}`, ErrorCode.BROKER_ERROR, error);
}

/** Errors of connecting: refused credentials named as such. */
export function connectError(error: unknown, url: string, secure = false): JMSException {
  const tls = tlsFailure(error, `Redis at ${url}`);
  if (tls !== null) return tls;
  const message = messageOf(error);
  if (secure && /Connection timeout/i.test(message)) {
    return new JMSException(`Cannot connect to Redis at ${url}: no TLS handshake answer (is it a plaintext port? use redis://)`, ErrorCode.BROKER_UNAVAILABLE, error);
  }
  if (!secure && /ECONNRESET|Socket closed unexpectedly|socket hang up/i.test(message)) {
    return new JMSException(`Cannot connect to Redis at ${url}: the server closed the connection (is it a TLS port? use rediss://)`, ErrorCode.BROKER_UNAVAILABLE, error);
  }
  if (/WRONGPASS|NOAUTH|invalid password|invalid username-password|without any password configured/i.test(message)) {
    return new JMSSecurityException(`Redis refused the credentials for ${url}: ${message}`, ErrorCode.ACCESS_REFUSED, error);
  }
  return new JMSException(`Cannot connect to Redis at ${url}: ${message}`, ErrorCode.BROKER_UNAVAILABLE, error);
}

export function duplicateClientId(clientId: string): JMSException {
  return new InvalidClientIDException(`Client id "${clientId}" is already in use by another connection`, ErrorCode.CLIENT_ID_IN_USE);
}
