import { DEFAULT_PRIORITY, DeliveryMode } from '../api/constants.js';
import type { Destination } from '../api/destination.js';
import {
  MessageFormatException,
  MessageNotWriteableException,
} from '../api/exceptions.js';
import type { BodyKindName, BodyType, Message, PropertyObject } from '../api/message.js';
import { convert, plainValue } from './conversions.js';
import { checkBoolean, checkInteger, checkLong, checkNumber, checkString } from './java-number.js';
import { checkPropertyName } from './property-names.js';
import type { PropertyTypedValue } from './typed-value.js';

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();

/** JMSX properties that must be ints when set. */
const INT_JMSX = new Set(['JMSXGroupSeq', 'JMSXDeliveryCount']);
/** The properties of every message that has none: shared, never written (a message makes its own map on its first property). */
const NO_PROPERTIES: Map<string, PropertyTypedValue> = new Map();

/**
 * Headers, typed properties and the read-only rules shared by every message type.
 *
 * Methods marked "provider-facing" are for the client layer and the codec, not for applications:
 * they bypass read-only checks to build or deliver a message.
 */
export abstract class AbstractMessage implements Message {
  abstract readonly bodyKind: BodyKindName;

  private messageId: string | null = null;
  private timestamp = 0;
  private correlationId: string | Uint8Array | null = null;
  private replyTo: Destination | null = null;
  private destination: Destination | null = null;
  private deliveryMode: DeliveryMode = DeliveryMode.PERSISTENT;
  private redelivered = false;
  private type: string | null = null;
  private expiration = 0;
  private deliveryTime = 0;
  private priority = DEFAULT_PRIORITY;
  private properties = NO_PROPERTIES;
  private propertiesReadOnly = false;
  protected bodyReadOnly = false;
  private acknowledger: (() => Promise<void>) | null = null;

  getJMSMessageID(): string | null { return this.messageId; }
  setJMSMessageID(id: string | null): void { this.messageId = checkString(id, 'JMSMessageID'); }
  getJMSTimestamp(): number { return this.timestamp; }
  setJMSTimestamp(timestamp: number): void { this.timestamp = checkNumber(timestamp, 'JMSTimestamp'); }

  getJMSCorrelationID(): string | null {
    if (this.correlationId instanceof Uint8Array) return utf8Decoder.decode(this.correlationId);
    return this.correlationId;
  }
  setJMSCorrelationID(id: string | null): void { this.correlationId = checkString(id, 'JMSCorrelationID'); }
  getJMSCorrelationIDAsBytes(): Uint8Array | null {
    if (this.correlationId === null) return null;
    return this.correlationId instanceof Uint8Array ? this.correlationId.slice() : utf8.encode(this.correlationId);
  }
  setJMSCorrelationIDAsBytes(id: Uint8Array | null): void {
    if (id !== null && !(id instanceof Uint8Array)) throw new MessageFormatException('JMSCorrelationIDAsBytes must be a Uint8Array or null');
    this.correlationId = id === null ? null : id.slice();
  }
  /** Provider-facing: whether the correlation id was set as bytes. */
  correlationIdIsBytes(): boolean { return this.correlationId instanceof Uint8Array; }

