import { expect } from 'chai';
import {
  isBytesMessage,
  isMapMessage,
  isObjectMessage,
  isStreamMessage,
  isTextMessage,
  type Message,
} from '../../../src/index.js';
import { JmsBytesMessage, JmsMapMessage, JmsObjectMessage, JmsStreamMessage, JmsTextMessage, PlainMessage } from '../../../src/message/index.js';

const guards = { isTextMessage, isBytesMessage, isMapMessage, isStreamMessage, isObjectMessage };

describe('message type guards', () => {
  const messages: Array<[string, Message]> = [
    ['isTextMessage', new JmsTextMessage()],
    ['isBytesMessage', new JmsBytesMessage()],
    ['isMapMessage', new JmsMapMessage()],
    ['isStreamMessage', new JmsStreamMessage()],
    ['isObjectMessage', new JmsObjectMessage()],
    ['none', new PlainMessage()],
  ];

  for (const [expected, message] of messages) {
    it(`${message.bodyKind}: only ${expected} answers true`, () => {
      for (const [name, guard] of Object.entries(guards)) expect(guard(message), name).to.equal(name === expected);
    });
  }

  it('answers false for null and undefined, as receive() returns on timeout', () => {
    for (const guard of Object.values(guards)) {
      expect(guard(null)).to.equal(false);
      expect(guard(undefined)).to.equal(false);
    }
  });

  it('narrows without a cast', () => {
    const message: Message = new JmsTextMessage();
    if (!isTextMessage(message)) throw new Error('expected a TextMessage');
    message.setText('narrowed'); // compiles only because the guard narrowed Message to TextMessage
    expect(message.getText()).to.equal('narrowed');
  });
});
