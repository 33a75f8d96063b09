import type { BodyType, MapMessage, MapValue, PropertyObject } from '../api/message.js';
import { AbstractMessage } from './abstract-message.js';
import { convert, plainValue } from './conversions.js';
import { checkName } from './java-number.js';
import { typed, typedFromObject } from './typed-setters.js';
import type { TypedValue, ValueType } from './typed-value.js';

/** Named entries with Java types, read through the JMS map conversion table. */
export class JmsMapMessage extends AbstractMessage implements MapMessage {
  readonly bodyKind = 'map' as const;
  private entries = new Map<string, TypedValue | null>();

  /** Provider-facing: the typed entries (null for an entry set to null). */
  getTypedEntries(): ReadonlyMap<string, TypedValue | null> {
    return this.entries;
  }

  /** Provider-facing: sets an entry without the read-only check. */
  setTypedEntry(name: string, value: TypedValue | null): void {
    this.entries.set(checkName(name, 'Map entry'), value);
  }

  private read<T extends ValueType>(name: string, type: T) {
    return convert(this.entries.get(name), type, `Map entry "${name}"`);
  }

  private write(name: string, type: ValueType, value: unknown): void {
    this.checkBodyWritable();
    checkName(name, 'Map entry');
    this.entries.set(name, typed(type, value, `Map entry "${name}"`));
  }

  getBoolean(name: string): boolean { return this.read(name, 'boolean'); }
  getByte(name: string): number { return this.read(name, 'byte'); }
  getShort(name: string): number { return this.read(name, 'short'); }
  getChar(name: string): string { return this.read(name, 'char'); }
  getInt(name: string): number { return this.read(name, 'int'); }
  getLong(name: string): bigint { return this.read(name, 'long'); }
  getFloat(name: string): number { return this.read(name, 'float'); }
  getDouble(name: string): number { return this.read(name, 'double'); }
  getString(name: string): string | null { return this.read(name, 'string'); }
  getBytes(name: string): Uint8Array | null { return this.read(name, 'bytes'); }
  getObject(name: string): MapValue { return plainValue(this.entries.get(name)); }
  getMapNames(): string[] { return [...this.entries.keys()]; }
  itemExists(name: string): boolean { return this.entries.has(name); }

  setBoolean(name: string, value: boolean): void { this.write(name, 'boolean', value); }
  setByte(name: string, value: number): void { this.write(name, 'byte', value); }
  setShort(name: string, value: number): void { this.write(name, 'short', value); }
  setChar(name: string, value: string): void { this.write(name, 'char', value); }
  setInt(name: string, value: number): void { this.write(name, 'int', value); }
  setLong(name: string, value: bigint | number): void { this.write(name, 'long', value); }
  setFloat(name: string, value: number): void { this.write(name, 'float', value); }
  setDouble(name: string, value: number): void { this.write(name, 'double', value); }

  setString(name: string, value: string | null): void {
    if (value === null) this.setNull(name);
    else this.write(name, 'string', value);
  }

  setBytes(name: string, value: Uint8Array | null, offset = 0, length?: number): void {
    if (value === null) return this.setNull(name);
    this.write(name, 'bytes', value.subarray(offset, length === undefined ? undefined : offset + length));
  }

  setObject(name: string, value: MapValue): void {
    this.checkBodyWritable();
    checkName(name, 'Map entry');
    this.entries.set(name, typedFromObject(value, `Map entry "${name}"`));
  }

  private setNull(name: string): void {
    this.checkBodyWritable();
    this.entries.set(checkName(name, 'Map entry'), null);
  }

  protected clearBodyContent(): void {
    this.entries = new Map();
  }

  protected bodyFor(type: BodyType): { body: unknown } | undefined {
    if (type !== Map && type !== Object) return undefined;
    if (this.entries.size === 0) return { body: null };
    const copy = new Map<string, PropertyObject | Uint8Array | null>();
    for (const [name, value] of this.entries) copy.set(name, plainValue(value));
    return { body: copy };
  }
}
