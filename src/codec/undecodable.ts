import { ErrorCode } from '../api/error-codes.js';
import { MessageFormatException } from '../api/exceptions.js';
import type { AbstractMessage } from '../message/index.js';

/**
 * A received message whose body cannot be decoded is still delivered (and acknowledged like any
 * other), so it can never block a queue or come back forever: its headers and properties read as
 * usual, while every read of its body throws the MessageFormatException that says why, until
 * clearBody() gives it a fresh body.
 */

/** Methods that never read the body: setters and writers (a received body is read-only anyway), reset() and hooks. */
const NOT_BODY_READS = /^(?:constructor|set.*|write.*|reset|clearBody|clearBodyContent|onReceived|markReceived)$/;

function bodyReads(message: AbstractMessage): Set<string> {
  const names = new Set<string>(['getBody', 'bodyFor']);
  // The body methods of the message's own class and its parents up to AbstractMessage, which holds the headers.
  for (let proto = Object.getPrototypeOf(message) as object | null; proto !== null && Object.hasOwn(proto, 'bodyFor'); proto = Object.getPrototypeOf(proto) as object | null) {
    for (const name of Object.getOwnPropertyNames(proto)) if (!NOT_BODY_READS.test(name)) names.add(name);
  }
  return names;
}

/** `message` (a fresh, empty message of the right kind) with body reads that throw `error`. */
export function withUndecodableBody<T extends AbstractMessage>(message: T, error: MessageFormatException): T {
  const reads = bodyReads(message);
  let cleared = false;
  const failure = () => {
    throw new MessageFormatException(`The body of this message cannot be read: ${error.message}`, ErrorCode.MESSAGE_DECODE_FAILED, error);
  };
  return new Proxy(message, {
    get(target, name, receiver) {
      if (name === 'clearBody') cleared = true; // the application replaces the body: reads work again
      const value = Reflect.get(target, name, receiver) as unknown;
      if (cleared || typeof name !== 'string' || !reads.has(name) || typeof value !== 'function') return value;
      return failure;
    },
  });
}
