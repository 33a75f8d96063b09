import {
  IllegalArgumentException,
  MessageEOFException,
  MessageFormatException,
  MessageNotReadableException,
  NullPointerException,
} from '../api/exceptions.js';
import type { BodyType, BytesMessage } from '../api/message.js';
import { AbstractMessage } from './abstract-message.js';
import { checkBoolean, checkChar, checkInteger, checkLong, checkNumber } from './java-number.js';
import { decodeModifiedUtf8, encodeModifiedUtf8 } from './modified-utf8.js';

/**
 * A stream of uninterpreted bytes with java.io.DataOutput / DataInput semantics (big-endian).
 * A new message is write-only; reset() (or being received) makes it read-only and readable.
 */
export class JmsBytesMessage extends AbstractMessage implements BytesMessage {
  readonly bodyKind = 'bytes' as const;
  private buffer: Uint8Array = new Uint8Array(64);
  private view: DataView = new DataView(this.buffer.buffer);
  private length = 0;
  private position = 0;
  private reading = false;

  /** Provider-facing: a readable message over received bytes (not copied). */
  static fromBytes(bytes: Uint8Array): JmsBytesMessage {
    const message = new JmsBytesMessage();
    message.buffer = bytes;
    message.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    message.length = bytes.length;
    message.reading = true;
    message.bodyReadOnly = true;
    return message;
  }

  /** Provider-facing: the body bytes written so far (a view; do not modify). */
  getBodyBytes(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }

  getBodyLength(): number {
    this.checkReadable();
    return this.length;
  }

  reset(): void {
    this.reading = true;
    this.bodyReadOnly = true;
    this.position = 0;
  }

  protected override onReceived(): void {
    this.reset();
  }

  protected clearBodyContent(): void {
    this.buffer = new Uint8Array(64);
    this.view = new DataView(this.buffer.buffer);
    this.length = 0;
    this.position = 0;
    this.reading = false;
  }

  protected bodyFor(type: BodyType): { body: unknown } | undefined {
    if (type !== Uint8Array && type !== Object) return undefined;
    return { body: this.length === 0 && !this.reading ? null : this.buffer.slice(0, this.length) };
  }

  // --- reading ------------------------------------------------------------------------------

  private checkReadable(): void {
    if (!this.reading) throw new MessageNotReadableException('The BytesMessage is write-only; call reset() before reading');
  }

  private take(count: number, what: string): number {
    this.checkReadable();
    if (this.position + count > this.length) {
      throw new MessageEOFException(`Cannot read ${what}: ${this.length - this.position} byte(s) left of ${count} needed`);
    }
    const at = this.position;
    this.position += count;
    return at;
  }

  readBoolean(): boolean { return this.view.getUint8(this.take(1, 'a boolean')) !== 0; }
  readByte(): number { return this.view.getInt8(this.take(1, 'a byte')); }
  readUnsignedByte(): number { return this.view.getUint8(this.take(1, 'an unsigned byte')); }
  readShort(): number { return this.view.getInt16(this.take(2, 'a short')); }
  readUnsignedShort(): number { return this.view.getUint16(this.take(2, 'an unsigned short')); }
  readChar(): string { return String.fromCharCode(this.view.getUint16(this.take(2, 'a char'))); }
  readInt(): number { return this.view.getInt32(this.take(4, 'an int')); }
  readLong(): bigint { return this.view.getBigInt64(this.take(8, 'a long')); }
  readFloat(): number { return this.view.getFloat32(this.take(4, 'a float')); }
  readDouble(): number { return this.view.getFloat64(this.take(8, 'a double')); }

  readUTF(): string {
    this.checkReadable();
    const start = this.position;
    const size = this.view.getUint16(this.take(2, 'a UTF string length'));
    try {
      const at = this.take(size, 'a UTF string');
      return decodeModifiedUtf8(this.buffer.subarray(at, at + size));
    } catch (error) {
      this.position = start;
      throw error;
    }
  }

