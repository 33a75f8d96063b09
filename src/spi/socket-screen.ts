import type { Socket } from 'node:net';

/**
 * Puts `admit` in front of every reader of a socket's data: each chunk is shown to it first, and a
 * chunk it refuses (returning false, after destroying the socket) reaches no 'data' listener, not
 * even one added earlier. For adapters that bound what a broker may send before their client
 * library buffers or parses it.
 */
export function screenIncoming(socket: Socket, admit: (chunk: Buffer) => boolean): void {
  const emit = socket.emit.bind(socket) as (event: string | symbol, ...args: unknown[]) => boolean;
  socket.emit = ((event: string | symbol, ...args: unknown[]) => {
    if (event === 'data' && (socket.destroyed || !admit(args[0] as Buffer))) return false;
    return emit(event, ...args);
  }) as typeof socket.emit;
}
