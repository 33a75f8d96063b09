import type { DeliveryMode } from './constants.js';
import type { Destination } from './destination.js';

/**
 * JMS messages. Header and property accessors are synchronous, as in Java; only acknowledge()
 * does I/O. Java's numeric types are explicit: byte/short/int/float/double values are numbers
 * (range-checked, float rounded with Math.fround), long values are bigints.
 */

/** The message's body type, as a discriminator. */
export type BodyKindName = 'message' | 'text' | 'bytes' | 'map' | 'stream' | 'object';

/**
 * Type tokens for getBody/isBodyAssignableTo, standing for Java's classes: String for a
 * TextMessage, Uint8Array for a BytesMessage, Map for a MapMessage, Object for any body.
 */
export type BodyType = StringConstructor | Uint8ArrayConstructor | MapConstructor | ObjectConstructor;

/** A property or map value read with getObjectProperty/getObject. */
export type PropertyObject = boolean | number | bigint | string;

/** A JMS message: headers, typed properties and (in the subtypes) a body. */
export interface Message {
  readonly bodyKind: BodyKindName;

  getJMSMessageID(): string | null;
  setJMSMessageID(id: string | null): void;
  getJMSTimestamp(): number;
  setJMSTimestamp(timestamp: number): void;
  getJMSCorrelationID(): string | null;
  setJMSCorrelationID(id: string | null): void;
  getJMSCorrelationIDAsBytes(): Uint8Array | null;
  setJMSCorrelationIDAsBytes(id: Uint8Array | null): void;
  getJMSReplyTo(): Destination | null;
  setJMSReplyTo(destination: Destination | null): void;
  getJMSDestination(): Destination | null;
  setJMSDestination(destination: Destination | null): void;
  getJMSDeliveryMode(): DeliveryMode;
  setJMSDeliveryMode(mode: DeliveryMode): void;
  getJMSRedelivered(): boolean;
  setJMSRedelivered(redelivered: boolean): void;
  getJMSType(): string | null;
  setJMSType(type: string | null): void;
  getJMSExpiration(): number;
  setJMSExpiration(expiration: number): void;
  getJMSDeliveryTime(): number;
  setJMSDeliveryTime(deliveryTime: number): void;
  getJMSPriority(): number;
  setJMSPriority(priority: number): void;

  clearProperties(): void;
  propertyExists(name: string): boolean;
  getBooleanProperty(name: string): boolean;
  getByteProperty(name: string): number;
  getShortProperty(name: string): number;
  getIntProperty(name: string): number;
  getLongProperty(name: string): bigint;
  getFloatProperty(name: string): number;
  getDoubleProperty(name: string): number;
  getStringProperty(name: string): string | null;
  getObjectProperty(name: string): PropertyObject | null;
  getPropertyNames(): string[];
  setBooleanProperty(name: string, value: boolean): void;
  setByteProperty(name: string, value: number): void;
  setShortProperty(name: string, value: number): void;
  setIntProperty(name: string, value: number): void;
  setLongProperty(name: string, value: bigint | number): void;
  setFloatProperty(name: string, value: number): void;
  setDoubleProperty(name: string, value: number): void;
  setStringProperty(name: string, value: string | null): void;
  /**
   * boolean, string and bigint (long) map to their Java types; a number is an int when it is an
   * integer in int range and a double otherwise. Use the typed setters to choose another type.
   */
  setObjectProperty(name: string, value: PropertyObject | null): void;

  /** Acknowledges this message and every other message its session has delivered (CLIENT_ACKNOWLEDGE). */
  acknowledge(): Promise<void>;
  clearBody(): void;
  getBody(type: StringConstructor): string | null;
  getBody(type: Uint8ArrayConstructor): Uint8Array | null;
  getBody(type: MapConstructor): Map<string, PropertyObject | Uint8Array | null> | null;
  getBody(type: ObjectConstructor): unknown;
  isBodyAssignableTo(type: BodyType): boolean;
}

/** A message whose body is a string. */
export interface TextMessage extends Message {
  readonly bodyKind: 'text';
  getText(): string | null;
  setText(text: string | null): void;
}

