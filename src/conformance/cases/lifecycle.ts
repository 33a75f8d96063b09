import { strict as assert } from 'node:assert';
import { AcknowledgeMode } from '../../api/constants.js';
import {
  IllegalStateException,
  InvalidClientIDException,
  InvalidDestinationException,
  JMSException,
} from '../../api/exceptions.js';
import type { Message, TextMessage } from '../../api/message.js';
import { createConnectionFactory } from '../../index.js';
import { deferred, expectError, within } from '../suite/expect.js';
import { group } from './define.js';

const make = group('lifecycle-and-errors', 'life');
const text = (m: Message | null) => (m as TextMessage | null)?.getText();

export const lifecycleCases = [
  make('nothing-is-received-before-start', null, async (ctx) => {
    const { session, connection } = await ctx.open(AcknowledgeMode.AUTO_ACKNOWLEDGE, { start: false });
    const queue = session.createQueue(ctx.name('q'));
    const consumer = await session.createConsumer(queue);
    await (await session.createProducer(queue)).send(session.createTextMessage('waiting'));
    assert.equal(await consumer.receive(ctx.ms(200)), null);
    await connection.start();
    assert.equal(text(await ctx.receive(consumer)), 'waiting');
  }),
  make('listener-is-not-called-before-start', null, async (ctx) => {
    const { session, connection } = await ctx.open(AcknowledgeMode.AUTO_ACKNOWLEDGE, { start: false });
    const queue = session.createQueue(ctx.name('q'));
    const consumer = await session.createConsumer(queue);
    let startedAt = 0;
    const got = deferred<number>();
    consumer.setMessageListener(() => got.resolve(Date.now()));
    await (await session.createProducer(queue)).send(session.createTextMessage('x'));
    await new Promise((resolve) => setTimeout(resolve, ctx.ms(150)));
    startedAt = Date.now();
    await connection.start();
    assert.ok((await within(got.promise, ctx.ms(5000), 'the listener')) >= startedAt);
  }),
  make('stop-pauses-and-start-resumes-delivery', null, async (ctx) => {
    const { session, connection } = await ctx.open();
    const queue = session.createQueue(ctx.name('q'));
    const consumer = await session.createConsumer(queue);
    await connection.stop();
    await (await session.createProducer(queue)).send(session.createTextMessage('paused'));
    assert.equal(await consumer.receive(ctx.ms(200)), null);
    await connection.start();
    assert.equal(text(await ctx.receive(consumer)), 'paused');
  }),
  make('close-is-idempotent', null, async (ctx) => {
    const { connection, session } = await ctx.open();
    await session.close();
    await session.close();
    await connection.close();
    await connection.close();
  }),
  make('closed-connection-refuses-new-sessions', null, async (ctx) => {
    const connection = await ctx.connection();
    await connection.close();
    await expectError(IllegalStateException, () => connection.createSession());
  }),
  make('closed-session-refuses-new-producers', null, async (ctx) => {
    const { session } = await ctx.open();
    await session.close();
    await expectError(IllegalStateException, () => session.createProducer(null));
    assert.throws(() => session.createTextMessage('x'), { name: 'IllegalStateException' });
  }),
  make('closed-producer-refuses-send', null, async (ctx) => {
    const { session } = await ctx.open();
    const producer = await session.createProducer(session.createQueue(ctx.name('q')));
    await producer.close();
    await expectError(IllegalStateException, () => producer.send(session.createTextMessage('x')));
  }),
  make('closed-consumer-refuses-receive', null, async (ctx) => {
    const { session } = await ctx.open();
    const consumer = await session.createConsumer(session.createQueue(ctx.name('q')));
    await consumer.close();
    await expectError(IllegalStateException, () => consumer.receive(10));
  }),
  make('pending-receive-returns-null-when-the-consumer-closes', null, async (ctx) => {
    const { session } = await ctx.open();
    const consumer = await session.createConsumer(session.createQueue(ctx.name('q')));
    const pending = consumer.receive();
    await consumer.close();
    assert.equal(await within(pending, ctx.ms(2000), 'the pending receive'), null);
  }),
  make('receive-with-timeout-returns-null-when-empty', null, async (ctx) => {
    const { session } = await ctx.open();
    const consumer = await session.createConsumer(session.createQueue(ctx.name('q')));
    const started = Date.now();
    assert.equal(await consumer.receive(ctx.ms(100)), null);
    assert.ok(Date.now() - started >= ctx.ms(100) - 5);
    assert.equal(await consumer.receiveNoWait(), null);
  }),
  make('for-await-loop-ends-when-the-consumer-closes', null, async (ctx) => {
    const { session } = await ctx.open();
    const queue = session.createQueue(ctx.name('q'));
    const consumer = await session.createConsumer(queue);
    await (await session.createProducer(queue)).send(session.createTextMessage('only'));
    const seen: string[] = [];
    for await (const message of consumer) {
      seen.push(text(message)!);
      await consumer.close();
    }
    assert.deepEqual(seen, ['only']);
  }),
  make('await-using-closes-the-connection', null, async (ctx) => {
    let escaped: import('../../api/connection.js').Connection;
    {
      await using connection = await ctx.factory.createConnection();
      escaped = connection;
    }
    await expectError(IllegalStateException, () => escaped.createSession());
  }),
  make('client-id-is-set-before-use', null, async (ctx) => {
    const connection = await ctx.connection();
    const clientId = ctx.name('client');
    await connection.setClientID(clientId);
    assert.equal(connection.getClientID(), clientId);
  }),
  make('client-id-cannot-be-set-after-use', null, async (ctx) => {
    const connection = await ctx.connection();
    await connection.createSession();
    await expectError(IllegalStateException, () => connection.setClientID(ctx.name('late')));
  }),
  make('duplicate-client-id-is-refused', null, async (ctx) => {
    const clientId = ctx.name('client');
    await ctx.connection({ clientId });
    await expectError(InvalidClientIDException, () => ctx.connection({ clientId }));
  }),
  make('empty-destination-names-are-refused', null, async (ctx) => {
    const { session } = await ctx.open();
    assert.throws(() => session.createQueue(''), InvalidDestinationException);
    assert.throws(() => session.createTopic('  '), InvalidDestinationException);
  }),
  make('anonymous-producer-needs-a-destination', null, async (ctx) => {
    const { session } = await ctx.open();
    const producer = await session.createProducer(null);
    assert.equal(producer.getDestination(), null);
    await expectError(JMSException, () => producer.send(session.createTextMessage('x')));
    const queue = session.createQueue(ctx.name('q'));
    const consumer = await session.createConsumer(queue);
    await producer.send(queue, session.createTextMessage('named'));
    assert.equal(text(await ctx.receive(consumer)), 'named');
  }),
  make('producer-with-a-destination-refuses-another', null, async (ctx) => {
    const { session } = await ctx.open();
    const producer = await session.createProducer(session.createQueue(ctx.name('q')));
    await expectError(JMSException, () => producer.send(session.createQueue(ctx.name('other')), session.createTextMessage('x')));
  }),
  make('unknown-session-mode-is-refused', null, async (ctx) => {
    const connection = await ctx.connection();
    await expectError(JMSException, () => connection.createSession(42 as AcknowledgeMode));
  }),
  make('exception-listener-can-be-set-and-read', null, async (ctx) => {
    const connection = await ctx.connection();
    const listener = () => {};
    connection.setExceptionListener(listener);
    assert.equal(connection.getExceptionListener(), listener);
  }),
  make('metadata-names-jms-2', null, async (ctx) => {
    const connection = await ctx.connection();
    assert.equal(connection.getMetaData().jmsVersion, '2.0');
    assert.ok(connection.getMetaData().jmsxPropertyNames.includes('JMSXDeliveryCount'));
  }),
  make('listener-cannot-close-its-own-connection', null, async (ctx) => {
    const { session, connection } = await ctx.open();
    const queue = session.createQueue(ctx.name('q'));
    const consumer = await session.createConsumer(queue);
    const outcome = deferred<unknown>();
    consumer.setMessageListener(async () => {
      try {
        await connection.close();
        outcome.resolve(null);
      } catch (error) {
        outcome.resolve(error);
      }
    });
    await (await session.createProducer(queue)).send(session.createTextMessage('x'));
    assert.ok((await within(outcome.promise, ctx.ms(5000), 'the listener')) instanceof IllegalStateException);
  }),
  make('listener-and-receive-cannot-mix', null, async (ctx) => {
    const { session } = await ctx.open();
    const consumer = await session.createConsumer(session.createQueue(ctx.name('q')));
    consumer.setMessageListener(() => {});
    await expectError(IllegalStateException, () => consumer.receive(10));
  }),
  make('context-sends-and-receives-bodies', null, async (ctx) => {
    const context = await ctx.factory.createContext();
    ctx.defer(() => context.close());
    const queue = context.createQueue(ctx.name('q'));
    const consumer = await context.createConsumer(queue);
    await context.createProducer().setProperty('n', 1).send(queue, 'hello');
    assert.equal(await consumer.receiveBody<string>(String, ctx.ms(5000)), 'hello');
  }),
  make('context-maps-bodies-to-message-types', null, async (ctx) => {
    const context = await ctx.factory.createContext();
    ctx.defer(() => context.close());
    const queue = context.createQueue(ctx.name('q'));
    const consumer = await context.createConsumer(queue);
    const producer = context.createProducer();
    await producer.send(queue, new Uint8Array([1, 2]));
    await producer.send(queue, new Map([['k', 'v']]));
    await producer.send(queue, { plain: 'object' });
    const kinds = [];
    for (let i = 0; i < 3; i++) kinds.push((await ctx.receive(consumer)).bodyKind);
    assert.deepEqual(kinds, ['bytes', 'map', 'object']);
  }),
  make('async-sends-complete-in-order', null, async (ctx) => {
    const { session } = await ctx.open();
    const queue = session.createQueue(ctx.name('q'));
    const producer = await session.createProducer(queue);
    const completed: string[] = [];
    const all = deferred<void>();
    for (let i = 0; i < 20; i++) {
      producer.sendAsync(session.createTextMessage(`m${i}`), {
        onCompletion: (m) => {
          completed.push(text(m)!);
          if (completed.length === 20) all.resolve();
        },
        onException: (_m, error) => all.resolve(Promise.reject(error) as never),
      });
    }
    await within(all.promise, ctx.ms(10000), 'the completions');
    assert.deepEqual(completed, Array.from({ length: 20 }, (_, i) => `m${i}`));
  }),
  make('throwing-completion-listener-holds-back-no-later-completion', null, async (ctx) => {
    const { connection, session } = await ctx.open();
    const reported = deferred<JMSException>();
    connection.setExceptionListener((error) => reported.resolve(error));
    const producer = await session.createProducer(session.createQueue(ctx.name('q')));
    const second = deferred<string>();
    producer.sendAsync(session.createTextMessage('first'), {
      onCompletion: () => {
        throw new Error('completion listener failed');
      },
      onException: () => undefined,
    });
    producer.sendAsync(session.createTextMessage('second'), {
      onCompletion: (m) => second.resolve(text(m)!),
      onException: (_m, error) => second.resolve(Promise.reject(error) as never),
    });
    assert.equal(await within(second.promise, ctx.ms(10000), 'the second completion'), 'second');
    const error = await within(reported.promise, ctx.ms(5000), 'the ExceptionListener');
    assert.match(error.message, /completion listener failed/);
  }),
  make('unknown-url-scheme-is-refused-with-the-known-ones', null, async () => {
    const error = await expectError<JMSException>(JMSException, () => createConnectionFactory('nosuch://host'));
    assert.match(error.message, /Known schemes: .*memory:/);
  }),
];
