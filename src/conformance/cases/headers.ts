import { strict as assert } from 'node:assert';
import { AcknowledgeMode, DeliveryMode } from '../../api/constants.js';
import type { Message, TextMessage } from '../../api/message.js';
import { expectError, expectUnsupported } from '../suite/expect.js';
import { group, roundTrip } from './define.js';

const make = group('headers-and-properties', 'headers');

type Setter = (m: Message) => void;
type Check = (m: Message) => void;

/** Each property type survives the broker with its Java type. */
const typedProperties: [string, Setter, Check][] = [
  ['boolean', (m) => m.setBooleanProperty('p', true), (m) => assert.equal(m.getObjectProperty('p'), true)],
  ['byte', (m) => m.setByteProperty('p', -5), (m) => { assert.equal(m.getByteProperty('p'), -5); assert.throws(() => m.getBooleanProperty('p'), { name: 'MessageFormatException' }); }],
  ['short', (m) => m.setShortProperty('p', 300), (m) => { assert.equal(m.getShortProperty('p'), 300); assert.throws(() => m.getByteProperty('p'), { name: 'MessageFormatException' }); }],
  ['int', (m) => m.setIntProperty('p', 70000), (m) => { assert.equal(m.getIntProperty('p'), 70000); assert.throws(() => m.getShortProperty('p'), { name: 'MessageFormatException' }); }],
  ['long', (m) => m.setLongProperty('p', 2n ** 62n), (m) => assert.equal(m.getObjectProperty('p'), 2n ** 62n)],
  ['float', (m) => m.setFloatProperty('p', 0.1), (m) => { assert.equal(m.getFloatProperty('p'), Math.fround(0.1)); assert.equal(m.getDoubleProperty('p'), Math.fround(0.1)); }],
  ['double', (m) => m.setDoubleProperty('p', 0.1), (m) => { assert.equal(m.getDoubleProperty('p'), 0.1); assert.throws(() => m.getFloatProperty('p'), { name: 'MessageFormatException' }); }],
  ['string', (m) => m.setStringProperty('p', 'value: ünïcode, comma'), (m) => assert.equal(m.getObjectProperty('p'), 'value: ünïcode, comma')],
];

async function sendAndReceive(ctx: Parameters<typeof roundTrip>[0], configure: (producer: import('../../api/connection.js').MessageProducer) => void, message?: (s: import('../../api/connection.js').Session) => Message) {
  const sent: { message?: Message; before?: number; after?: number } = {};
  const received = await roundTrip(
    ctx,
    (s) => (message ? message(s) : s.createTextMessage('h')),
    async (session, destination, m) => {
      const producer = await session.createProducer(destination);
      configure(producer);
      sent.before = Date.now();
      await producer.send(m);
      sent.after = Date.now();
      sent.message = m;
    },
  );
  return { received, sent: sent as Required<typeof sent> };
}

