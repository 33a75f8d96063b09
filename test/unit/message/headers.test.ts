import { expect } from 'chai';
import { AcknowledgeMode, DEFAULT_PRIORITY, DeliveryMode } from '../../../src/api/constants.js';
import { QueueValue, TopicValue, destinationOf } from '../../../src/api/destination.js';
import { MessageFormatException } from '../../../src/api/exceptions.js';
import type { TextMessage } from '../../../src/api/message.js';
import { envelopeToMessage, messageToEnvelope } from '../../../src/codec/message-codec.js';
import { createConnectionFactory } from '../../../src/index.js';
import { JmsBytesMessage, JmsTextMessage, PlainMessage } from '../../../src/message/index.js';

describe('message headers', () => {
  it('has the JMS defaults on a new message', () => {
    const m = new PlainMessage();
    expect(m.getJMSMessageID()).to.equal(null);
    expect(m.getJMSTimestamp()).to.equal(0);
    expect(m.getJMSCorrelationID()).to.equal(null);
    expect(m.getJMSCorrelationIDAsBytes()).to.equal(null);
    expect(m.getJMSReplyTo()).to.equal(null);
    expect(m.getJMSDestination()).to.equal(null);
    expect(m.getJMSDeliveryMode()).to.equal(DeliveryMode.PERSISTENT);
    expect(m.getJMSRedelivered()).to.equal(false);
    expect(m.getJMSType()).to.equal(null);
    expect(m.getJMSExpiration()).to.equal(0);
    expect(m.getJMSDeliveryTime()).to.equal(0);
    expect(m.getJMSPriority()).to.equal(DEFAULT_PRIORITY);
  });

  describe('JMSMessageID', () => {
    it('round-trips an ID: value and null', () => {
      const m = new PlainMessage();
      m.setJMSMessageID('ID:abc:1');
      expect(m.getJMSMessageID()).to.equal('ID:abc:1');
      m.setJMSMessageID(null);
      expect(m.getJMSMessageID()).to.equal(null);
    });

    it('refuses a non-string id with MessageFormatException', () => {
      expect(() => new PlainMessage().setJMSMessageID(42 as unknown as string)).to.throw(MessageFormatException);
    });

    it('is assigned on send by the provider, starts with "ID:" and is unique per message', async () => {
      const factory = createConnectionFactory(`memory://headers-${process.pid}-${Date.now()}`);
      const connection = await factory.createConnection();
      try {
        const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
        const queue = session.createQueue('headers.message-id');
        const producer = await session.createProducer(queue);
        const consumer = await session.createConsumer(queue);
        await connection.start();
        const first = session.createTextMessage('one');
        const second = session.createTextMessage('two');
        await producer.send(first);
        await producer.send(second);
        const id1 = first.getJMSMessageID();
        const id2 = second.getJMSMessageID();
        expect(id1).to.be.a('string').and.match(/^ID:/);
        expect(id2).to.be.a('string').and.match(/^ID:/);
        expect(id1).to.not.equal(id2);
        const received = (await consumer.receive(5000)) as TextMessage | null;
        expect(received).to.not.equal(null);
        expect(received!.getJMSMessageID()).to.equal(id1);
        expect(received!.getJMSTimestamp()).to.be.greaterThan(0);
        expect(received!.getJMSDestination()!.equals(queue)).to.equal(true);
      } finally {
        await connection.close();
      }
    });
  });

  describe('JMSCorrelationID', () => {
    it('round-trips a string correlation id and reads it as UTF-8 bytes', () => {
      const m = new PlainMessage();
      m.setJMSCorrelationID('corr-é');
      expect(m.getJMSCorrelationID()).to.equal('corr-é');
      expect([...m.getJMSCorrelationIDAsBytes()!]).to.deep.equal([...new TextEncoder().encode('corr-é')]);
    });

    it('round-trips a bytes correlation id and keeps a private copy', () => {
      const m = new PlainMessage();
      const id = new Uint8Array([1, 2, 0xff]);
      m.setJMSCorrelationIDAsBytes(id);
      id[0] = 99;
      const read = m.getJMSCorrelationIDAsBytes()!;
      expect([...read]).to.deep.equal([1, 2, 0xff]);
      read[1] = 99;
      expect([...m.getJMSCorrelationIDAsBytes()!]).to.deep.equal([1, 2, 0xff]);
    });

    it('reads a bytes correlation id set from ASCII as the same string', () => {
      const m = new PlainMessage();
      m.setJMSCorrelationIDAsBytes(new TextEncoder().encode('abc'));
      expect(m.getJMSCorrelationID()).to.equal('abc');
    });

    it('clears the correlation id with null, in either form', () => {
      const m = new PlainMessage();
      m.setJMSCorrelationIDAsBytes(new Uint8Array([1]));
      m.setJMSCorrelationIDAsBytes(null);
      expect(m.getJMSCorrelationIDAsBytes()).to.equal(null);
      m.setJMSCorrelationID('x');
      m.setJMSCorrelationID(null);
      expect(m.getJMSCorrelationID()).to.equal(null);
    });

    it('refuses a bytes correlation id that is not a Uint8Array', () => {
      const m = new PlainMessage();
      expect(() => m.setJMSCorrelationIDAsBytes([1, 2] as unknown as Uint8Array)).to.throw(MessageFormatException);
      expect(() => m.setJMSCorrelationID(5 as unknown as string)).to.throw(MessageFormatException);
    });

    it('keeps a bytes correlation id as bytes through the codec', () => {
      const m = new PlainMessage();
      m.setJMSCorrelationIDAsBytes(new Uint8Array([0, 0xfe, 0x80]));
      const back = envelopeToMessage(messageToEnvelope(m));
      expect([...back.getJMSCorrelationIDAsBytes()!]).to.deep.equal([0, 0xfe, 0x80]);
      expect(back.correlationIdIsBytes()).to.equal(true);
    });
  });

  describe('JMSPriority', () => {
    it('accepts every priority from 0 to 9', () => {
      const m = new PlainMessage();
      for (let p = 0; p <= 9; p++) {
        m.setJMSPriority(p);
        expect(m.getJMSPriority()).to.equal(p);
      }
    });

    for (const bad of [-1, 10, 4.5, Number.NaN]) {
      it(`refuses priority ${bad} with MessageFormatException and keeps the old value`, () => {
        const m = new PlainMessage();
        m.setJMSPriority(6);
        expect(() => m.setJMSPriority(bad)).to.throw(MessageFormatException, /JMSPriority/);
        expect(m.getJMSPriority()).to.equal(6);
      });
    }
  });

  describe('JMSDeliveryMode', () => {
    it('accepts PERSISTENT and NON_PERSISTENT', () => {
      const m = new PlainMessage();
      m.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
      expect(m.getJMSDeliveryMode()).to.equal(1);
      m.setJMSDeliveryMode(DeliveryMode.PERSISTENT);
      expect(m.getJMSDeliveryMode()).to.equal(2);
    });

    it('refuses any other value with MessageFormatException', () => {
      const m = new PlainMessage();
      expect(() => m.setJMSDeliveryMode(0 as DeliveryMode)).to.throw(MessageFormatException);
      expect(() => m.setJMSDeliveryMode(3 as DeliveryMode)).to.throw(MessageFormatException);
      expect(() => m.setJMSDeliveryMode('PERSISTENT' as unknown as DeliveryMode)).to.throw(MessageFormatException);
      expect(m.getJMSDeliveryMode()).to.equal(DeliveryMode.PERSISTENT);
    });
  });

  describe('JMSExpiration, JMSDeliveryTime and JMSTimestamp', () => {
    it('round-trip absolute epoch milliseconds', () => {
      const m = new PlainMessage();
      const now = Date.now();
      m.setJMSTimestamp(now);
      m.setJMSExpiration(now + 60_000);
      m.setJMSDeliveryTime(now + 5_000);
      expect(m.getJMSTimestamp()).to.equal(now);
      expect(m.getJMSExpiration()).to.equal(now + 60_000);
      expect(m.getJMSDeliveryTime()).to.equal(now + 5_000);
      m.setJMSExpiration(0);
      expect(m.getJMSExpiration()).to.equal(0);
    });

    it('refuses non-numbers with MessageFormatException', () => {
      const m = new PlainMessage();
      expect(() => m.setJMSExpiration('1' as unknown as number)).to.throw(MessageFormatException);
      expect(() => m.setJMSDeliveryTime(1n as unknown as number)).to.throw(MessageFormatException);
      expect(() => m.setJMSTimestamp(null as unknown as number)).to.throw(MessageFormatException);
    });
  });

  describe('JMSType and JMSRedelivered', () => {
    it('round-trips JMSType and clears it with null', () => {
      const m = new PlainMessage();
      m.setJMSType('order.created');
      expect(m.getJMSType()).to.equal('order.created');
      m.setJMSType(null);
      expect(m.getJMSType()).to.equal(null);
      expect(() => m.setJMSType(1 as unknown as string)).to.throw(MessageFormatException);
    });

    it('round-trips JMSRedelivered and refuses a non-boolean', () => {
      const m = new PlainMessage();
      m.setJMSRedelivered(true);
      expect(m.getJMSRedelivered()).to.equal(true);
      expect(() => m.setJMSRedelivered(1 as unknown as boolean)).to.throw(MessageFormatException);
    });
  });

  describe('JMSReplyTo and JMSDestination', () => {
    it('round-trip queues and topics and compare by kind and name', () => {
      const m = new PlainMessage();
      const queue = new QueueValue('replies');
      const topic = new TopicValue('events');
      m.setJMSReplyTo(queue);
      m.setJMSDestination(topic);
      expect(m.getJMSReplyTo()).to.equal(queue);
      expect(m.getJMSDestination()).to.equal(topic);
      expect(m.getJMSReplyTo()!.equals(destinationOf('queue', 'replies'))).to.equal(true);
      expect(m.getJMSReplyTo()!.equals(destinationOf('topic', 'replies'))).to.equal(false);
      expect(m.getJMSDestination()!.equals(new TopicValue('other'))).to.equal(false);
      m.setJMSReplyTo(null);
      m.setJMSDestination(null);
      expect(m.getJMSReplyTo()).to.equal(null);
      expect(m.getJMSDestination()).to.equal(null);
    });
  });

  describe('headers on the wire and on received messages', () => {
    it('keeps every header through messageToEnvelope and envelopeToMessage', () => {
      const m = new JmsTextMessage('hi');
      m.setJMSMessageID('ID:x:1');
      m.setJMSCorrelationID('c-1');
      m.setJMSReplyTo(new QueueValue('replies'));
      m.setJMSType('kind');
      m.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
      m.setJMSPriority(8);
      m.setJMSTimestamp(1000);
      m.setJMSExpiration(2000);
      m.setJMSDeliveryTime(1500);
      const back = envelopeToMessage(messageToEnvelope(m));
      expect(back.getJMSMessageID()).to.equal('ID:x:1');
      expect(back.getJMSCorrelationID()).to.equal('c-1');
      expect(back.getJMSReplyTo()!.equals(new QueueValue('replies'))).to.equal(true);
      expect(back.getJMSType()).to.equal('kind');
      expect(back.getJMSDeliveryMode()).to.equal(DeliveryMode.NON_PERSISTENT);
      expect(back.getJMSPriority()).to.equal(8);
      expect(back.getJMSTimestamp()).to.equal(1000);
      expect(back.getJMSExpiration()).to.equal(2000);
      expect(back.getJMSDeliveryTime()).to.equal(1500);
      expect(back.getPropertyNames()).to.deep.equal([]);
    });

    it('lets the headers of a received (read-only) message be set', () => {
      const m = new JmsBytesMessage();
      m.markReceived();
      m.setJMSType('changed');
      m.setJMSPriority(1);
      m.setJMSCorrelationID('c');
      expect(m.getJMSType()).to.equal('changed');
      expect(m.getJMSPriority()).to.equal(1);
      expect(m.getJMSCorrelationID()).to.equal('c');
    });
  });
});
