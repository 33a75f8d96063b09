import net from 'node:net';
import tls from 'node:tls';
import type { ISocketFactory } from 'kafkajs';
import { screenIncoming } from '../../src/spi/public.js';

/** kafkajs's own keep-alive delay for broker sockets. */
const KEEP_ALIVE_DELAY = 60000;

/**
 * kafkajs's socket factory with a bound on responses: kafkajs buffers a response until the size its
 * 4-byte prefix announces has arrived, whatever that size. This reads each chunk before kafkajs does and destroys the socket on a size above
 * `maxResponseSize` or below zero, with an error that says so; kafkajs then fails the pending
 * request like any broken connection.
 */
export function guardedSocketFactory(maxResponseSize: number): ISocketFactory {
  return ({ host, port, ssl, onConnect }) => {
    const socket = ssl
      ? tls.connect({ host, port, ...(net.isIP(host) === 0 ? { servername: host } : {}), ...(ssl as tls.ConnectionOptions) }, onConnect)
      : net.connect({ host, port }, onConnect);
    socket.setKeepAlive(true, KEEP_ALIVE_DELAY);
    guardResponses(socket, maxResponseSize);
    return socket;
  };
}

function guardResponses(socket: net.Socket, maxResponseSize: number): void {
  const size = Buffer.alloc(4);
  let sizeBytes = 0;
  let remaining = 0;
  const admit = (chunk: Buffer): boolean => {
    let at = 0;
    while (at < chunk.length) {
      if (remaining > 0) {
        const take = Math.min(remaining, chunk.length - at);
        remaining -= take;
        at += take;
        continue;
      }
      size[sizeBytes++] = chunk[at++]!;
      if (sizeBytes < 4) continue;
      sizeBytes = 0;
      const announced = size.readInt32BE(0);
      if (announced < 0 || announced > maxResponseSize) {
        socket.destroy(
          new Error(`the broker announced a response of ${announced} bytes, outside 0..${maxResponseSize} (the maxResponseSize option): the connection was closed to bound memory`),
        );
        return false;
      }
      remaining = announced;
    }
    return true;
  };
  // In front of kafkajs's listener, not beside it: a refused chunk never reaches it.
  screenIncoming(socket, admit);
}
