import { expect } from 'chai';
import {
  IllegalArgumentException,
  MessageEOFException,
  MessageFormatException,
  MessageNotReadableException,
  MessageNotWriteableException,
  NullPointerException,
  NumberFormatException,
} from '../../../src/api/exceptions.js';
import type { BodyType, MapValue, Message } from '../../../src/api/message.js';
import { envelopeToMessage, messageToEnvelope } from '../../../src/codec/message-codec.js';
import {
  type AbstractMessage,
  JmsBytesMessage,
  JmsMapMessage,
  JmsObjectMessage,
  JmsStreamMessage,
  JmsTextMessage,
  PlainMessage,
} from '../../../src/message/index.js';

function bytesOf(message: JmsBytesMessage): number[] {
  return [...(message.getBody(Uint8Array) ?? new Uint8Array(0))];
}

/** A message as a consumer gets it: through the codec, then marked received (as src/client/session.ts does). */
function received<T extends AbstractMessage>(message: T): AbstractMessage {
  const copy = envelopeToMessage(messageToEnvelope(message));
  copy.markReceived();
  return copy;
}

describe('message bodies', () => {
  describe('TextMessage', () => {
    it('holds the text given to the constructor or setText, and null', () => {
      const m = new JmsTextMessage('héllo');
      expect(m.getText()).to.equal('héllo');
      m.setText('');
      expect(m.getText()).to.equal('');
      m.setText(null);
      expect(m.getText()).to.equal(null);
      expect(new JmsTextMessage().getText()).to.equal(null);
    });

    it('refuses a non-string body with MessageFormatException', () => {
      expect(() => new JmsTextMessage().setText(5 as unknown as string)).to.throw(MessageFormatException);
    });

    it('clearBody sets the text to null', () => {
      const m = new JmsTextMessage('x');
      m.clearBody();
      expect(m.getText()).to.equal(null);
    });

    it('keeps a large non-ASCII text through the codec', () => {
      const text = 'añ✓😀'.repeat(10_000);
      const back = received(new JmsTextMessage(text)) as JmsTextMessage;
      expect(back.getText()).to.equal(text);
    });
  });

  describe('BytesMessage', () => {
    it('writes big-endian java.io.DataOutput encodings', () => {
      const m = new JmsBytesMessage();
      m.writeBoolean(true);
      m.writeBoolean(false);
      m.writeByte(-1);
      m.writeShort(0x0102);
      m.writeChar('A');
      m.writeInt(0x01020304);
      m.writeLong(0x0102030405060708n);
      m.writeFloat(1);
      m.writeDouble(-2);
      m.reset();
      expect(bytesOf(m)).to.deep.equal([
        1, 0, 0xff, 1, 2, 0, 0x41, 1, 2, 3, 4, 1, 2, 3, 4, 5, 6, 7, 8, 0x3f, 0x80, 0, 0, 0xc0, 0, 0, 0, 0, 0, 0, 0,
      ]);
      expect(m.getBodyLength()).to.equal(31);
    });

    it('reads back every type it wrote', () => {
      const m = new JmsBytesMessage();
      m.writeBoolean(true);
      m.writeByte(-128);
      m.writeByte(-1);
      m.writeShort(-2);
      m.writeShort(-2);
      m.writeChar('é');
      m.writeInt(-2147483648);
      m.writeLong(-(2n ** 63n));
      m.writeLong(5);
      m.writeFloat(1.1);
      m.writeDouble(Math.PI);
      m.writeUTF('hé\u0000😀');
      m.reset();
      expect(m.readBoolean()).to.equal(true);
      expect(m.readByte()).to.equal(-128);
      expect(m.readUnsignedByte()).to.equal(255);
      expect(m.readShort()).to.equal(-2);
      expect(m.readUnsignedShort()).to.equal(0xfffe);
      expect(m.readChar()).to.equal('é');
      expect(m.readInt()).to.equal(-2147483648);
      expect(m.readLong()).to.equal(-(2n ** 63n));
      expect(m.readLong()).to.equal(5n);
      expect(m.readFloat()).to.equal(Math.fround(1.1));
      expect(m.readDouble()).to.equal(Math.PI);
      expect(m.readUTF()).to.equal('hé\u0000😀');
      expect(m.readBytes(new Uint8Array(1))).to.equal(-1);
    });

    it('writes writeUTF as a two-byte length and modified UTF-8 (NUL as C0 80, surrogates three bytes each)', () => {
      const m = new JmsBytesMessage();
      m.writeUTF('hé\u0000');
      m.writeUTF('😀');
      m.writeUTF('');
      m.reset();
      expect(bytesOf(m)).to.deep.equal([
        0, 5, 0x68, 0xc3, 0xa9, 0xc0, 0x80,
        0, 6, 0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80,
        0, 0,
      ]);
    });

    it('refuses writeUTF of a string longer than 65535 encoded bytes', () => {
      const m = new JmsBytesMessage();
      expect(() => m.writeUTF('é'.repeat(40_000))).to.throw(MessageFormatException);
      m.writeUTF('x'.repeat(65535));
      m.reset();
      expect(m.getBodyLength()).to.equal(65537);
      expect(m.readUTF()).to.have.length(65535);
    });

    it('reads readBytes in chunks and returns -1 at the end', () => {
      const m = new JmsBytesMessage();
      m.writeBytes(new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
      m.reset();
      const buffer = new Uint8Array(4);
      expect(m.readBytes(buffer)).to.equal(4);
      expect([...buffer]).to.deep.equal([0, 1, 2, 3]);
      expect(m.readBytes(buffer)).to.equal(4);
      expect([...buffer]).to.deep.equal([4, 5, 6, 7]);
      expect(m.readBytes(buffer)).to.equal(2);
      expect([...buffer.subarray(0, 2)]).to.deep.equal([8, 9]);
      expect(m.readBytes(buffer)).to.equal(-1);
    });

    it('readBytes honours its length argument and refuses one larger than the buffer', () => {
      const m = new JmsBytesMessage();
      m.writeBytes(new Uint8Array([1, 2, 3, 4, 5]));
      m.reset();
      const buffer = new Uint8Array(4);
      expect(m.readBytes(buffer, 2)).to.equal(2);
      expect([...buffer]).to.deep.equal([1, 2, 0, 0]);
      expect(() => m.readBytes(buffer, 5)).to.throw(IllegalArgumentException);
      expect(m.readByte()).to.equal(3);
    });

    it('writeBytes writes the given slice and checks its bounds', () => {
      const m = new JmsBytesMessage();
      m.writeBytes(new Uint8Array([1, 2, 3, 4, 5]), 1, 3);
      expect(() => m.writeBytes(new Uint8Array(3), 2, 2)).to.throw(IllegalArgumentException);
      expect(() => m.writeBytes(new Uint8Array(3), -1, 1)).to.throw(IllegalArgumentException);
      m.reset();
      expect(bytesOf(m)).to.deep.equal([2, 3, 4]);
    });

    it('grows past its initial buffer with writeBytes and writeUTF', () => {
      const m = new JmsBytesMessage();
      const chunk = new Uint8Array(100).map((_, i) => i);
      for (let i = 0; i < 50; i++) m.writeBytes(chunk);
      for (let i = 0; i < 50; i++) m.writeUTF(`s${i}`.repeat(20));
      m.reset();
      const read = new Uint8Array(100);
      for (let i = 0; i < 50; i++) {
        expect(m.readBytes(read)).to.equal(100);
        expect(read[99]).to.equal(99);
      }
      for (let i = 0; i < 50; i++) expect(m.readUTF()).to.equal(`s${i}`.repeat(20));
      expect(m.readBytes(read)).to.equal(-1);
    });

    it('throws MessageEOFException reading past the end, without moving the position', () => {
      const m = new JmsBytesMessage();
      m.writeShort(7);
      m.reset();
      expect(() => m.readInt()).to.throw(MessageEOFException);
      expect(() => m.readLong()).to.throw(MessageEOFException);
      expect(m.readShort()).to.equal(7);
      expect(() => m.readByte()).to.throw(MessageEOFException);
      expect(() => m.readBoolean()).to.throw(MessageEOFException);
    });

    it('throws MessageEOFException for a truncated UTF string and leaves the position at its start', () => {
      const m = new JmsBytesMessage();
      m.writeShort(10); // a UTF length of 10 with only 2 bytes following
      m.writeByte(0x41);
      m.writeByte(0x42);
      m.reset();
      expect(() => m.readUTF()).to.throw(MessageEOFException);
      expect(m.readShort()).to.equal(10);
    });

    it('is write-only until reset: reads throw MessageNotReadableException', () => {
      const m = new JmsBytesMessage();
      m.writeInt(1);
      expect(() => m.readInt()).to.throw(MessageNotReadableException);
      expect(() => m.readByte()).to.throw(MessageNotReadableException);
      expect(() => m.readUTF()).to.throw(MessageNotReadableException);
      expect(() => m.readBytes(new Uint8Array(1))).to.throw(MessageNotReadableException);
      expect(() => m.getBodyLength()).to.throw(MessageNotReadableException);
      m.reset();
      expect(m.readInt()).to.equal(1);
    });

    it('is read-only after reset: writes throw MessageNotWriteableException until clearBody', () => {
      const m = new JmsBytesMessage();
      m.writeInt(1);
      m.reset();
      expect(() => m.writeInt(2)).to.throw(MessageNotWriteableException);
      expect(() => m.writeUTF('x')).to.throw(MessageNotWriteableException);
      expect(() => m.writeBytes(new Uint8Array(1))).to.throw(MessageNotWriteableException);
      m.clearBody();
      expect(() => m.readInt()).to.throw(MessageNotReadableException);
      m.writeByte(9);
      m.reset();
      expect(m.getBodyLength()).to.equal(1);
      expect(m.readByte()).to.equal(9);
    });

    it('reset rewinds the read position', () => {
      const m = new JmsBytesMessage();
      m.writeInt(42);
      m.reset();
      expect(m.readInt()).to.equal(42);
      m.reset();
      expect(m.readInt()).to.equal(42);
    });

    it('range-checks written values', () => {
      const m = new JmsBytesMessage();
      expect(() => m.writeByte(128)).to.throw(MessageFormatException);
      expect(() => m.writeShort(40000)).to.throw(MessageFormatException);
      expect(() => m.writeInt(2 ** 31)).to.throw(MessageFormatException);
      expect(() => m.writeLong(2n ** 63n)).to.throw(MessageFormatException);
      expect(() => m.writeChar('ab')).to.throw(MessageFormatException);
      expect(() => m.writeUTF(1 as unknown as string)).to.throw(MessageFormatException);
    });

    it('writeObject writes booleans, strings, bigints, numbers and byte arrays by their type', () => {
      const m = new JmsBytesMessage();
      m.writeObject(true);
      m.writeObject('hi');
      m.writeObject(3n);
      m.writeObject(7);
      m.writeObject(0.5);
      m.writeObject(new Uint8Array([9]));
      expect(() => m.writeObject({} as unknown as string)).to.throw(MessageFormatException);
      m.reset();
      expect(m.readBoolean()).to.equal(true);
      expect(m.readUTF()).to.equal('hi');
      expect(m.readLong()).to.equal(3n);
      expect(m.readInt()).to.equal(7);
      expect(m.readDouble()).to.equal(0.5);
      expect(m.readByte()).to.equal(9);
    });

    it('is readable from the start when received', () => {
      const m = new JmsBytesMessage();
      m.writeInt(5);
      m.writeUTF('x');
      const back = received(m) as JmsBytesMessage;
      expect(back.getBodyLength()).to.equal(7);
      expect(back.readInt()).to.equal(5);
      expect(back.readUTF()).to.equal('x');
    });
  });

  describe('MapMessage', () => {
    it('round-trips typed entries', () => {
      const m = new JmsMapMessage();
      m.setBoolean('bool', true);
      m.setByte('byte', -5);
      m.setShort('short', 1000);
      m.setChar('char', 'ç');
      m.setInt('int', 100000);
      m.setLong('long', 2n ** 62n);
      m.setFloat('float', 0.1);
      m.setDouble('double', 0.1);
      m.setString('string', 'text');
      m.setBytes('bytes', new Uint8Array([1, 2, 3]));
      expect(m.getBoolean('bool')).to.equal(true);
      expect(m.getByte('byte')).to.equal(-5);
      expect(m.getShort('short')).to.equal(1000);
      expect(m.getChar('char')).to.equal('ç');
      expect(m.getInt('int')).to.equal(100000);
      expect(m.getLong('long')).to.equal(2n ** 62n);
      expect(m.getFloat('float')).to.equal(Math.fround(0.1));
      expect(m.getDouble('double')).to.equal(0.1);
      expect(m.getString('string')).to.equal('text');
      expect([...m.getBytes('bytes')!]).to.deep.equal([1, 2, 3]);
      expect(m.getMapNames()).to.have.members(['bool', 'byte', 'short', 'char', 'int', 'long', 'float', 'double', 'string', 'bytes']);
    });

    it('keeps every type through the codec', () => {
      const m = new JmsMapMessage();
      m.setByte('byte', 1);
      m.setLong('long', 1n);
      m.setFloat('float', 1.5);
      m.setChar('char', 'x');
      m.setBytes('bytes', new Uint8Array([7]));
      m.setString('nothing', null);
      const back = received(m) as JmsMapMessage;
      expect(back.getByte('byte')).to.equal(1);
      expect(() => back.getByte('long')).to.throw(MessageFormatException);
      expect(back.getLong('long')).to.equal(1n);
      expect(() => back.getFloat('float') && back.getDouble('float')).to.not.throw();
      expect(() => back.getInt('char')).to.throw(MessageFormatException);
      expect([...back.getBytes('bytes')!]).to.deep.equal([7]);
      expect(back.itemExists('nothing')).to.equal(true);
      expect(back.getObject('nothing')).to.equal(null);
    });

    it('converts entries through the map conversion table', () => {
      const m = new JmsMapMessage();
      m.setByte('b', 5);
      m.setString('s', '42');
      m.setChar('c', 'z');
      m.setFloat('f', 2.5);
      m.setBoolean('t', true);
      expect(m.getShort('b')).to.equal(5);
      expect(m.getLong('b')).to.equal(5n);
      expect(m.getString('b')).to.equal('5');
      expect(m.getInt('s')).to.equal(42);
      expect(m.getDouble('s')).to.equal(42);
      expect(m.getString('c')).to.equal('z');
      expect(m.getDouble('f')).to.equal(2.5);
      expect(m.getString('t')).to.equal('true');
      expect(() => m.getChar('s')).to.throw(MessageFormatException);
      expect(() => m.getInt('c')).to.throw(MessageFormatException);
      expect(() => m.getByte('f')).to.throw(MessageFormatException);
      expect(() => m.getBytes('s')).to.throw(MessageFormatException);
      expect(() => m.getBoolean('b')).to.throw(MessageFormatException);
    });

    it('refuses to read a byte[] entry as anything but bytes', () => {
      const m = new JmsMapMessage();
      m.setBytes('bytes', new Uint8Array([1]));
      expect(() => m.getString('bytes')).to.throw(MessageFormatException);
      expect(() => m.getInt('bytes')).to.throw(MessageFormatException);
    });

    it('throws NumberFormatException for an unparsable string entry', () => {
      const m = new JmsMapMessage();
      m.setString('s', 'x1');
      expect(() => m.getInt('s')).to.throw(NumberFormatException);
      expect(() => m.getDouble('s')).to.throw(NumberFormatException);
    });

    it('reads a missing entry as Java valueOf(null)', () => {
      const m = new JmsMapMessage();
      expect(m.getBoolean('none')).to.equal(false);
      expect(m.getString('none')).to.equal(null);
      expect(m.getBytes('none')).to.equal(null);
      expect(m.getObject('none')).to.equal(null);
      expect(() => m.getInt('none')).to.throw(NumberFormatException);
      expect(() => m.getLong('none')).to.throw(NumberFormatException);
      expect(() => m.getDouble('none')).to.throw(NullPointerException);
      expect(() => m.getChar('none')).to.throw(NullPointerException);
      expect(m.itemExists('none')).to.equal(false);
    });

    it('copies byte[] entries in and out, honouring offset and length', () => {
      const m = new JmsMapMessage();
      const source = new Uint8Array([1, 2, 3, 4]);
      m.setBytes('b', source, 1, 2);
      source[1] = 99;
      const read = m.getBytes('b')!;
      expect([...read]).to.deep.equal([2, 3]);
      read[0] = 99;
      expect([...m.getBytes('b')!]).to.deep.equal([2, 3]);
    });

    it('setObject stores by JavaScript type and refuses other values', () => {
      const m = new JmsMapMessage();
      m.setObject('i', 5);
      m.setObject('d', 5.5);
      m.setObject('l', 5n);
      m.setObject('s', 's');
      m.setObject('b', new Uint8Array([1]));
      m.setObject('n', null);
      expect(m.getInt('i')).to.equal(5);
      expect(() => m.getInt('d')).to.throw(MessageFormatException);
      expect(m.getLong('l')).to.equal(5n);
      expect(m.getObject('s')).to.equal('s');
      expect(m.getObject('b')).to.be.instanceOf(Uint8Array);
      expect(m.itemExists('n')).to.equal(true);
      expect(() => m.setObject('o', {} as unknown as MapValue)).to.throw(MessageFormatException);
      expect(m.itemExists('o')).to.equal(false);
    });

    it('accepts any non-empty entry name and refuses null or empty', () => {
      const m = new JmsMapMessage();
      m.setInt('not an identifier!', 1);
      m.setInt('AND', 2);
      expect(m.getInt('not an identifier!')).to.equal(1);
      expect(m.getInt('AND')).to.equal(2);
      expect(() => m.setInt('', 1)).to.throw(IllegalArgumentException);
      expect(() => m.setString(null as unknown as string, 'x')).to.throw(IllegalArgumentException);
    });

    it('range-checks typed setters', () => {
      const m = new JmsMapMessage();
      expect(() => m.setByte('b', 200)).to.throw(MessageFormatException);
      expect(() => m.setChar('c', '')).to.throw(MessageFormatException);
      expect(() => m.setInt('i', 1.5)).to.throw(MessageFormatException);
      expect(m.getMapNames()).to.deep.equal([]);
    });
  });

  describe('StreamMessage', () => {
    it('reads items in order with the stream conversion table', () => {
      const m = new JmsStreamMessage();
      m.writeInt(5);
      m.writeString('12');
      m.writeFloat(1.5);
      m.writeChar('q');
      m.writeBoolean(true);
      m.writeByte(3);
      m.reset();
      expect(m.readLong()).to.equal(5n);
      expect(m.readShort()).to.equal(12);
      expect(m.readDouble()).to.equal(1.5);
      expect(m.readString()).to.equal('q');
      expect(m.readString()).to.equal('true');
      expect(m.readInt()).to.equal(3);
      expect(() => m.readInt()).to.throw(MessageEOFException);
    });

    it('does not advance after a read that fails with MessageFormatException', () => {
      const m = new JmsStreamMessage();
      m.writeBoolean(true);
      m.writeLong(9n);
      m.reset();
      expect(() => m.readInt()).to.throw(MessageFormatException);
      expect(() => m.readChar()).to.throw(MessageFormatException);
      expect(m.readBoolean()).to.equal(true);
      expect(() => m.readInt()).to.throw(MessageFormatException);
      expect(m.readLong()).to.equal(9n);
    });

    it('does not advance after a read that fails with NumberFormatException', () => {
      const m = new JmsStreamMessage();
      m.writeString('abc');
      m.reset();
      expect(() => m.readInt()).to.throw(NumberFormatException);
      expect(() => m.readDouble()).to.throw(NumberFormatException);
      expect(m.readString()).to.equal('abc');
    });

    it('reads a null item as Java valueOf(null) and does not advance on failure', () => {
      const m = new JmsStreamMessage();
      m.writeString(null);
      m.writeObject(null);
      m.reset();
      expect(() => m.readInt()).to.throw(NumberFormatException);
      expect(() => m.readFloat()).to.throw(NullPointerException);
      expect(m.readString()).to.equal(null);
      expect(m.readObject()).to.equal(null);
    });

    it('reads a byte[] item in chunks across readBytes calls; a short chunk ends it', () => {
      const m = new JmsStreamMessage();
      m.writeBytes(new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
      m.writeInt(77);
      m.reset();
      const buffer = new Uint8Array(4);
      expect(m.readBytes(buffer)).to.equal(4);
      expect([...buffer]).to.deep.equal([0, 1, 2, 3]);
      expect(m.readBytes(buffer)).to.equal(4);
      expect([...buffer]).to.deep.equal([4, 5, 6, 7]);
      expect(m.readBytes(buffer)).to.equal(2);
      expect([...buffer.subarray(0, 2)]).to.deep.equal([8, 9]);
      expect(m.readInt()).to.equal(77);
    });

    it('returns -1 after a byte[] item that fills the buffer exactly', () => {
      const m = new JmsStreamMessage();
      m.writeBytes(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]));
      m.writeInt(1);
      m.reset();
      const buffer = new Uint8Array(4);
      expect(m.readBytes(buffer)).to.equal(4);
      expect(m.readBytes(buffer)).to.equal(4);
      expect(m.readBytes(buffer)).to.equal(-1);
      expect(m.readInt()).to.equal(1);
    });

    it('returns 0 for an empty byte[] item and -1 for a null one', () => {
      const m = new JmsStreamMessage();
      m.writeBytes(new Uint8Array(0));
      m.writeBytes(null);
      m.writeInt(3);
      m.reset();
      expect(m.readBytes(new Uint8Array(4))).to.equal(0);
      expect(m.readBytes(new Uint8Array(4))).to.equal(-1);
      expect(m.readInt()).to.equal(3);
    });

    it('refuses to read the next item before a started byte[] item is read to its end', () => {
      const m = new JmsStreamMessage();
      m.writeBytes(new Uint8Array([1, 2, 3, 4, 5]));
      m.writeInt(1);
      m.reset();
      expect(m.readBytes(new Uint8Array(2))).to.equal(2);
      expect(() => m.readInt()).to.throw(MessageFormatException);
      expect(() => m.readObject()).to.throw(MessageFormatException);
      expect(m.readBytes(new Uint8Array(8))).to.equal(3);
      expect(m.readInt()).to.equal(1);
    });

    it('refuses readBytes on an item that is not byte[] and reads byte[] with readObject', () => {
      const m = new JmsStreamMessage();
      m.writeInt(1);
      m.writeBytes(new Uint8Array([1, 2, 3]), 1, 1);
      m.reset();
      expect(() => m.readBytes(new Uint8Array(2))).to.throw(MessageFormatException);
      expect(m.readInt()).to.equal(1);
      expect(() => m.readString()).to.throw(MessageFormatException);
      expect([...(m.readObject() as Uint8Array)]).to.deep.equal([2]);
    });

    it('is write-only until reset and read-only after it', () => {
      const m = new JmsStreamMessage();
      m.writeInt(1);
      expect(() => m.readInt()).to.throw(MessageNotReadableException);
      expect(() => m.readObject()).to.throw(MessageNotReadableException);
      expect(() => m.readBytes(new Uint8Array(1))).to.throw(MessageNotReadableException);
      m.reset();
      expect(() => m.writeInt(2)).to.throw(MessageNotWriteableException);
      expect(() => m.writeObject('x')).to.throw(MessageNotWriteableException);
      expect(() => m.writeString(null)).to.throw(MessageNotWriteableException);
      expect(m.readInt()).to.equal(1);
      m.clearBody();
      expect(() => m.readInt()).to.throw(MessageNotReadableException);
      m.writeInt(2);
      m.reset();
      expect(m.readInt()).to.equal(2);
      expect(() => m.readInt()).to.throw(MessageEOFException);
    });

    it('keeps items and their types through the codec', () => {
      const m = new JmsStreamMessage();
      m.writeShort(-3);
      m.writeLong(2n ** 40n);
      m.writeDouble(0.25);
      m.writeChar('x');
      m.writeBytes(new Uint8Array([5, 6]));
      m.writeString(null);
      const back = received(m) as JmsStreamMessage;
      expect(() => back.readByte()).to.throw(MessageFormatException);
      expect(back.readShort()).to.equal(-3);
      expect(back.readLong()).to.equal(2n ** 40n);
      expect(() => back.readFloat()).to.throw(MessageFormatException);
      expect(back.readDouble()).to.equal(0.25);
      expect(back.readChar()).to.equal('x');
      expect([...(back.readObject() as Uint8Array)]).to.deep.equal([5, 6]);
      expect(back.readObject()).to.equal(null);
    });
  });

  describe('ObjectMessage', () => {
    it('copies the payload when it is set', () => {
      const payload = { a: [1, 2], nested: { b: 'x' } };
      const m = new JmsObjectMessage();
      m.setObject(payload);
      payload.a.push(3);
      payload.nested.b = 'changed';
      expect(m.getObject()).to.deep.equal({ a: [1, 2], nested: { b: 'x' } });
    });

    it('copies the payload when it is read', () => {
      const m = new JmsObjectMessage({ list: [1] });
      const first = m.getObject() as { list: number[] };
      first.list.push(2);
      expect(m.getObject()).to.deep.equal({ list: [1] });
      expect(m.getObject()).to.not.equal(m.getObject());
    });

    it('keeps plain data types: bigint, Uint8Array, Date, null, nested arrays', () => {
      const value = { n: null, big: 2n ** 70n, bytes: new Uint8Array([1, 2]), when: new Date(1234), deep: [[['x']]] };
      const m = new JmsObjectMessage(value);
      const read = m.getObject() as typeof value;
      expect(read.big).to.equal(2n ** 70n);
      expect(read.bytes).to.be.instanceOf(Uint8Array);
      expect(read.bytes).to.not.equal(value.bytes);
      expect(read.when).to.be.instanceOf(Date);
      expect(read.when.getTime()).to.equal(1234);
      expect(read.deep).to.deep.equal([[['x']]]);
      expect(read.n).to.equal(null);
    });

    it('never lets a __proto__ key reach a prototype, on set or through the codec', () => {
      const hostile = JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}') as object;
      const m = new JmsObjectMessage();
      m.setObject(hostile);
      const read = m.getObject() as Record<string, unknown>;
      expect(Object.getPrototypeOf(read)).to.equal(Object.prototype);
      expect(Object.prototype.hasOwnProperty.call(read, '__proto__')).to.equal(true);
      expect((read as { polluted?: unknown }).polluted).to.equal(undefined);
      const back = received(m) as JmsObjectMessage;
      const decoded = back.getObject() as Record<string, unknown>;
      expect(Object.getPrototypeOf(decoded)).to.equal(Object.prototype);
      expect(Object.prototype.hasOwnProperty.call(decoded, '__proto__')).to.equal(true);
      expect((decoded as { polluted?: unknown }).polluted).to.equal(undefined);
      expect(({} as { polluted?: unknown }).polluted).to.equal(undefined);
    });

    const refused: [string, () => unknown][] = [
      ['a function', () => ({ f: () => 1 })],
      ['a symbol', () => [Symbol('s')]],
      ['a class instance', () => ({ m: new Map() })],
      ['a cycle', () => {
        const a: Record<string, unknown> = {};
        a.self = a;
        return a;
      }],
      ['data nested 10,000 levels deep', () => {
        let v: unknown = 1;
        for (let i = 0; i < 10_000; i++) v = [v];
        return v;
      }],
    ];
    for (const [what, make] of refused) {
      it(`refuses ${what} with MessageFormatException`, () => {
        const m = new JmsObjectMessage({ before: true });
        expect(() => m.setObject(make())).to.throw(MessageFormatException);
        expect(m.getObject()).to.deep.equal({ before: true });
      });
    }

    it('accepts the same object twice in a tree (a DAG is not a cycle)', () => {
      const shared = { x: 1 };
      const m = new JmsObjectMessage({ a: shared, b: shared });
      expect(m.getObject()).to.deep.equal({ a: { x: 1 }, b: { x: 1 } });
    });
  });

  describe('getBody and isBodyAssignableTo', () => {
    const types: [string, BodyType][] = [
      ['String', String],
      ['Uint8Array', Uint8Array],
      ['Map', Map],
      ['Object', Object],
    ];

    function bytesMessage(): JmsBytesMessage {
      const m = new JmsBytesMessage();
      m.writeByte(1);
      m.reset();
      return m;
    }
    function mapMessage(): JmsMapMessage {
      const m = new JmsMapMessage();
      m.setInt('a', 1);
      return m;
    }
    function streamMessage(): JmsStreamMessage {
      const m = new JmsStreamMessage();
      m.writeInt(1);
      return m;
    }

    const cases: { kind: string; make: () => Message; assignable: string[]; body: unknown }[] = [
      { kind: 'Message', make: () => new PlainMessage(), assignable: ['String', 'Uint8Array', 'Map', 'Object'], body: null },
      { kind: 'TextMessage', make: () => new JmsTextMessage('t'), assignable: ['String', 'Object'], body: 't' },
      { kind: 'BytesMessage', make: bytesMessage, assignable: ['Uint8Array', 'Object'], body: new Uint8Array([1]) },
      { kind: 'MapMessage', make: mapMessage, assignable: ['Map', 'Object'], body: new Map([['a', 1]]) },
      { kind: 'ObjectMessage', make: () => new JmsObjectMessage({ k: 1 }), assignable: ['Object'], body: { k: 1 } },
      { kind: 'StreamMessage', make: streamMessage, assignable: [], body: undefined },
    ];

    for (const c of cases) {
      for (const [name, type] of types) {
        const ok = c.assignable.includes(name);
        it(`${c.kind}: isBodyAssignableTo(${name}) is ${ok} and getBody(${name}) ${ok ? 'returns the body' : 'throws MessageFormatException'}`, () => {
          const m = c.make();
          expect(m.isBodyAssignableTo(type)).to.equal(ok);
          if (ok) expect(m.getBody(type as ObjectConstructor)).to.deep.equal(c.body);
          else expect(() => m.getBody(type as ObjectConstructor)).to.throw(MessageFormatException);
        });
      }
    }

    it('returns null from getBody for empty Text, Map and Object bodies', () => {
      expect(new JmsTextMessage().getBody(String)).to.equal(null);
      expect(new JmsMapMessage().getBody(Map)).to.equal(null);
      expect(new JmsObjectMessage().getBody(Object)).to.equal(null);
      expect(new JmsBytesMessage().getBody(Uint8Array)).to.equal(null);
    });

    it('returns copies of Bytes and Map bodies', () => {
      const b = bytesMessage();
      b.getBody(Uint8Array)![0] = 99;
      expect([...b.getBody(Uint8Array)!]).to.deep.equal([1]);
      const m = mapMessage();
      m.getBody(Map)!.set('a', 2);
      expect(m.getInt('a')).to.equal(1);
    });
  });

  describe('read-only after receive', () => {
    const bodies: { kind: string; make: () => AbstractMessage; write: (m: AbstractMessage) => void; check: (m: AbstractMessage) => void }[] = [
      {
        kind: 'TextMessage',
        make: () => new JmsTextMessage('x'),
        write: (m) => (m as JmsTextMessage).setText('y'),
        check: (m) => expect((m as JmsTextMessage).getText()).to.equal('y'),
      },
      {
        kind: 'BytesMessage',
        make: () => new JmsBytesMessage(),
        write: (m) => (m as JmsBytesMessage).writeInt(3),
        check: (m) => {
          (m as JmsBytesMessage).reset();
          expect((m as JmsBytesMessage).readInt()).to.equal(3);
        },
      },
      {
        kind: 'MapMessage',
        make: () => new JmsMapMessage(),
        write: (m) => (m as JmsMapMessage).setInt('a', 3),
        check: (m) => expect((m as JmsMapMessage).getInt('a')).to.equal(3),
      },
      {
        kind: 'StreamMessage',
        make: () => new JmsStreamMessage(),
        write: (m) => (m as JmsStreamMessage).writeInt(3),
        check: (m) => {
          (m as JmsStreamMessage).reset();
          expect((m as JmsStreamMessage).readInt()).to.equal(3);
        },
      },
      {
        kind: 'ObjectMessage',
        make: () => new JmsObjectMessage({}),
        write: (m) => (m as JmsObjectMessage).setObject({ a: 3 }),
        check: (m) => expect((m as JmsObjectMessage).getObject()).to.deep.equal({ a: 3 }),
      },
    ];

    for (const b of bodies) {
      it(`${b.kind}: the body of a received message throws MessageNotWriteableException until clearBody()`, () => {
        const m = received(b.make());
        expect(m.bodyKind).to.equal(b.make().bodyKind);
        expect(() => b.write(m)).to.throw(MessageNotWriteableException);
        m.clearBody();
        b.write(m);
        b.check(m);
      });
    }

    it('the properties of a received message throw MessageNotWriteableException until clearProperties()', () => {
      const original = new JmsTextMessage('x');
      original.setIntProperty('a', 1);
      const m = received(original);
      expect(m.getIntProperty('a')).to.equal(1);
      expect(() => m.setIntProperty('a', 2)).to.throw(MessageNotWriteableException);
      expect(() => m.setStringProperty('b', 'x')).to.throw(MessageNotWriteableException);
      expect(() => m.setObjectProperty('a', null)).to.throw(MessageNotWriteableException);
      expect(() => m.setStringProperty('a', null)).to.throw(MessageNotWriteableException);
      expect(m.getIntProperty('a')).to.equal(1);
      m.clearProperties();
      expect(m.propertyExists('a')).to.equal(false);
      m.setIntProperty('a', 2);
      expect(m.getIntProperty('a')).to.equal(2);
    });

    it('clearBody does not make the properties writable, nor clearProperties the body', () => {
      const m = received(new JmsTextMessage('x')) as JmsTextMessage;
      m.clearBody();
      expect(() => m.setIntProperty('a', 1)).to.throw(MessageNotWriteableException);
      m.setText('y');
      const n = received(new JmsTextMessage('x')) as JmsTextMessage;
      n.clearProperties();
      n.setIntProperty('a', 1);
      expect(() => n.setText('y')).to.throw(MessageNotWriteableException);
      expect(n.getText()).to.equal('x');
    });
  });
});