  readBytes(target: Uint8Array, length: number = target.length): number {
    this.checkReadable();
    if (!Number.isInteger(length) || length < 0 || length > target.length) {
      throw new IllegalArgumentException(`readBytes length ${length} must be between 0 and the buffer length ${target.length}`);
    }
    const left = this.length - this.position;
    if (left === 0) return -1;
    const count = Math.min(length, left);
    target.set(this.buffer.subarray(this.position, this.position + count));
    this.position += count;
    return count;
  }

  // --- writing ------------------------------------------------------------------------------

  private grow(count: number): number {
    this.checkBodyWritable();
    const needed = this.length + count;
    if (needed > this.buffer.length) {
      const next = new Uint8Array(Math.max(needed, this.buffer.length * 2));
      next.set(this.buffer.subarray(0, this.length));
      this.buffer = next;
      this.view = new DataView(next.buffer);
    }
    const at = this.length;
    this.length = needed;
    return at;
  }

  // Each value is checked before grow(): a refused write leaves the body as it was, and the view
  // is read after grow() because growing replaces it.
  writeBoolean(value: boolean): void { const v = checkBoolean(value, 'writeBoolean') ? 1 : 0; const at = this.grow(1); this.view.setUint8(at, v); }
  writeByte(value: number): void { const v = checkInteger('byte', value, 'writeByte'); const at = this.grow(1); this.view.setInt8(at, v); }
  writeShort(value: number): void { const v = checkInteger('short', value, 'writeShort'); const at = this.grow(2); this.view.setInt16(at, v); }
  writeChar(value: string): void { const v = checkChar(value, 'writeChar').charCodeAt(0); const at = this.grow(2); this.view.setUint16(at, v); }
  writeInt(value: number): void { const v = checkInteger('int', value, 'writeInt'); const at = this.grow(4); this.view.setInt32(at, v); }
  writeLong(value: bigint | number): void { const v = checkLong(value, 'writeLong'); const at = this.grow(8); this.view.setBigInt64(at, v); }
  writeFloat(value: number): void { const v = checkNumber(value, 'writeFloat'); const at = this.grow(4); this.view.setFloat32(at, v); }
  writeDouble(value: number): void { const v = checkNumber(value, 'writeDouble'); const at = this.grow(8); this.view.setFloat64(at, v); }

  writeUTF(value: string): void {
    if (typeof value !== 'string') throw new MessageFormatException(`writeUTF needs a string, got ${typeof value}`);
    const encoded = encodeModifiedUtf8(value);
    if (encoded.length > 0xffff) {
      throw new MessageFormatException(`writeUTF: the string encodes to ${encoded.length} bytes, more than the 65535 Java allows`);
    }
    const at = this.grow(2 + encoded.length);
    this.view.setUint16(at, encoded.length);
    this.buffer.set(encoded, at + 2);
  }

  writeBytes(value: Uint8Array, offset = 0, length: number = value.length - offset): void {
    if (!(value instanceof Uint8Array)) throw new MessageFormatException('writeBytes needs a Uint8Array');
    if (offset < 0 || length < 0 || offset + length > value.length) {
      throw new IllegalArgumentException(`writeBytes offset ${offset} and length ${length} do not fit an array of ${value.length}`);
    }
    const at = this.grow(length);
    this.buffer.set(value.subarray(offset, offset + length), at);
  }

  writeObject(value: boolean | number | bigint | string | Uint8Array): void {
    if (value instanceof Uint8Array) return this.writeBytes(value);
    switch (typeof value) {
      case 'boolean':
        return this.writeBoolean(value);
      case 'string':
        return this.writeUTF(value);
      case 'bigint':
        return this.writeLong(value);
      case 'number':
        return Number.isInteger(value) && value >= -2147483648 && value <= 2147483647 ? this.writeInt(value) : this.writeDouble(value);
      default:
        if (value === null || value === undefined) throw new NullPointerException('writeObject(null): the JMS API refuses a null object');
        throw new MessageFormatException(`writeObject cannot write a ${typeof value}`);
    }
  }
}
