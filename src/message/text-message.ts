import type { BodyType, TextMessage } from '../api/message.js';
import { MessageFormatException } from '../api/exceptions.js';
import { AbstractMessage } from './abstract-message.js';

export class JmsTextMessage extends AbstractMessage implements TextMessage {
  readonly bodyKind = 'text' as const;
  private text: string | null;

  constructor(text: string | null = null) {
    super();
    this.text = checkText(text);
  }

  getText(): string | null {
    return this.text;
  }

  setText(text: string | null): void {
    this.checkBodyWritable();
    this.text = checkText(text);
  }

  protected clearBodyContent(): void {
    this.text = null;
  }

  protected bodyFor(type: BodyType): { body: unknown } | undefined {
    if (type === String || type === Object) return { body: this.text };
    return undefined;
  }
}

function checkText(text: string | null): string | null {
  if (text !== null && typeof text !== 'string') throw new MessageFormatException(`A TextMessage body must be a string or null, got ${typeof text}`);
  return text;
}
