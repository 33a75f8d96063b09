import {
  MessageEOFException,
  MessageFormatException,
  MessageNotReadableException,
} from '../api/exceptions.js';
import type { BodyType, MapValue, StreamMessage } from '../api/message.js';
import { AbstractMessage } from './abstract-message.js';
import { convert, plainValue } from './conversions.js';
import { typed, typedFromObject } from './typed-setters.js';
import type { TypedValue, ValueType } from './typed-value.js';

/**
 * A sequence of typed values read in order through the JMS stream conversion table. A read that
 * fails with MessageFormatException or NumberFormatException does not move the read position.
 */
export class JmsStreamMessage extends AbstractMessage implements StreamMessage {
  readonly bodyKind = 'stream' as const;
  private items: (TypedValue | null)[] = [];
  private position = 0;
  private reading = false;
  /** Bytes of the current byte[] item already returned by readBytes, or -1 when none started. */
  private bytesRead = -1;

  /** Provider-facing: a readable message over decoded items. */
  static fromItems(items: (TypedValue | null)[]): JmsStreamMessage {
    const message = new JmsStreamMessage();
    message.items = items;
    message.reset();
    return message;
  }

  /** Provider-facing: the typed items written. */
  getTypedItems(): readonly (TypedValue | null)[] {
    return this.items;
  }

  reset(): void {
    this.reading = true;
    this.bodyReadOnly = true;
    this.position = 0;
    this.bytesRead = -1;
  }

  protected override onReceived(): void {
    this.reset();
  }

  protected clearBodyContent(): void {
    this.items = [];
    this.reading = false;
    this.position = 0;
    this.bytesRead = -1;
  }

  protected bodyFor(_type: BodyType): { body: unknown } | undefined {
    throw new MessageFormatException('A StreamMessage body cannot be returned by getBody');
  }

  private next<T extends ValueType>(type: T) {
    if (!this.reading) throw new MessageNotReadableException('The StreamMessage is write-only; call reset() before reading');
    if (this.bytesRead >= 0) {
      throw new MessageFormatException('The current byte[] item has not been read to its end with readBytes');
    }
    if (this.position >= this.items.length) throw new MessageEOFException('No more items in the StreamMessage');
    const value = convert(this.items[this.position], type, `Stream item ${this.position}`);
    this.position++;
    return value;
  }

  readBoolean(): boolean { return this.next('boolean'); }
  readByte(): number { return this.next('byte'); }
  readShort(): number { return this.next('short'); }
  readChar(): string { return this.next('char'); }
  readInt(): number { return this.next('int'); }
  readLong(): bigint { return this.next('long'); }
  readFloat(): number { return this.next('float'); }
  readDouble(): number { return this.next('double'); }
  readString(): string | null { return this.next('string'); }

  readObject(): MapValue {
    if (!this.reading) throw new MessageNotReadableException('The StreamMessage is write-only; call reset() before reading');
    if (this.bytesRead >= 0) throw new MessageFormatException('The current byte[] item has not been read to its end with readBytes');
    if (this.position >= this.items.length) throw new MessageEOFException('No more items in the StreamMessage');
    return plainValue(this.items[this.position++]);
  }

  readBytes(target: Uint8Array): number {
    if (!this.reading) throw new MessageNotReadableException('The StreamMessage is write-only; call reset() before reading');
    if (this.position >= this.items.length) throw new MessageEOFException('No more items in the StreamMessage');
    const item = this.items[this.position];
    if (item === null) {
      this.position++;
      return -1;
    }
    if (item.type !== 'bytes') throw new MessageFormatException(`Stream item ${this.position}: a ${item.type} value cannot be read as bytes`);
    const done = Math.max(this.bytesRead, 0);
    const left = item.value.length - done;
    if (this.bytesRead >= 0 && left === 0) {
      this.bytesRead = -1;
      this.position++;
      return -1;
    }
    const count = Math.min(left, target.length);
    target.set(item.value.subarray(done, done + count));
    if (count < target.length) {
      // The item is read to its end (an empty array returns 0).
      this.bytesRead = -1;
      this.position++;
    } else {
      this.bytesRead = done + count;
    }
    return count;
  }

  private write(type: ValueType, value: unknown): void {
    this.checkBodyWritable();
    this.items.push(typed(type, value, `Stream item ${this.items.length}`));
  }

  writeBoolean(value: boolean): void { this.write('boolean', value); }
  writeByte(value: number): void { this.write('byte', value); }
  writeShort(value: number): void { this.write('short', value); }
  writeChar(value: string): void { this.write('char', value); }
  writeInt(value: number): void { this.write('int', value); }
  writeLong(value: bigint | number): void { this.write('long', value); }
  writeFloat(value: number): void { this.write('float', value); }
  writeDouble(value: number): void { this.write('double', value); }

  writeString(value: string | null): void {
    if (value === null) return this.writeNull();
    this.write('string', value);
  }

  writeBytes(value: Uint8Array | null, offset = 0, length?: number): void {
    if (value === null) return this.writeNull();
    this.write('bytes', value.subarray(offset, length === undefined ? undefined : offset + length));
  }

  writeObject(value: MapValue): void {
    this.checkBodyWritable();
    this.items.push(typedFromObject(value, `Stream item ${this.items.length}`));
  }

  private writeNull(): void {
    this.checkBodyWritable();
    this.items.push(null);
  }
}
