import { strict as assert } from 'node:assert';
import type { Session } from '../../api/connection.js';
import { IllegalStateException, InvalidDestinationException, JMSException } from '../../api/exceptions.js';
import type { Message, TextMessage } from '../../api/message.js';
import type { CaseContext } from '../suite/context.js';
import { expectError, expectUnsupported } from '../suite/expect.js';
import { group } from './define.js';

const make = group('subscriptions', 'sub');
const text = (m: Message | null) => (m as TextMessage | null)?.getText();

async function publish(session: Session, topicName: string, ...bodies: string[]): Promise<void> {
  const producer = await session.createProducer(session.createTopic(topicName));
  for (const body of bodies) await producer.send(session.createTextMessage(body));
}

async function durableRefused(ctx: CaseContext): Promise<void> {
  const { session } = await ctx.open(undefined, { clientId: ctx.name('client') });
  await expectUnsupported(() => session.createDurableConsumer(session.createTopic(ctx.name('t')), 'sub'));
}

async function sharedRefused(ctx: CaseContext): Promise<void> {
  const { session } = await ctx.open();
  await expectUnsupported(() => session.createSharedConsumer(session.createTopic(ctx.name('t')), 'shared'));
}

export const subscriptionCases = [
  make('non-durable-subscriber-gets-only-later-messages', 'topics', async (ctx) => {
    const { session } = await ctx.open();
    const topic = ctx.name('t');
    await publish(session, topic, 'before');
    const consumer = await session.createConsumer(session.createTopic(topic));
    await publish(session, topic, 'after');
    assert.equal(text(await ctx.receive(consumer)), 'after');
    await ctx.expectNone(consumer, 200);
  }),
  make('every-subscriber-gets-every-message', 'topics', async (ctx) => {
    const { session } = await ctx.open();
    const topic = ctx.name('t');
    const a = await session.createConsumer(session.createTopic(topic));
    const b = await session.createConsumer(session.createTopic(topic));
    await publish(session, topic, 'one', 'two');
    assert.deepEqual((await ctx.receiveMany(a, 2)).map(text), ['one', 'two']);
    assert.deepEqual((await ctx.receiveMany(b, 2)).map(text), ['one', 'two']);
  }),
  make('durable-subscription-keeps-messages-while-inactive', 'durableSubscriptions', async (ctx) => {
    const clientId = ctx.name('client');
    const topic = ctx.name('t');
    const first = await ctx.open(undefined, { clientId });
    const consumer = await first.session.createDurableConsumer(first.session.createTopic(topic), 'keeps');
    await consumer.close();
    await first.connection.close();
    const publisher = await ctx.open();
    await publish(publisher.session, topic, 'while away');
    const second = await ctx.open(undefined, { clientId });
    const resumed = await second.session.createDurableConsumer(second.session.createTopic(topic), 'keeps');
    assert.equal(text(await ctx.receive(resumed)), 'while away');
    await resumed.close();
    await second.session.unsubscribe('keeps');
  }, durableRefused),
  make('unsubscribe-removes-the-durable-subscription', 'durableSubscriptions', async (ctx) => {
    const clientId = ctx.name('client');
    const topic = ctx.name('t');
    const { session, connection } = await ctx.open(undefined, { clientId });
    const consumer = await session.createDurableConsumer(session.createTopic(topic), 'gone');
    await consumer.close();
    await session.unsubscribe('gone');
    const publisher = await ctx.open();
    await publish(publisher.session, topic, 'after unsubscribe');
    const again = await session.createDurableConsumer(session.createTopic(topic), 'gone');
    await ctx.expectNone(again, 300);
    await again.close();
    await session.unsubscribe('gone');
    assert.ok(connection);
  }, durableRefused),
  make('unsubscribe-while-active-throws', 'durableSubscriptions', async (ctx) => {
    const { session } = await ctx.open(undefined, { clientId: ctx.name('client') });
    const consumer = await session.createDurableConsumer(session.createTopic(ctx.name('t')), 'busy');
    await expectError(JMSException, () => session.unsubscribe('busy'));
    await consumer.close();
    await session.unsubscribe('busy');
  }, durableRefused),
  make('unsubscribe-of-unknown-name-throws', 'durableSubscriptions', async (ctx) => {
    const { session } = await ctx.open(undefined, { clientId: ctx.name('client') });
    await expectError(InvalidDestinationException, () => session.unsubscribe(ctx.name('never')));
  }, durableRefused),
  make('durable-with-a-new-selector-starts-afresh', 'durableSubscriptions', async (ctx) => {
    if (ctx.capabilities.topicSelectors === 'unsupported') {
      const { session } = await ctx.open(undefined, { clientId: ctx.name('client') });
      await expectUnsupported(() => session.createDurableConsumer(session.createTopic(ctx.name('t')), 'sel', "kind = 'a'"));
      return;
    }
    const clientId = ctx.name('client');
    const topic = ctx.name('t');
    const { session } = await ctx.open(undefined, { clientId });
    const before = await session.createDurableConsumer(session.createTopic(topic), 'changing', "kind = 'a'");
    await before.close();
    const publisher = await ctx.open();
    const producer = await publisher.session.createProducer(publisher.session.createTopic(topic));
    const message = publisher.session.createTextMessage('old subscription');
    message.setStringProperty('kind', 'a');
    await producer.send(message);
    const after = await session.createDurableConsumer(session.createTopic(topic), 'changing', "kind = 'b'");
    await ctx.expectNone(after, 300);
    await after.close();
    await session.unsubscribe('changing');
  }, durableRefused),
  make('unshared-durable-needs-a-client-id', 'durableSubscriptions', async (ctx) => {
    const { session } = await ctx.open();
    await expectError(IllegalStateException, () => session.createDurableConsumer(session.createTopic(ctx.name('t')), 'no-client-id'));
  }, durableRefused),
  make('durable-subscription-on-a-queue-is-refused', 'durableSubscriptions', async (ctx) => {
    const { session } = await ctx.open(undefined, { clientId: ctx.name('client') });
    const queue = session.createQueue(ctx.name('q'));
    await expectError(InvalidDestinationException, () => session.createDurableConsumer(queue as never, 'x'));
  }, durableRefused),
  make('durable-subscriber-reports-topic-and-no-local', 'durableSubscriptions', async (ctx) => {
    const { session } = await ctx.open(undefined, { clientId: ctx.name('client') });
    const topic = session.createTopic(ctx.name('t'));
    const subscriber = await session.createDurableSubscriber(topic, 'reports');
    assert.ok(subscriber.getTopic().equals(topic));
    assert.equal(subscriber.getNoLocal(), false);
    await subscriber.close();
    await session.unsubscribe('reports');
  }, durableRefused),
  make('shared-subscription-splits-messages-between-consumers', 'sharedSubscriptions', async (ctx) => {
    const { session } = await ctx.open();
    const other = await ctx.open();
    const topic = ctx.name('t');
    const a = await session.createSharedConsumer(session.createTopic(topic), 'split');
    const b = await other.session.createSharedConsumer(other.session.createTopic(topic), 'split');
    await publish(session, topic, ...Array.from({ length: 10 }, (_, i) => `m${i}`));
    const got: string[] = [];
    for (;;) {
      const next = (await a.receive(ctx.ms(300))) ?? (await b.receive(ctx.ms(300)));
      if (next === null) break;
      got.push(text(next)!);
    }
    assert.deepEqual(got.sort(), Array.from({ length: 10 }, (_, i) => `m${i}`).sort());
  }, sharedRefused),
  make('shared-durable-subscription-keeps-messages', 'sharedSubscriptions', async (ctx) => {
    const topic = ctx.name('t');
    const first = await ctx.open();
    const consumer = await first.session.createSharedDurableConsumer(first.session.createTopic(topic), 'shared-keeps');
    await consumer.close();
    await publish(first.session, topic, 'kept');
    const again = await first.session.createSharedDurableConsumer(first.session.createTopic(topic), 'shared-keeps');
    assert.equal(text(await ctx.receive(again)), 'kept');
    await again.close();
    await first.session.unsubscribe('shared-keeps');
  }, sharedRefused),
  make('shared-and-unshared-subscribers-each-get-the-message', 'sharedSubscriptions', async (ctx) => {
    const { session } = await ctx.open();
    const topic = ctx.name('t');
    const shared = await session.createSharedConsumer(session.createTopic(topic), 'one-of-two');
    const plain = await session.createConsumer(session.createTopic(topic));
    await publish(session, topic, 'both');
    assert.equal(text(await ctx.receive(shared)), 'both');
    assert.equal(text(await ctx.receive(plain)), 'both');
  }, sharedRefused),
  make('no-local-subscriber-skips-its-own-connection', 'noLocal', async (ctx) => {
    const mine = await ctx.open();
    const other = await ctx.open();
    const topic = ctx.name('t');
    const consumer = await mine.session.createConsumer(mine.session.createTopic(topic), null, true);
    await publish(mine.session, topic, 'own');
    await publish(other.session, topic, 'foreign');
    assert.equal(text(await ctx.receive(consumer)), 'foreign');
    await ctx.expectNone(consumer, 200);
  }, async (ctx) => {
    const { session } = await ctx.open();
    await expectUnsupported(() => session.createConsumer(session.createTopic(ctx.name('t')), null, true));
  }),
];
