import { compileSelector, type SelectorValue } from '../selector/index.js';
import type { Envelope } from '../spi/envelope.js';

/** The value a selector sees for an identifier of an envelope: the six selectable headers, else a property. */
export function envelopeValue(envelope: Envelope, identifier: string): SelectorValue {
  switch (identifier) {
    case 'JMSDeliveryMode':
      return envelope.persistent ? 'PERSISTENT' : 'NON_PERSISTENT';
    case 'JMSPriority':
      return envelope.priority;
    case 'JMSMessageID':
      return envelope.messageId;
    case 'JMSTimestamp':
      return envelope.timestamp;
    case 'JMSCorrelationID':
      return envelope.correlationId;
    case 'JMSType':
      return envelope.type;
    default:
      return envelope.properties.get(identifier);
  }
}

/**
 * A predicate over envelopes for a selector, or null for no selector. Throws
 * InvalidSelectorException for a bad selector.
 */
export function compileEnvelopeSelector(text: string | null | undefined): ((envelope: Envelope) => boolean) | null {
  const selector = compileSelector(text);
  if (selector === null) return null;
  return (envelope) => selector.matches((identifier) => envelopeValue(envelope, identifier));
}
