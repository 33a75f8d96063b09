import type { BytesMessage, MapMessage, Message, ObjectMessage, StreamMessage, TextMessage } from './message.js';

// `bodyKind` tells the body type at run time; these guards let TypeScript narrow on it, so a
// received Message is used as a TextMessage etc. without a cast.

/** True when `message` has a text body; narrows it to TextMessage. */
export function isTextMessage(message: Message | null | undefined): message is TextMessage {
  return message?.bodyKind === 'text';
}

/** True when `message` has a bytes body; narrows it to BytesMessage. */
export function isBytesMessage(message: Message | null | undefined): message is BytesMessage {
  return message?.bodyKind === 'bytes';
}

/** True when `message` has a map body; narrows it to MapMessage. */
export function isMapMessage(message: Message | null | undefined): message is MapMessage {
  return message?.bodyKind === 'map';
}

/** True when `message` has a stream body; narrows it to StreamMessage. */
export function isStreamMessage(message: Message | null | undefined): message is StreamMessage {
  return message?.bodyKind === 'stream';
}

/** True when `message` has an object body; narrows it to ObjectMessage. */
export function isObjectMessage(message: Message | null | undefined): message is ObjectMessage {
  return message?.bodyKind === 'object';
}
