import { strict as assert } from 'node:assert';
import type {
  BytesMessage,
  MapMessage,
  ObjectMessage,
  StreamMessage,
  TextMessage,
} from '../../api/message.js';
import { group, roundTrip } from './define.js';

const make = group('messages-and-bodies', 'body');

const UNICODE = 'héllo wörld — 日本語 — emoji 🎉 — nul\u0000inside';

export const messageCases = [
  make('text-body-round-trips', null, async (ctx) => {
    const received = (await roundTrip(ctx, (s) => s.createTextMessage('hello'))) as TextMessage;
    assert.equal(received.bodyKind, 'text');
    assert.equal(received.getText(), 'hello');
  }),
  make('text-body-keeps-unicode-and-nul', null, async (ctx) => {
    const received = (await roundTrip(ctx, (s) => s.createTextMessage(UNICODE))) as TextMessage;
    assert.equal(received.getText(), UNICODE);
  }),
  make('text-body-null-round-trips-as-null', null, async (ctx) => {
    const received = (await roundTrip(ctx, (s) => s.createTextMessage())) as TextMessage;
    assert.equal(received.bodyKind, 'text');
    assert.equal(received.getText(), null);
  }),
  make('text-body-of-256-kib-round-trips', null, async (ctx) => {
    const text = 'abcdefgh'.repeat(32 * 1024);
    const received = (await roundTrip(ctx, (s) => s.createTextMessage(text))) as TextMessage;
    assert.equal(received.getText(), text);
  }),
  make('bytes-body-keeps-every-data-type', null, async (ctx) => {
    const received = (await roundTrip(ctx, (s) => {
      const m = s.createBytesMessage();
      m.writeBoolean(true);
      m.writeByte(-128);
      m.writeShort(-32768);
      m.writeChar('Ω');
      m.writeInt(2147483647);
      m.writeLong(-(2n ** 63n));
      m.writeFloat(1.5);
      m.writeDouble(Math.PI);
      m.writeUTF('utf ✓');
      m.writeBytes(new Uint8Array([1, 2, 3]));
      return m;
    })) as BytesMessage;
    assert.equal(received.readBoolean(), true);
    assert.equal(received.readByte(), -128);
    assert.equal(received.readShort(), -32768);
    assert.equal(received.readChar(), 'Ω');
    assert.equal(received.readInt(), 2147483647);
    assert.equal(received.readLong(), -(2n ** 63n));
    assert.equal(received.readFloat(), 1.5);
    assert.equal(received.readDouble(), Math.PI);
    assert.equal(received.readUTF(), 'utf ✓');
    const tail = new Uint8Array(5);
    assert.equal(received.readBytes(tail), 3);
    assert.deepEqual([...tail.subarray(0, 3)], [1, 2, 3]);
    assert.equal(received.readBytes(tail), -1);
  }),
  make('bytes-body-length-is-known-on-receipt', null, async (ctx) => {
    const received = (await roundTrip(ctx, (s) => {
      const m = s.createBytesMessage();
      m.writeBytes(new Uint8Array(1000).fill(7));
      return m;
    })) as BytesMessage;
    assert.equal(received.getBodyLength(), 1000);
  }),
  make('bytes-body-empty-round-trips', null, async (ctx) => {
    const received = (await roundTrip(ctx, (s) => s.createBytesMessage())) as BytesMessage;
    assert.equal(received.bodyKind, 'bytes');
    assert.equal(received.getBodyLength(), 0);
  }),
  make('map-body-keeps-every-type', null, async (ctx) => {
    const received = (await roundTrip(ctx, (s) => {
      const m = s.createMapMessage();
      m.setBoolean('z', true);
      m.setByte('b', 12);
      m.setShort('s', -300);
      m.setChar('c', 'x');
      m.setInt('i', 70000);
      m.setLong('j', 2n ** 60n + 1n);
      m.setFloat('f', 0.1);
      m.setDouble('d', 0.1);
      m.setString('t', 'text');
      m.setBytes('y', new Uint8Array([9, 8]));
      return m;
    })) as MapMessage;
    assert.equal(received.getBoolean('z'), true);
    assert.equal(received.getByte('b'), 12);
    assert.equal(received.getShort('s'), -300);
    assert.equal(received.getChar('c'), 'x');
    assert.equal(received.getInt('i'), 70000);
    assert.equal(received.getLong('j'), 2n ** 60n + 1n);
    assert.equal(received.getFloat('f'), Math.fround(0.1));
    assert.equal(received.getDouble('d'), 0.1);
    assert.equal(received.getString('t'), 'text');
    assert.deepEqual([...received.getBytes('y')!], [9, 8]);
    assert.deepEqual(received.getMapNames().sort(), ['b', 'c', 'd', 'f', 'i', 'j', 's', 't', 'y', 'z']);
  }),
  make('map-body-keeps-types-for-conversions', null, async (ctx) => {
    const received = (await roundTrip(ctx, (s) => {
      const m = s.createMapMessage();
      m.setInt('i', 5);
      return m;
    })) as MapMessage;
    assert.equal(received.getLong('i'), 5n);
    assert.equal(received.getString('i'), '5');
    assert.throws(() => received.getShort('i'), { name: 'MessageFormatException' });
  }),
  make('map-body-null-entry-round-trips', null, async (ctx) => {
    const received = (await roundTrip(ctx, (s) => {
      const m = s.createMapMessage();
      m.setString('nothing', null);
      return m;
    })) as MapMessage;
    assert.equal(received.itemExists('nothing'), true);
    assert.equal(received.getString('nothing'), null);
  }),
  make('stream-body-keeps-order-and-types', null, async (ctx) => {
    const received = (await roundTrip(ctx, (s) => {
      const m = s.createStreamMessage();
      m.writeInt(1);
      m.writeString('two');
      m.writeDouble(3.5);
      m.writeLong(4n);
      m.writeBoolean(false);
      m.writeChar('6');
      m.writeBytes(new Uint8Array([7]));
      m.writeString(null);
      return m;
    })) as StreamMessage;
    assert.equal(received.readInt(), 1);
    assert.equal(received.readString(), 'two');
    assert.equal(received.readDouble(), 3.5);
    assert.equal(received.readLong(), 4n);
    assert.equal(received.readBoolean(), false);
    assert.equal(received.readChar(), '6');
    const buffer = new Uint8Array(4);
    assert.equal(received.readBytes(buffer), 1);
    assert.equal(received.readObject(), null);
  }),
  make('stream-body-failed-conversion-does-not-advance', null, async (ctx) => {
    const received = (await roundTrip(ctx, (s) => {
      const m = s.createStreamMessage();
      m.writeString('abc');
      return m;
    })) as StreamMessage;
    assert.throws(() => received.readInt(), { name: 'NumberFormatException' });
    assert.equal(received.readString(), 'abc');
  }),
  make('object-body-round-trips-plain-data', null, async (ctx) => {
    const payload = { name: 'Ada', tags: ['a', 'b'], nested: { n: 1.5, big: 2n ** 70n, flag: true, none: null }, bytes: new Uint8Array([1, 2]) };
    const received = (await roundTrip(ctx, (s) => s.createObjectMessage(payload))) as ObjectMessage;
    assert.deepEqual(received.getObject(), payload);
  }),
  make('object-body-proto-key-stays-data', null, async (ctx) => {
    const payload = JSON.parse('{"__proto__": {"polluted": true}, "ok": 1}');
    const received = (await roundTrip(ctx, (s) => s.createObjectMessage(payload))) as ObjectMessage;
    const body = received.getObject() as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(body), Object.prototype);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.deepEqual(Object.getOwnPropertyDescriptor(body, '__proto__')?.value, { polluted: true });
  }),
  make('object-body-is-copied-at-send', null, async (ctx) => {
    const payload = { count: 1 };
    const received = (await roundTrip(
      ctx,
      (s) => s.createObjectMessage(payload),
      async (session, destination, message) => {
        payload.count = 2; // after setObject, before send: must not leak in
        await (await session.createProducer(destination)).send(message);
      },
    )) as ObjectMessage;
    assert.deepEqual(received.getObject(), { count: 1 });
  }),
  make('message-without-body-round-trips', null, async (ctx) => {
    const received = await roundTrip(ctx, (s) => {
      const m = s.createMessage();
      m.setStringProperty('only', 'headers');
      return m;
    });
    assert.equal(received.bodyKind, 'message');
    assert.equal(received.getStringProperty('only'), 'headers');
  }),
  make('get-body-returns-the-text', null, async (ctx) => {
    const received = await roundTrip(ctx, (s) => s.createTextMessage('body'));
    assert.equal(received.getBody(String), 'body');
    assert.equal(received.isBodyAssignableTo(String), true);
    assert.equal(received.isBodyAssignableTo(Map), false);
    assert.throws(() => received.getBody(Map), { name: 'MessageFormatException' });
  }),
  make('sent-message-can-be-changed-after-send', null, async (ctx) => {
    const { session } = await ctx.open();
    const queue = session.createQueue(ctx.name('q'));
    const consumer = await session.createConsumer(queue);
    const producer = await session.createProducer(queue);
    const message = session.createTextMessage('first');
    await producer.send(message);
    message.setText('second');
    await producer.send(message);
    const [a, b] = await ctx.receiveMany(consumer, 2);
    assert.equal((a as TextMessage).getText(), 'first');
    assert.equal((b as TextMessage).getText(), 'second');
    assert.notEqual(a.getJMSMessageID(), b.getJMSMessageID());
  }),
];
