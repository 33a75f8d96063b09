import type { ConnectionStatus } from '../../api/connection-status.js';

interface Reader {
  readonly queue: ConnectionStatus[];
  wake: (() => void) | null;
}

/**
 * Status events to any number of async iterators: each `iterate()` sees the events emitted after
 * it was called, kept until read, and ends when the stream ends (the connection closed).
 */
export class StatusStream {
  private readonly readers = new Set<Reader>();
  private ended = false;

  emit(event: ConnectionStatus): void {
    if (this.ended) return;
    for (const reader of this.readers) {
      reader.queue.push(event);
      reader.wake?.();
    }
  }

  end(): void {
    this.ended = true;
    for (const reader of this.readers) reader.wake?.();
  }

  iterate(): AsyncIterable<ConnectionStatus> {
    const reader: Reader = { queue: [], wake: null };
    if (!this.ended) this.readers.add(reader);
    const stream = this;
    return {
      [Symbol.asyncIterator]: () => ({
        async next(): Promise<IteratorResult<ConnectionStatus>> {
          for (;;) {
            const event = reader.queue.shift();
            if (event !== undefined) return { value: event, done: false };
            if (stream.ended || !stream.readers.has(reader)) return { value: undefined, done: true };
            await new Promise<void>((resolve) => (reader.wake = resolve));
            reader.wake = null;
          }
        },
        async return(): Promise<IteratorResult<ConnectionStatus>> {
          stream.readers.delete(reader);
          reader.wake?.();
          return { value: undefined, done: true };
        },
      }),
    };
  }
}
