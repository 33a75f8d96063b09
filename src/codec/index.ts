export { messageToEnvelope, envelopeToMessage, bodyKindForContentType } from './message-codec.js';
export { propertiesToStrings, propertiesFromStrings, formatPropertyTypes, parsePropertyTypes } from './string-properties.js';
export { compileEnvelopeSelector, envelopeValue } from './envelope-selector.js';
export { encodeMapBody, decodeMapBody, encodeStreamBody, decodeStreamBody, encodeObjectBody, decodeObjectBody, undecodableBody } from './bodies.js';
export { WIRE, WIRE_NAMES, BYTES_CORRELATION_PREFIX, CONTENT_TYPES } from './wire-names.js';
/** Java's modified UTF-8 (CESU-8, NUL as C0 80): how Java JMS clients' text can arrive on the wire. */
export { decodeModifiedUtf8 } from '../message/index.js';