export const headerCases = [
  make('message-id-starts-with-ID-and-is-set-on-the-sent-message', null, async (ctx) => {
    const { received, sent } = await sendAndReceive(ctx, () => {});
    assert.match(received.getJMSMessageID() ?? '', /^ID:/);
    assert.equal(received.getJMSMessageID(), sent.message.getJMSMessageID());
  }),
  make('timestamp-is-within-the-send-call', null, async (ctx) => {
    const { received, sent } = await sendAndReceive(ctx, () => {});
    const timestamp = received.getJMSTimestamp();
    assert.ok(timestamp >= sent.before - 1 && timestamp <= sent.after + 1, `timestamp ${timestamp} outside ${sent.before}..${sent.after}`);
  }),
  make('destination-is-set-on-sent-and-received', null, async (ctx) => {
    const { received, sent } = await sendAndReceive(ctx, () => {});
    assert.ok(sent.message.getJMSDestination()?.equals(received.getJMSDestination()));
    assert.equal(received.getJMSDestination()?.kind, 'queue');
  }),
  make('delivery-mode-is-persistent-by-default', null, async (ctx) => {
    const { received } = await sendAndReceive(ctx, () => {});
    assert.equal(received.getJMSDeliveryMode(), DeliveryMode.PERSISTENT);
  }),
  make('delivery-mode-non-persistent-is-kept', null, async (ctx) => {
    const { received } = await sendAndReceive(ctx, (p) => p.setDeliveryMode(DeliveryMode.NON_PERSISTENT));
    assert.equal(received.getJMSDeliveryMode(), DeliveryMode.NON_PERSISTENT);
  }),
  make('priority-is-4-by-default', null, async (ctx) => {
    const { received } = await sendAndReceive(ctx, () => {});
    assert.equal(received.getJMSPriority(), 4);
  }),
  make('priority-set-on-producer-is-kept', 'priority', async (ctx) => {
    const { received } = await sendAndReceive(ctx, (p) => p.setPriority(7));
    assert.equal(received.getJMSPriority(), 7);
  }, async (ctx) => {
    const { session } = await ctx.open();
    const producer = await session.createProducer(session.createQueue(ctx.name('q')));
    await expectUnsupported(() => producer.setPriority(7));
  }),
  make('expiration-is-0-without-time-to-live', null, async (ctx) => {
    const { received } = await sendAndReceive(ctx, () => {});
    assert.equal(received.getJMSExpiration(), 0);
  }),
  make('expiration-is-timestamp-plus-time-to-live', 'timeToLive', async (ctx) => {
    const { received } = await sendAndReceive(ctx, (p) => p.setTimeToLive(60000));
    assert.equal(received.getJMSExpiration(), received.getJMSTimestamp() + 60000);
  }, async (ctx) => {
    const { session } = await ctx.open();
    const producer = await session.createProducer(session.createQueue(ctx.name('q')));
    await expectUnsupported(() => producer.setTimeToLive(60000));
  }),
  make('delivery-time-equals-timestamp-without-delay', null, async (ctx) => {
    const { received } = await sendAndReceive(ctx, () => {});
    assert.equal(received.getJMSDeliveryTime(), received.getJMSTimestamp());
  }),
  make('correlation-id-round-trips', null, async (ctx) => {
    const received = await roundTrip(ctx, (s) => {
      const m = s.createTextMessage('x');
      m.setJMSCorrelationID('order-42');
      return m;
    });
    assert.equal(received.getJMSCorrelationID(), 'order-42');
  }),
  make('correlation-id-as-bytes-round-trips', null, async (ctx) => {
    const received = await roundTrip(ctx, (s) => {
      const m = s.createTextMessage('x');
      m.setJMSCorrelationIDAsBytes(new Uint8Array([0, 255, 16]));
      return m;
    });
    assert.deepEqual([...(received.getJMSCorrelationIDAsBytes() ?? [])], [0, 255, 16]);
  }),
  make('reply-to-queue-round-trips', null, async (ctx) => {
    const replyName = ctx.name('reply');
    const received = await roundTrip(ctx, (s) => {
      const m = s.createTextMessage('x');
      m.setJMSReplyTo(s.createQueue(replyName));
      return m;
    });
    assert.equal(received.getJMSReplyTo()?.kind, 'queue');
    assert.equal(received.getJMSReplyTo()?.name, replyName);
  }),
  make('reply-to-topic-round-trips', null, async (ctx) => {
    const replyName = ctx.name('reply');
    const received = await roundTrip(ctx, (s) => {
      const m = s.createTextMessage('x');
      m.setJMSReplyTo(s.createTopic(replyName));
      return m;
    });
    assert.equal(received.getJMSReplyTo()?.kind, 'topic');
    assert.equal(received.getJMSReplyTo()?.name, replyName);
  }),
  make('type-round-trips', null, async (ctx) => {
    const received = await roundTrip(ctx, (s) => {
      const m = s.createTextMessage('x');
      m.setJMSType('user.registered');
      return m;
    });
    assert.equal(received.getJMSType(), 'user.registered');
  }),
  make('first-delivery-is-not-redelivered-and-counts-1', null, async (ctx) => {
    const received = await roundTrip(ctx, (s) => s.createTextMessage('x'));
    assert.equal(received.getJMSRedelivered(), false);
    assert.equal(received.getIntProperty('JMSXDeliveryCount'), 1);
  }),
  make('disabled-message-id-gives-null', null, async (ctx) => {
    const { received } = await sendAndReceive(ctx, (p) => p.setDisableMessageID(true));
    assert.equal(received.getJMSMessageID(), null);
  }),
  make('disabled-timestamp-gives-0', null, async (ctx) => {
    const { received } = await sendAndReceive(ctx, (p) => p.setDisableMessageTimestamp(true));
    assert.equal(received.getJMSTimestamp(), 0);
  }),
  ...typedProperties.map(([type, set, check]) =>
    make(`${type}-property-keeps-its-type`, null, async (ctx) => {
      const received = await roundTrip(ctx, (s) => {
        const m = s.createTextMessage('x');
        set(m);
        return m;
      });
      check(received);
    }),
  ),
  make('string-property-converts-to-numbers-on-read', null, async (ctx) => {
    const received = await roundTrip(ctx, (s) => {
      const m = s.createTextMessage('x');
      m.setStringProperty('n', '12');
      m.setStringProperty('bad', 'twelve');
      return m;
    });
    assert.equal(received.getIntProperty('n'), 12);
    assert.equal(received.getLongProperty('n'), 12n);
    assert.equal(received.getDoubleProperty('n'), 12);
    assert.throws(() => received.getIntProperty('bad'), { name: 'NumberFormatException' });
  }),
  make('property-names-are-listed', null, async (ctx) => {
    const received = await roundTrip(ctx, (s) => {
      const m = s.createTextMessage('x');
      m.setIntProperty('alpha', 1);
      m.setStringProperty('beta', 'b');
      return m;
    });
    const names = received.getPropertyNames();
    assert.ok(names.includes('alpha') && names.includes('beta'), `names: ${names.join(', ')}`);
    assert.equal(received.propertyExists('gamma'), false);
  }),
  make('received-properties-are-read-only-until-cleared', null, async (ctx) => {
    const received = await roundTrip(ctx, (s) => {
      const m = s.createTextMessage('x');
      m.setIntProperty('a', 1);
      return m;
    });
    assert.throws(() => received.setIntProperty('a', 2), { name: 'MessageNotWriteableException' });
    received.clearProperties();
    assert.equal(received.propertyExists('a'), false);
    received.setIntProperty('a', 2);
    assert.equal(received.getIntProperty('a'), 2);
  }),
  make('received-body-is-read-only-until-cleared', null, async (ctx) => {
    const received = (await roundTrip(ctx, (s) => s.createTextMessage('x'))) as TextMessage;
    assert.throws(() => received.setText('y'), { name: 'MessageNotWriteableException' });
    received.clearBody();
    assert.equal(received.getText(), null);
    received.setText('y');
    assert.equal(received.getText(), 'y');
  }),
  make('invalid-property-names-are-refused', null, async (ctx) => {
    const { session } = await ctx.open(AcknowledgeMode.AUTO_ACKNOWLEDGE, { start: false });
    const m = session.createTextMessage('x');
    for (const name of ['', '1abc', 'a-b', 'NULL', 'and', 'JMSFoo']) {
      await expectError(Error, () => m.setStringProperty(name, 'v'));
    }
    assert.throws(() => m.setIntProperty('JMSXGroupSeq', 1.5), { name: 'MessageFormatException' });
  }),
  make('group-id-and-sequence-round-trip', null, async (ctx) => {
    const received = await roundTrip(ctx, (s) => {
      const m = s.createTextMessage('x');
      m.setStringProperty('JMSXGroupID', 'g1');
      m.setIntProperty('JMSXGroupSeq', 3);
      return m;
    });
    assert.equal(received.getStringProperty('JMSXGroupID'), 'g1');
    assert.equal(received.getIntProperty('JMSXGroupSeq'), 3);
  }),
];
