import type { Readable } from 'node:stream';

/** A frame as stompit hands it over: headers, and the body as a stream. */
export interface IncomingFrame extends Readable {
  readonly headers: Record<string, string>;
}

export function readBody(frame: IncomingFrame): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    frame.on('data', (chunk: Buffer) => chunks.push(chunk));
    frame.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    frame.once('error', reject);
  });
}
