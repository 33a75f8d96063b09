import { expect } from 'chai';
import { MessageFormatException, NullPointerException } from '../../../src/api/exceptions.js';
import { JmsBytesMessage } from '../../../src/message/index.js';

describe('BytesMessage writes', () => {
  it('grows past its first buffer for every typed write and reads it all back', () => {
    const message = new JmsBytesMessage();
    for (let i = 0; i < 2000; i++) {
      message.writeInt(i);
      message.writeLong(BigInt(i) * 3n);
      message.writeDouble(i / 7);
      message.writeFloat(i);
      message.writeShort(i % 30000);
      message.writeChar('é');
      message.writeBoolean(i % 2 === 0);
      message.writeByte(i % 100);
    }
    message.reset();
    expect(message.getBodyLength()).to.equal(2000 * (4 + 8 + 8 + 4 + 2 + 2 + 1 + 1));
    for (let i = 0; i < 2000; i++) {
      expect(message.readInt()).to.equal(i);
      expect(message.readLong()).to.equal(BigInt(i) * 3n);
      expect(message.readDouble()).to.equal(i / 7);
      expect(message.readFloat()).to.equal(i);
      expect(message.readShort()).to.equal(i % 30000);
      expect(message.readChar()).to.equal('é');
      expect(message.readBoolean()).to.equal(i % 2 === 0);
      expect(message.readByte()).to.equal(i % 100);
    }
  });

  it('leaves the body unchanged when a write is refused', () => {
    const message = new JmsBytesMessage();
    message.writeByte(1);
    expect(() => message.writeByte(128)).to.throw(MessageFormatException);
    expect(() => message.writeShort(40000)).to.throw(MessageFormatException);
    expect(() => message.writeInt(2 ** 31)).to.throw(MessageFormatException);
    message.reset();
    expect(message.getBodyLength()).to.equal(1);
  });

  it('refuses writeObject(null) with NullPointerException, as the JMS javadoc says', () => {
    const message = new JmsBytesMessage();
    expect(() => message.writeObject(null as unknown as string)).to.throw(NullPointerException);
  });
});
