import type { BodyType } from '../api/message.js';
import { AbstractMessage } from './abstract-message.js';

/** A message with headers and properties only. */
export class PlainMessage extends AbstractMessage {
  readonly bodyKind = 'message' as const;

  protected clearBodyContent(): void {}

  /** A message without a body returns null for any type (JMS 2.0 Message.getBody). */
  protected bodyFor(_type: BodyType): { body: unknown } {
    return { body: null };
  }
}
