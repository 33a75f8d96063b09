import type { Message } from '../api/message.js';

/** A message as the CLI prints it: headers, properties and a readable body. */
export function describeMessage(message: Message): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const name of message.getPropertyNames()) {
    const value = message.getObjectProperty(name);
    properties[name] = typeof value === 'bigint' ? `${value}L` : value;
  }
  return {
    id: message.getJMSMessageID(),
    destination: message.getJMSDestination()?.toString() ?? null,
    timestamp: message.getJMSTimestamp() ? new Date(message.getJMSTimestamp()).toISOString() : null,
    correlationId: message.getJMSCorrelationID(),
    replyTo: message.getJMSReplyTo()?.toString() ?? null,
    type: message.getJMSType(),
    priority: message.getJMSPriority(),
    redelivered: message.getJMSRedelivered(),
    kind: message.bodyKind,
    properties,
    body: bodyOf(message),
  };
}

function bodyOf(message: Message): unknown {
  switch (message.bodyKind) {
    case 'text':
      return message.getBody(String);
    case 'bytes': {
      const bytes = message.getBody(Uint8Array);
      return bytes === null ? null : `<${bytes.length} bytes> ${Buffer.from(bytes.subarray(0, 64)).toString('hex')}`;
    }
    case 'map': {
      const map = message.getBody(Map);
      return map === null ? null : Object.fromEntries([...map].map(([k, v]) => [k, typeof v === 'bigint' ? `${v}L` : v]));
    }
    case 'object':
      return message.getBody(Object);
    case 'stream':
      return '<stream>';
    default:
      return null;
  }
}

/** JSON that can hold bigints and byte arrays. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? `${v}` : v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v));
}
