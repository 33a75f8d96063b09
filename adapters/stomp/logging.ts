import type net from 'node:net';
import { forwardEvents, type ScopedLogger } from '../../src/spi/public.js';

/**
 * stompit's client errors (ERROR frames, protocol errors) and the socket's end, as the adapter
 * logs them; the client layer reports a lost connection itself.
 */
export function forwardStompEvents(client: Parameters<typeof forwardEvents>[0], socket: net.Socket, log: ScopedLogger, connectionId: string): void {
  forwardEvents(client, log, { error: { level: 'error', message: 'stompit client error' } }, { connectionId });
  forwardEvents(socket, log, { close: { level: 'info', message: 'STOMP socket closed' } }, { connectionId });
  log.debug({ host: socket.remoteAddress, port: socket.remotePort, connectionId }, 'STOMP socket open');
}
