import { strict as assert } from 'node:assert';
import { AcknowledgeMode } from '../../api/constants.js';
import type { Message, TextMessage } from '../../api/message.js';
import { expectUnsupported } from '../suite/expect.js';
import { group } from './define.js';

const make = group('ttl-and-delay', 'time');
const text = (m: Message | null) => (m as TextMessage | null)?.getText();
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const ttlCases = [
  make('expired-message-is-never-delivered', 'timeToLive', async (ctx) => {
    const { session, connection } = await ctx.open(AcknowledgeMode.AUTO_ACKNOWLEDGE, { start: false });
    const queue = session.createQueue(ctx.name('q'));
    const producer = await session.createProducer(queue);
    await producer.send(session.createTextMessage('short-lived'), { timeToLive: 100 });
    await producer.send(session.createTextMessage('lasting'));
    await pause(ctx.ms(300)); // the behaviour under test is the passing of time
    const consumer = await session.createConsumer(queue);
    await connection.start();
    assert.equal(text(await ctx.receive(consumer)), 'lasting');
    await ctx.expectNone(consumer, 200);
  }, async (ctx) => {
    const { session } = await ctx.open();
    const producer = await session.createProducer(session.createQueue(ctx.name('q')));
    await expectUnsupported(() => producer.send(session.createTextMessage('x'), { timeToLive: 100 }));
  }),
  make('time-to-live-0-never-expires', null, async (ctx) => {
    const { session } = await ctx.open();
    const queue = session.createQueue(ctx.name('q'));
    const producer = await session.createProducer(queue);
    producer.setTimeToLive(0);
    await producer.send(session.createTextMessage('forever'));
    const received = await ctx.receive(await session.createConsumer(queue));
    assert.equal(received.getJMSExpiration(), 0);
  }),
  make('per-send-time-to-live-overrides-the-producer', 'timeToLive', async (ctx) => {
    const { session } = await ctx.open();
    const queue = session.createQueue(ctx.name('q'));
    const producer = await session.createProducer(queue);
    await producer.send(session.createTextMessage('x'), { timeToLive: 30000 });
    const received = await ctx.receive(await session.createConsumer(queue));
    assert.equal(received.getJMSExpiration() - received.getJMSTimestamp(), 30000);
    assert.equal(producer.getTimeToLive(), 0);
  }, async (ctx) => {
    const { session } = await ctx.open();
    const producer = await session.createProducer(session.createQueue(ctx.name('q')));
    await expectUnsupported(() => producer.send(session.createTextMessage('x'), { timeToLive: 30000 }));
  }),
  make('delayed-message-is-not-delivered-before-its-time', 'deliveryDelay', async (ctx) => {
    const { session } = await ctx.open();
    const queue = session.createQueue(ctx.name('q'));
    const consumer = await session.createConsumer(queue);
    const producer = await session.createProducer(queue);
    producer.setDeliveryDelay(ctx.ms(500));
    const sentAt = Date.now();
    await producer.send(session.createTextMessage('later'));
    const received = await ctx.receive(consumer, 5000);
    assert.ok(Date.now() - sentAt >= ctx.ms(500) - 5, `delivered after ${Date.now() - sentAt} ms`);
    assert.equal(received.getJMSDeliveryTime(), received.getJMSTimestamp() + ctx.ms(500));
  }, async (ctx) => {
    const { session } = await ctx.open();
    const producer = await session.createProducer(session.createQueue(ctx.name('q')));
    await expectUnsupported(() => producer.setDeliveryDelay(500));
  }),
  make('delayed-message-does-not-hold-back-others', 'deliveryDelay', async (ctx) => {
    const { session } = await ctx.open();
    const queue = session.createQueue(ctx.name('q'));
    const consumer = await session.createConsumer(queue);
    const delayed = await session.createProducer(queue);
    delayed.setDeliveryDelay(ctx.ms(400));
    await delayed.send(session.createTextMessage('later'));
    await (await session.createProducer(queue)).send(session.createTextMessage('now'));
    assert.equal(text(await ctx.receive(consumer)), 'now');
    assert.equal(text(await ctx.receive(consumer)), 'later');
  }, async (ctx) => {
    const { session } = await ctx.open();
    const producer = await session.createProducer(session.createQueue(ctx.name('q')));
    await expectUnsupported(() => producer.setDeliveryDelay(400));
  }),
  make('default-delivery-delay-is-0', null, async (ctx) => {
    const { session } = await ctx.open();
    const producer = await session.createProducer(session.createQueue(ctx.name('q')));
    assert.equal(producer.getDeliveryDelay(), 0);
    assert.equal(producer.getTimeToLive(), 0);
  }),
];
