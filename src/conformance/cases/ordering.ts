import { strict as assert } from 'node:assert';
import { AcknowledgeMode } from '../../api/constants.js';
import type { Message, TextMessage } from '../../api/message.js';
import { expectUnsupported } from '../suite/expect.js';
import { group } from './define.js';

const make = group('ordering-and-priority', 'order');
const text = (m: Message) => (m as TextMessage).getText();

export const orderingCases = [
  make('queue-keeps-the-order-of-one-producer', null, async (ctx) => {
    const { session } = await ctx.open();
    const queue = session.createQueue(ctx.name('q'));
    const consumer = await session.createConsumer(queue);
    const producer = await session.createProducer(queue);
    const bodies = Array.from({ length: 100 }, (_, i) => `m${i}`);
    for (const body of bodies) await producer.send(session.createTextMessage(body));
    assert.deepEqual((await ctx.receiveMany(consumer, 100)).map(text), bodies);
  }),
  make('topic-keeps-the-order-of-one-producer', 'topics', async (ctx) => {
    const { session } = await ctx.open();
    const topic = session.createTopic(ctx.name('t'));
    const consumer = await session.createConsumer(topic);
    const producer = await session.createProducer(topic);
    const bodies = Array.from({ length: 50 }, (_, i) => `m${i}`);
    for (const body of bodies) await producer.send(session.createTextMessage(body));
    assert.deepEqual((await ctx.receiveMany(consumer, 50)).map(text), bodies);
  }),
  make('higher-priority-is-delivered-first', 'priority', async (ctx) => {
    const { session, connection } = await ctx.open(AcknowledgeMode.AUTO_ACKNOWLEDGE, { start: false });
    const queue = session.createQueue(ctx.name('q'));
    const producer = await session.createProducer(queue);
    for (const priority of [1, 9, 4, 7, 0]) await producer.send(session.createTextMessage(`p${priority}`), { priority });
    const consumer = await session.createConsumer(queue);
    await connection.start();
    assert.deepEqual((await ctx.receiveMany(consumer, 5)).map(text), ['p9', 'p7', 'p4', 'p1', 'p0']);
  }, async (ctx) => {
    const { session } = await ctx.open();
    const producer = await session.createProducer(session.createQueue(ctx.name('q')));
    await expectUnsupported(() => producer.send(session.createTextMessage('x'), { priority: 9 }));
  }),
  make('equal-priority-keeps-send-order', 'priority', async (ctx) => {
    const { session, connection } = await ctx.open(AcknowledgeMode.AUTO_ACKNOWLEDGE, { start: false });
    const queue = session.createQueue(ctx.name('q'));
    const producer = await session.createProducer(queue);
    for (const body of ['a', 'b', 'c']) await producer.send(session.createTextMessage(body), { priority: 6 });
    await producer.send(session.createTextMessage('low'), { priority: 2 });
    const consumer = await session.createConsumer(queue);
    await connection.start();
    assert.deepEqual((await ctx.receiveMany(consumer, 4)).map(text), ['a', 'b', 'c', 'low']);
  }, async (ctx) => {
    const { session } = await ctx.open();
    const producer = await session.createProducer(session.createQueue(ctx.name('q')));
    await expectUnsupported(() => producer.setPriority(6));
  }),
  make('invalid-priority-is-refused', null, async (ctx) => {
    const { session } = await ctx.open();
    const producer = await session.createProducer(session.createQueue(ctx.name('q')));
    for (const priority of [-1, 10, 4.5]) assert.throws(() => producer.setPriority(priority), /0 to 9/);
  }),
];
