import { expect } from 'chai';
import { MessageFormatException } from '../../../src/api/exceptions.js';
import type { BytesMessage, MapMessage, StreamMessage } from '../../../src/api/message.js';
import { envelopeToMessage, undecodableBody } from '../../../src/codec/index.js';
import type { AbstractMessage } from '../../../src/message/index.js';
import type { BodyKind, Envelope } from '../../../src/spi/envelope.js';

const envelope = (bodyKind: BodyKind, body: Uint8Array): Envelope => ({
  messageId: 'ID:m-1', correlationId: 'c', replyTo: null, type: 't', persistent: true, priority: 4, timestamp: 1, expiration: 0,
  deliveryTime: 1, bodyKind, contentType: null, properties: new Map([['p', { type: 'int', value: 7 }]]), body, connectionId: null,
});

/** A body jms-ts cannot decode is delivered anyway: its headers and properties read, its body reads throw. */
describe('codec: messages with an undecodable body', () => {
  it('delivers a map whose body is malformed, with headers and properties readable and body reads throwing', () => {
    const message = envelopeToMessage(envelope('map', Buffer.from('{not json'))) as unknown as MapMessage & AbstractMessage;
    message.markReceived();
    expect(message.getJMSMessageID()).to.equal('ID:m-1');
    expect(message.getJMSCorrelationID()).to.equal('c');
    expect(message.getIntProperty('p')).to.equal(7);
    expect(message.getPropertyNames()).to.deep.equal(['p']);
    expect(() => message.getMapNames()).to.throw(MessageFormatException, /cannot be read: Malformed map body/);
    expect(() => message.getInt('x')).to.throw(MessageFormatException);
    expect(() => message.getBody(Map)).to.throw(MessageFormatException);
    expect(message.isBodyAssignableTo(Map)).to.equal(false);
  });

  it('carries the reason an adapter gave for a body it could not read', () => {
    const message = envelopeToMessage(envelope('map', undecodableBody('entry "k" has a type jms-ts does not know: date'))) as unknown as MapMessage & AbstractMessage;
    expect(() => message.getString('k')).to.throw(MessageFormatException, /entry "k" has a type jms-ts does not know: date/);
  });

  it('lets the application replace the body with clearBody()', () => {
    const message = envelopeToMessage(envelope('stream', Buffer.from('[["q", 1]]'))) as unknown as StreamMessage & AbstractMessage;
    message.markReceived();
    expect(() => message.readInt()).to.throw(MessageFormatException);
    message.clearBody();
    message.writeInt(3);
    message.reset();
    expect(message.readInt()).to.equal(3);
  });

  it('decodes well-formed bodies as before', () => {
    const bytes = envelopeToMessage(envelope('bytes', new Uint8Array([1, 2]))) as unknown as BytesMessage & AbstractMessage;
    bytes.markReceived();
    expect(bytes.getBodyLength()).to.equal(2);
  });
});
