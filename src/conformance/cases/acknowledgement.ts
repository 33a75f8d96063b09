import { strict as assert } from 'node:assert';
import { AcknowledgeMode } from '../../api/constants.js';
import { IllegalStateException } from '../../api/exceptions.js';
import type { Message, TextMessage } from '../../api/message.js';
import type { CaseContext } from '../suite/context.js';
import { deferred, expectError, within } from '../suite/expect.js';
import { group } from './define.js';

const make = group('acknowledgement-and-recover', 'ack');

const text = (m: Message | null) => (m as TextMessage | null)?.getText();

/** Puts `bodies` on a fresh queue and returns its name. */
async function fill(ctx: CaseContext, bodies: string[]): Promise<string> {
  const { session } = await ctx.open(AcknowledgeMode.AUTO_ACKNOWLEDGE, { start: false });
  const name = ctx.name('q');
  const producer = await session.createProducer(session.createQueue(name));
  for (const body of bodies) await producer.send(session.createTextMessage(body));
  return name;
}

export const acknowledgementCases = [
  make('auto-acknowledged-message-is-not-redelivered', null, async (ctx) => {
    const name = await fill(ctx, ['one']);
    const first = await ctx.open(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    assert.equal(text(await ctx.receive(await first.session.createConsumer(first.session.createQueue(name)))), 'one');
    await first.connection.close();
    const second = await ctx.open();
    await ctx.expectNone(await second.session.createConsumer(second.session.createQueue(name)));
  }),
  make('client-unacknowledged-message-is-redelivered-after-close', null, async (ctx) => {
    const name = await fill(ctx, ['one']);
    const first = await ctx.open(AcknowledgeMode.CLIENT_ACKNOWLEDGE);
    assert.equal(text(await ctx.receive(await first.session.createConsumer(first.session.createQueue(name)))), 'one');
    await first.connection.close();
    const second = await ctx.open(AcknowledgeMode.CLIENT_ACKNOWLEDGE);
    const again = await ctx.receive(await second.session.createConsumer(second.session.createQueue(name)));
    assert.equal(text(again), 'one');
    assert.equal(again.getJMSRedelivered(), true);
    assert.ok(again.getIntProperty('JMSXDeliveryCount') >= 2);
    await again.acknowledge();
  }),
  make('client-acknowledge-acknowledges-every-delivered-message-of-the-session', null, async (ctx) => {
    const a = await fill(ctx, ['a']);
    const b = await fill(ctx, ['b']);
    const first = await ctx.open(AcknowledgeMode.CLIENT_ACKNOWLEDGE);
    const fromA = await ctx.receive(await first.session.createConsumer(first.session.createQueue(a)));
    await ctx.receive(await first.session.createConsumer(first.session.createQueue(b)));
    await fromA.acknowledge(); // acknowledges b's message too
    await first.connection.close();
    const second = await ctx.open();
    await ctx.expectNone(await second.session.createConsumer(second.session.createQueue(b)));
  }),
  make('client-acknowledge-after-session-close-throws', null, async (ctx) => {
    const name = await fill(ctx, ['one']);
    const { session } = await ctx.open(AcknowledgeMode.CLIENT_ACKNOWLEDGE);
    const message = await ctx.receive(await session.createConsumer(session.createQueue(name)));
    await session.close();
    await expectError(IllegalStateException, () => message.acknowledge());
  }),
  make('recover-redelivers-unacknowledged-messages-in-order', null, async (ctx) => {
    const name = await fill(ctx, ['one', 'two']);
    const { session } = await ctx.open(AcknowledgeMode.CLIENT_ACKNOWLEDGE);
    const consumer = await session.createConsumer(session.createQueue(name));
    const [one, two] = await ctx.receiveMany(consumer, 2);
    assert.deepEqual([text(one), text(two)], ['one', 'two']);
    await session.recover();
    const again = await ctx.receiveMany(consumer, 2);
    assert.deepEqual(again.map(text), ['one', 'two']);
    assert.ok(again.every((m) => m.getJMSRedelivered() && m.getIntProperty('JMSXDeliveryCount') === 2));
    await again[1].acknowledge();
  }),
  make('recover-keeps-acknowledged-messages-acknowledged', null, async (ctx) => {
    const name = await fill(ctx, ['one', 'two']);
    const { session } = await ctx.open(AcknowledgeMode.CLIENT_ACKNOWLEDGE);
    const consumer = await session.createConsumer(session.createQueue(name));
    const one = await ctx.receive(consumer);
    await one.acknowledge();
    assert.equal(text(await ctx.receive(consumer)), 'two');
    await session.recover();
    const again = await ctx.receive(consumer);
    assert.equal(text(again), 'two');
    await again.acknowledge();
    await ctx.expectNone(consumer, 200);
  }),
  make('recover-in-auto-mode-redelivers-nothing-received', null, async (ctx) => {
    const name = await fill(ctx, ['one']);
    const { session } = await ctx.open(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const consumer = await session.createConsumer(session.createQueue(name));
    await ctx.receive(consumer);
    await session.recover();
    await ctx.expectNone(consumer, 200);
  }),
  make('dups-ok-delivers-every-message', null, async (ctx) => {
    const name = await fill(ctx, ['1', '2', '3']);
    const { session } = await ctx.open(AcknowledgeMode.DUPS_OK_ACKNOWLEDGE);
    const got = await ctx.receiveMany(await session.createConsumer(session.createQueue(name)), 3);
    assert.deepEqual(got.map(text), ['1', '2', '3']);
    assert.equal(session.getAcknowledgeMode(), AcknowledgeMode.DUPS_OK_ACKNOWLEDGE);
  }),
  make('listener-that-throws-in-auto-mode-gets-the-message-again', null, async (ctx) => {
    const name = await fill(ctx, ['one']);
    const { session } = await ctx.open(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const consumer = await session.createConsumer(session.createQueue(name));
    const second = deferred<Message>();
    let calls = 0;
    consumer.setMessageListener((m) => {
      if (++calls === 1) throw new Error('listener failure on purpose');
      second.resolve(m);
    });
    const again = await within(second.promise, ctx.ms(5000), 'the redelivery');
    assert.equal(text(again), 'one');
    assert.equal(again.getJMSRedelivered(), true);
    assert.equal(again.getIntProperty('JMSXDeliveryCount'), 2);
  }),
  make('listener-in-client-mode-acknowledges-explicitly', null, async (ctx) => {
    const name = await fill(ctx, ['one']);
    const first = await ctx.open(AcknowledgeMode.CLIENT_ACKNOWLEDGE);
    const consumer = await first.session.createConsumer(first.session.createQueue(name));
    const handled = deferred<void>();
    consumer.setMessageListener(async (m) => {
      await m.acknowledge();
      handled.resolve();
    });
    await within(handled.promise, ctx.ms(5000), 'the listener');
    await first.connection.close();
    const second = await ctx.open();
    await ctx.expectNone(await second.session.createConsumer(second.session.createQueue(name)));
  }),
  make('recover-in-transacted-session-throws', 'transactions', async (ctx) => {
    const { session } = await ctx.open(AcknowledgeMode.SESSION_TRANSACTED);
    await expectError(IllegalStateException, () => session.recover());
  }),
  make('acknowledge-in-auto-mode-does-nothing', null, async (ctx) => {
    const name = await fill(ctx, ['one', 'two']);
    const { session } = await ctx.open(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const consumer = await session.createConsumer(session.createQueue(name));
    const one = await ctx.receive(consumer);
    await one.acknowledge();
    assert.equal(text(await ctx.receive(consumer)), 'two');
  }),
  make('session-reports-its-mode', null, async (ctx) => {
    const { connection } = await ctx.open();
    for (const mode of [AcknowledgeMode.AUTO_ACKNOWLEDGE, AcknowledgeMode.CLIENT_ACKNOWLEDGE, AcknowledgeMode.DUPS_OK_ACKNOWLEDGE]) {
      const session = await connection.createSession(mode);
      assert.equal(session.getAcknowledgeMode(), mode);
      assert.equal(session.getTransacted(), false);
    }
  }),
];
