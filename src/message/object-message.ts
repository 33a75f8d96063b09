import type { BodyType, ObjectBody, ObjectMessage } from '../api/message.js';
import { AbstractMessage } from './abstract-message.js';
import { copyPlainData } from './plain-data.js';

/**
 * A message carrying plain data. The payload is copied when set (later changes to the caller's
 * object do not leak in) and when read, as Java's serialisation would.
 */
export class JmsObjectMessage extends AbstractMessage implements ObjectMessage {
  readonly bodyKind = 'object' as const;
  private payload: unknown = null;

  constructor(value: ObjectBody = null) {
    super();
    this.payload = copyPlainData(value);
  }

  /** Provider-facing: a message over decoded plain data (already a private copy). */
  static fromPlainData(value: unknown): JmsObjectMessage {
    const message = new JmsObjectMessage();
    message.payload = value;
    return message;
  }

  /** Provider-facing: the stored payload, not copied; do not modify. */
  getStoredObject(): unknown {
    return this.payload;
  }

  getObject(): ObjectBody {
    return copyPlainData(this.payload);
  }

  setObject(value: ObjectBody): void {
    this.checkBodyWritable();
    this.payload = copyPlainData(value);
  }

  protected clearBodyContent(): void {
    this.payload = null;
  }

  protected bodyFor(type: BodyType): { body: unknown } | undefined {
    if (type !== Object) return undefined;
    return { body: this.getObject() };
  }
}
