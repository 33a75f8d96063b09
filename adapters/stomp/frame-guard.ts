import { screenIncoming } from '../../src/spi/public.js';
import type { Socket } from 'node:net';

/** The largest frame and header block a STOMP peer may send; larger ones end the connection. */
export interface StompFrameLimits {
  readonly maxFrameSize: number;
  readonly maxHeaderSize: number;
}

/**
 * Bounds memory against a hostile or broken broker: stompit buffers a frame's body whole, without a
 * limit. This reads each chunk before stompit does and follows
 * STOMP's framing just far enough to measure each frame: its header block up to the blank line,
 * then `content-length` bytes or up to the NUL. A frame over a limit destroys the socket with an
 * error that says so; stompit reports it like any lost connection.
 */
export function guardFrames(socket: Socket, limits: StompFrameLimits): void {
  let state: 'idle' | 'headers' | 'body' = 'idle';
  let headerBytes = 0;
  let line = '';
  let contentLength: number | null = null;
  let bodyBytes = 0;

  const fail = (what: string, limit: number, option: string): false => {
    socket.destroy(new Error(`the broker sent a STOMP ${what} larger than ${limit} bytes (the ${option} option): the connection was closed to bound memory`));
    return false;
  };

  const admit = (chunk: Buffer): boolean => {
    let at = 0;
    while (at < chunk.length) {
      if (state !== 'body') {
        const newline = chunk.indexOf(0x0a, at);
        const end = newline < 0 ? chunk.length : newline;
        headerBytes += end - at + 1;
        // Only the start of a line matters (content-length).
        if (line.length < 64) line += chunk.toString('latin1', at, Math.min(end, at + 64 - line.length));
        if (headerBytes > limits.maxHeaderSize) return fail('header block', limits.maxHeaderSize, 'maxHeaderSize');
        at = end + 1;
        if (newline < 0) return true;
        const text = line.replace(/\r$/, '').replace(/^\0+/, '');
        line = '';
        if (state === 'idle') {
          // A bare newline before a command is a heart-beat.
          if (text === '') headerBytes = 0;
          else state = 'headers';
        } else if (text === '') {
          state = 'body';
          bodyBytes = 0;
        } else {
          const match = /^content-length:\s*(\d+)/.exec(text);
          if (match && contentLength === null) {
            contentLength = Number(match[1]);
            if (contentLength > limits.maxFrameSize) return fail('frame', limits.maxFrameSize, 'maxFrameSize');
          }
        }
        continue;
      }
      // The body: content-length bytes, then the NUL; or everything up to the NUL.
      if (contentLength !== null && bodyBytes < contentLength) {
        const take = Math.min(contentLength - bodyBytes, chunk.length - at);
        bodyBytes += take;
        at += take;
        continue;
      }
      const nul = chunk.indexOf(0x00, at);
      const end = nul < 0 ? chunk.length : nul;
      bodyBytes += end - at;
      if (bodyBytes > limits.maxFrameSize) return fail('frame', limits.maxFrameSize, 'maxFrameSize');
      at = end + 1;
      if (nul >= 0) {
        state = 'idle';
        headerBytes = 0;
        contentLength = null;
      }
    }
    return true;
  };
  // In front of stompit's listener, not beside it: a refused chunk never reaches it.
  screenIncoming(socket, admit);
}