  getJMSReplyTo(): Destination | null { return this.replyTo; }
  setJMSReplyTo(destination: Destination | null): void { this.replyTo = destination; }
  getJMSDestination(): Destination | null { return this.destination; }
  setJMSDestination(destination: Destination | null): void { this.destination = destination; }
  getJMSDeliveryMode(): DeliveryMode { return this.deliveryMode; }
  setJMSDeliveryMode(mode: DeliveryMode): void {
    if (mode !== DeliveryMode.PERSISTENT && mode !== DeliveryMode.NON_PERSISTENT) {
      throw new MessageFormatException(`JMSDeliveryMode must be DeliveryMode.PERSISTENT (2) or NON_PERSISTENT (1), got ${String(mode)}`);
    }
    this.deliveryMode = mode;
  }
  getJMSRedelivered(): boolean { return this.redelivered; }
  setJMSRedelivered(redelivered: boolean): void { this.redelivered = checkBoolean(redelivered, 'JMSRedelivered'); }
  getJMSType(): string | null { return this.type; }
  setJMSType(type: string | null): void { this.type = checkString(type, 'JMSType'); }
  getJMSExpiration(): number { return this.expiration; }
  setJMSExpiration(expiration: number): void { this.expiration = checkNumber(expiration, 'JMSExpiration'); }
  getJMSDeliveryTime(): number { return this.deliveryTime; }
  setJMSDeliveryTime(deliveryTime: number): void { this.deliveryTime = checkNumber(deliveryTime, 'JMSDeliveryTime'); }
  getJMSPriority(): number { return this.priority; }
  setJMSPriority(priority: number): void {
    if (!Number.isInteger(priority) || priority < 0 || priority > 9) {
      throw new MessageFormatException(`JMSPriority must be a whole number from 0 to 9, got ${String(priority)}`);
    }
    this.priority = priority;
  }

  // --- properties -------------------------------------------------------------------------

  clearProperties(): void {
    this.properties = NO_PROPERTIES;
    this.propertiesReadOnly = false;
  }
  propertyExists(name: string): boolean { return this.properties.has(name); }
  getPropertyNames(): string[] { return [...this.properties.keys()]; }

  getBooleanProperty(name: string): boolean { return convert(this.properties.get(name), 'boolean', `Property "${name}"`); }
  getByteProperty(name: string): number { return convert(this.properties.get(name), 'byte', `Property "${name}"`); }
  getShortProperty(name: string): number { return convert(this.properties.get(name), 'short', `Property "${name}"`); }
  getIntProperty(name: string): number { return convert(this.properties.get(name), 'int', `Property "${name}"`); }
  getLongProperty(name: string): bigint { return convert(this.properties.get(name), 'long', `Property "${name}"`); }
  getFloatProperty(name: string): number { return convert(this.properties.get(name), 'float', `Property "${name}"`); }
  getDoubleProperty(name: string): number { return convert(this.properties.get(name), 'double', `Property "${name}"`); }
  getStringProperty(name: string): string | null { return convert(this.properties.get(name), 'string', `Property "${name}"`); }
  getObjectProperty(name: string): PropertyObject | null {
    return plainValue(this.properties.get(name)) as PropertyObject | null;
  }

  setBooleanProperty(name: string, value: boolean): void {
    this.putProperty(name, { type: 'boolean', value: checkBoolean(value, `Property "${name}"`) });
  }
  setByteProperty(name: string, value: number): void {
    this.putProperty(name, { type: 'byte', value: checkInteger('byte', value, `Property "${name}"`) });
  }
  setShortProperty(name: string, value: number): void {
    this.putProperty(name, { type: 'short', value: checkInteger('short', value, `Property "${name}"`) });
  }
  setIntProperty(name: string, value: number): void {
    this.putProperty(name, { type: 'int', value: checkInteger('int', value, `Property "${name}"`) });
  }
  setLongProperty(name: string, value: bigint | number): void {
    this.putProperty(name, { type: 'long', value: checkLong(value, `Property "${name}"`) });
  }
  setFloatProperty(name: string, value: number): void {
    this.putProperty(name, { type: 'float', value: Math.fround(checkNumber(value, `Property "${name}"`)) });
  }
  setDoubleProperty(name: string, value: number): void {
    this.putProperty(name, { type: 'double', value: checkNumber(value, `Property "${name}"`) });
  }
  setStringProperty(name: string, value: string | null): void {
    const text = checkString(value, `Property "${name}"`);
    if (text === null) this.removeProperty(name);
    else this.putProperty(name, { type: 'string', value: text });
  }
  setObjectProperty(name: string, value: PropertyObject | null): void {
    if (value === null || value === undefined) {
      this.removeProperty(name);
      return;
    }
    switch (typeof value) {
      case 'boolean':
        return this.setBooleanProperty(name, value);
      case 'string':
        return this.setStringProperty(name, value);
      case 'bigint':
        return this.setLongProperty(name, value);
      case 'number':
        return Number.isInteger(value) && value >= -2147483648 && value <= 2147483647
          ? this.setIntProperty(name, value)
          : this.setDoubleProperty(name, value);
      default:
        throw new MessageFormatException(
          `Property "${name}": a ${typeof value} is not a JMS property type (boolean, number, bigint or string)`,
        );
    }
  }

