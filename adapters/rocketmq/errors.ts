import { ErrorCode } from '../../src/api/error-codes.js';
import { InvalidDestinationException, JMSException, JMSSecurityException } from '../../src/api/exceptions.js';

function messageOf(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error && !error.message.includes(cause.message) ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}

/** The gRPC status or RocketMQ response code an error carries, if any. */
function codeOf(error: unknown): number | null {
  for (let e: unknown = error; e instanceof Error; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'number') return code;
  }
  return null;
}

/** True when the error says the proxy or broker cannot be reached (gRPC UNAVAILABLE, refused or reset sockets). */
export function isUnreachable(error: unknown): boolean {
  const code = codeOf(error);
  return code === 14 || code === 4 || /UNAVAILABLE|ECONNREFUSED|ECONNRESET|EHOSTUNREACH|No connection established|timed out|DEADLINE_EXCEEDED/i.test(messageOf(error));
}

/** Turns a rocketmq-client-nodejs or remoting error into the JMSException a JMS application expects. `what` says what was tried. */
export function toJmsException(error: unknown, what: string): JMSException {
  if (error instanceof JMSException) return error;
  const message = messageOf(error);
  const code = codeOf(error);
  // 40100/40300: the proxy's UNAUTHORIZED and FORBIDDEN; 16/17 of the remoting protocol: no permission, no topic.
  if (code === 40100 || code === 40300 || /UnauthorizedException|ForbiddenException|NO_PERMISSION/i.test(message)) {
    return new JMSSecurityException(`${what}: ${message}`, ErrorCode.ACCESS_REFUSED, error);
  }
  if (code === 40402 || code === 40401) return new InvalidDestinationException(`${what}: ${message}`, ErrorCode.NOT_FOUND, error);
  return new JMSException(`${what}: ${message}`, ErrorCode.BROKER_ERROR, error);
}

/** Errors of connecting: refused credentials named as such, anything else as an unreachable broker. */
export function connectError(error: unknown, url: string): JMSException {
  const converted = toJmsException(error, `Cannot connect to RocketMQ at ${url}`);
  if (converted instanceof JMSSecurityException) return converted;
  return new JMSException(`Cannot connect to RocketMQ at ${url}: ${messageOf(error)}`, ErrorCode.BROKER_UNAVAILABLE, error);
}
