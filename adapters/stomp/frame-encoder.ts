/**
 * STOMP 1.2 frames as bytes: the command, escaped headers, a blank line, the body and NUL, in one
 * buffer so a frame is one socket write. CONNECT, the one frame without escaping, is stompit's.
 */
const ESCAPED = /[\\\r\n:]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\r': '\\r', '\n': '\\n', ':': '\\c' };

function escape(value: string): string {
  return ESCAPED.test(value) ? value.replace(ESCAPED, (c) => ESCAPES[c]!) : value;
}

export function encodeFrame(command: string, headers: Record<string, string>, body?: Buffer): Buffer {
  let head = `${command}\n`;
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) head += `${escape(name)}:${escape(value)}\n`;
  }
  head += '\n';
  const headLength = Buffer.byteLength(head);
  const bodyLength = body?.length ?? 0;
  const frame = Buffer.allocUnsafe(headLength + bodyLength + 1);
  frame.write(head, 0, headLength, 'utf8');
  if (body !== undefined) frame.set(body, headLength);
  frame[headLength + bodyLength] = 0;
  return frame;
}
