import { strict as assert } from 'node:assert';
import { InvalidDestinationException, JMSException } from '../../api/exceptions.js';
import type { Message, TextMessage } from '../../api/message.js';
import type { CaseContext } from '../suite/context.js';
import { expectError, expectUnsupported } from '../suite/expect.js';
import { group } from './define.js';

const make = group('temporary-and-request-reply', 'temp');
const text = (m: Message | null) => (m as TextMessage | null)?.getText();
const queueRefused = async (ctx: CaseContext) => {
  const { session } = await ctx.open();
  await expectUnsupported(() => session.createTemporaryQueue());
};

export const temporaryCases = [
  make('request-reply-through-a-temporary-queue', 'temporaryQueues', async (ctx) => {
    const requester = await ctx.open();
    const responder = await ctx.open();
    const service = ctx.name('service');
    const requests = await responder.session.createConsumer(responder.session.createQueue(service));
    const replyProducer = await responder.session.createProducer(null);
    requests.setMessageListener(async (request) => {
      const reply = responder.session.createTextMessage(`re: ${text(request)}`);
      reply.setJMSCorrelationID(request.getJMSMessageID());
      await replyProducer.send(request.getJMSReplyTo()!, reply);
    });
    const replyQueue = await requester.session.createTemporaryQueue();
    const replies = await requester.session.createConsumer(replyQueue);
    const request = requester.session.createTextMessage('ping');
    request.setJMSReplyTo(replyQueue);
    await (await requester.session.createProducer(requester.session.createQueue(service))).send(request);
    const reply = await ctx.receive(replies);
    assert.equal(text(reply), 're: ping');
    assert.equal(reply.getJMSCorrelationID(), request.getJMSMessageID());
  }, queueRefused),
  make('temporary-topic-delivers-to-subscribers', 'temporaryTopics', async (ctx) => {
    const { session } = await ctx.open();
    const topic = await session.createTemporaryTopic();
    const consumer = await session.createConsumer(topic);
    await (await session.createProducer(topic)).send(session.createTextMessage('temp'));
    assert.equal(text(await ctx.receive(consumer)), 'temp');
    assert.equal(topic.temporary, true);
  }, async (ctx) => {
    const { session } = await ctx.open();
    await expectUnsupported(() => session.createTemporaryTopic());
  }),
  make('temporary-queues-are-distinct-and-temporary', 'temporaryQueues', async (ctx) => {
    const { session } = await ctx.open();
    const a = await session.createTemporaryQueue();
    const b = await session.createTemporaryQueue();
    assert.equal(a.temporary, true);
    assert.notEqual(a.getQueueName(), b.getQueueName());
    assert.equal(a.equals(b), false);
  }, queueRefused),
  make('another-connection-cannot-consume-a-temporary-queue', 'temporaryQueues', async (ctx) => {
    const owner = await ctx.open();
    const other = await ctx.open();
    const queue = await owner.session.createTemporaryQueue();
    await expectError(InvalidDestinationException, () => other.session.createConsumer(queue));
  }, queueRefused),
  make('deleting-a-temporary-queue-in-use-throws', 'temporaryQueues', async (ctx) => {
    const { session } = await ctx.open();
    const queue = await session.createTemporaryQueue();
    const consumer = await session.createConsumer(queue);
    await expectError(JMSException, () => queue.delete());
    await consumer.close();
    await queue.delete();
  }, queueRefused),
  make('another-connection-can-send-to-a-temporary-queue', 'temporaryQueues', async (ctx) => {
    const owner = await ctx.open();
    const other = await ctx.open();
    const queue = await owner.session.createTemporaryQueue();
    const consumer = await owner.session.createConsumer(queue);
    await (await other.session.createProducer(queue)).send(other.session.createTextMessage('to owner'));
    assert.equal(text(await ctx.receive(consumer)), 'to owner');
  }, queueRefused),
  make('reply-to-temporary-queue-keeps-its-name', 'temporaryQueues', async (ctx) => {
    const { session } = await ctx.open();
    const replyQueue = await session.createTemporaryQueue();
    const queue = session.createQueue(ctx.name('q'));
    const consumer = await session.createConsumer(queue);
    const message = session.createTextMessage('x');
    message.setJMSReplyTo(replyQueue);
    await (await session.createProducer(queue)).send(message);
    const received = await ctx.receive(consumer);
    assert.equal(received.getJMSReplyTo()?.name, replyQueue.getQueueName());
    assert.equal(received.getJMSReplyTo()?.kind, 'queue');
  }, queueRefused),
];
