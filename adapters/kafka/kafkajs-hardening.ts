import { createRequire } from 'node:module';

/**
 * A bound on kafkajs's response decoder (2.2.4, unmaintained), installed once when the Kafka adapter
 * loads: an array's item count comes from the broker, and kafkajs loops that many times even past
 * the end of the response (some item readers read nothing there), so a 40-byte response claiming
 * 2^31 items exhausted the heap. Every item of a Kafka array takes at least one byte: a count larger
 * than the bytes left is refused with an error, which fails the request like any broken response.
 */

interface DecoderState {
  buffer: Buffer;
  offset: number;
  readInt32(): number;
  readVarInt(): number;
  readUVarInt(): number;
}
type Reader = (this: DecoderState, reader: unknown) => unknown;

const require = createRequire(import.meta.url);
const decoder = (require('kafkajs/src/protocol/decoder') as { prototype: DecoderState & Record<string, Reader> }).prototype;

function bounded(name: string, readCount: (state: DecoderState) => number, offsetByOne: boolean): void {
  const original = decoder[name]!;
  decoder[name] = function (this: DecoderState, reader: unknown) {
    const start = this.offset;
    const count = readCount(this);
    const left = this.buffer.length - this.offset;
    this.offset = start;
    if ((offsetByOne ? count - 1 : count) > left) {
      throw new Error(`Malformed Kafka response: an array of ${count} items in ${left} bytes`);
    }
    return original.call(this, reader);
  };
}

bounded('readArray', (state) => (state.buffer.length - state.offset >= 4 ? state.readInt32() : 0), false);
bounded('readArrayAsync', (state) => (state.buffer.length - state.offset >= 4 ? state.readInt32() : 0), false);
bounded('readVarIntArray', (state) => state.readVarInt(), false);
// Compact arrays store count + 1.
bounded('readUVarIntArray', (state) => state.readUVarInt(), true);