  private putProperty(name: string, value: PropertyTypedValue): void {
    this.checkPropertiesWritable();
    checkPropertyName(name);
    if (INT_JMSX.has(name) && value.type !== 'int') {
      throw new MessageFormatException(`Property "${name}" must be an int, got ${value.type}`);
    }
    this.setTypedProperty(name, value);
  }

  private removeProperty(name: string): void {
    this.checkPropertiesWritable();
    checkPropertyName(name);
    if (this.properties !== NO_PROPERTIES) this.properties.delete(name);
  }

  private checkPropertiesWritable(): void {
    if (this.propertiesReadOnly) {
      throw new MessageNotWriteableException('The properties of a received message are read-only; call clearProperties() first');
    }
  }

  // --- body -------------------------------------------------------------------------------

  clearBody(): void {
    this.bodyReadOnly = false;
    this.clearBodyContent();
  }

  protected abstract clearBodyContent(): void;

  protected checkBodyWritable(): void {
    if (this.bodyReadOnly) {
      throw new MessageNotWriteableException('The body of a received message is read-only; call clearBody() first');
    }
  }

  /** The body for getBody, or undefined when this message has no body of a type `type` can stand for. */
  protected abstract bodyFor(type: BodyType): { body: unknown } | undefined;

  getBody(type: StringConstructor): string | null;
  getBody(type: Uint8ArrayConstructor): Uint8Array | null;
  getBody(type: MapConstructor): Map<string, PropertyObject | Uint8Array | null> | null;
  getBody(type: ObjectConstructor): unknown;
  getBody(type: BodyType): unknown {
    const found = this.bodyFor(type);
    if (!found) {
      throw new MessageFormatException(`The body of a ${this.bodyKind} message cannot be returned as ${type.name}`);
    }
    return found.body;
  }

  isBodyAssignableTo(type: BodyType): boolean {
    try {
      return this.bodyFor(type) !== undefined;
    } catch {
      return false;
    }
  }

  // --- acknowledgement and provider-facing hooks ------------------------------------------

  async acknowledge(): Promise<void> {
    if (this.acknowledger === null) return; // not received, or not CLIENT_ACKNOWLEDGE: a no-op as in JMS
    await this.acknowledger();
  }

  /** Provider-facing: what acknowledge() does for this received message. */
  setAcknowledger(acknowledger: (() => Promise<void>) | null): void { this.acknowledger = acknowledger; }

  /** Provider-facing: the typed properties, by name. */
  getTypedProperties(): ReadonlyMap<string, PropertyTypedValue> { return this.properties; }

  /**
   * Provider-facing: sets a typed property without the read-only and name checks, so a message
   * from another client keeps headers whose names are not JMS identifiers (they stay readable
   * by name but cannot appear in selectors).
   */
  setTypedProperty(name: string, value: PropertyTypedValue): void {
    if (this.properties === NO_PROPERTIES) this.properties = new Map();
    this.properties.set(name, value);
  }

  /** Provider-facing: removes a property that is transport metadata, not the application's (trace context). */
  deleteTypedProperty(name: string): void {
    this.properties.delete(name);
  }

  /** Provider-facing: a received message's properties and body become read-only. */
  markReceived(): void {
    this.propertiesReadOnly = true;
    this.bodyReadOnly = true;
    this.onReceived();
  }

  /** Hook for bodies that switch to read mode when received. */
  protected onReceived(): void {}

  /** Provider-facing: whether applications may currently change the properties. */
  arePropertiesReadOnly(): boolean { return this.propertiesReadOnly; }
}