/** A message whose body is a stream of bytes, read and written with typed methods. */
export interface BytesMessage extends Message {
  readonly bodyKind: 'bytes';
  getBodyLength(): number;
  readBoolean(): boolean;
  readByte(): number;
  readUnsignedByte(): number;
  readShort(): number;
  readUnsignedShort(): number;
  readChar(): string;
  readInt(): number;
  readLong(): bigint;
  readFloat(): number;
  readDouble(): number;
  readUTF(): string;
  /** Reads up to `length` (default buffer.length) bytes into `buffer`; the count read, or -1 at the end. */
  readBytes(buffer: Uint8Array, length?: number): number;
  writeBoolean(value: boolean): void;
  writeByte(value: number): void;
  writeShort(value: number): void;
  writeChar(value: string): void;
  writeInt(value: number): void;
  writeLong(value: bigint | number): void;
  writeFloat(value: number): void;
  writeDouble(value: number): void;
  writeUTF(value: string): void;
  writeBytes(value: Uint8Array, offset?: number, length?: number): void;
  writeObject(value: boolean | number | bigint | string | Uint8Array): void;
  /** Puts the body in read-only mode and the read position at the start. */
  reset(): void;
}

/** A map or stream entry value: the property types plus char (a one-character string) and byte[]. */
export type MapValue = PropertyObject | Uint8Array | null;

/** A message whose body is a set of named, typed values. */
export interface MapMessage extends Message {
  readonly bodyKind: 'map';
  getBoolean(name: string): boolean;
  getByte(name: string): number;
  getShort(name: string): number;
  getChar(name: string): string;
  getInt(name: string): number;
  getLong(name: string): bigint;
  getFloat(name: string): number;
  getDouble(name: string): number;
  getString(name: string): string | null;
  getBytes(name: string): Uint8Array | null;
  getObject(name: string): MapValue;
  getMapNames(): string[];
  itemExists(name: string): boolean;
  setBoolean(name: string, value: boolean): void;
  setByte(name: string, value: number): void;
  setShort(name: string, value: number): void;
  setChar(name: string, value: string): void;
  setInt(name: string, value: number): void;
  setLong(name: string, value: bigint | number): void;
  setFloat(name: string, value: number): void;
  setDouble(name: string, value: number): void;
  setString(name: string, value: string | null): void;
  setBytes(name: string, value: Uint8Array | null, offset?: number, length?: number): void;
  /** Same type rules as setObjectProperty, plus Uint8Array for byte[]. */
  setObject(name: string, value: MapValue): void;
}

/** A message whose body is a sequence of typed values, read back in order. */
export interface StreamMessage extends Message {
  readonly bodyKind: 'stream';
  readBoolean(): boolean;
  readByte(): number;
  readShort(): number;
  readChar(): string;
  readInt(): number;
  readLong(): bigint;
  readFloat(): number;
  readDouble(): number;
  readString(): string | null;
  /** Reads a byte[] field in chunks: the count read, 0 for an empty array, -1 after the last chunk or for null. */
  readBytes(buffer: Uint8Array): number;
  readObject(): MapValue;
  writeBoolean(value: boolean): void;
  writeByte(value: number): void;
  writeShort(value: number): void;
  writeChar(value: string): void;
  writeInt(value: number): void;
  writeLong(value: bigint | number): void;
  writeFloat(value: number): void;
  writeDouble(value: number): void;
  writeString(value: string | null): void;
  writeBytes(value: Uint8Array | null, offset?: number, length?: number): void;
  writeObject(value: MapValue): void;
  reset(): void;
}

/**
 * Plain data only: null, booleans, numbers, bigints, strings, Uint8Array, Date, arrays and plain
 * objects, nested. The body is copied when set and when read, as Java serialises it.
 */
export type ObjectBody = unknown;

/** A message whose body is a JSON-serializable value. */
export interface ObjectMessage extends Message {
  readonly bodyKind: 'object';
  getObject(): ObjectBody;
  setObject(value: ObjectBody): void;
}
