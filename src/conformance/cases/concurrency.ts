import { strict as assert } from 'node:assert';
import type { Message, TextMessage } from '../../api/message.js';
import type { CaseContext } from '../suite/context.js';
import { deferred, within } from '../suite/expect.js';
import { group } from './define.js';

const make = group('concurrency', 'many');
const text = (m: Message) => (m as TextMessage).getText()!;

async function producers(ctx: CaseContext, count: number, perProducer: number, destination: (s: import('../../api/connection.js').Session) => import('../../api/destination.js').Destination): Promise<string[]> {
  const sent: string[] = [];
  await Promise.all(
    Array.from({ length: count }, async (_, p) => {
      const { session } = await ctx.open();
      const producer = await session.createProducer(destination(session));
      for (let i = 0; i < perProducer; i++) {
        const body = `p${p}-m${i}`;
        await producer.send(session.createTextMessage(body));
        sent.push(body);
      }
    }),
  );
  return sent;
}

export const concurrencyCases = [
  make('competing-consumers-get-each-message-exactly-once', null, async (ctx) => {
    const name = ctx.name('q');
    const total = 4 * 50;
    const received: string[] = [];
    const done = deferred<void>();
    for (let c = 0; c < 3; c++) {
      const { session } = await ctx.open();
      const consumer = await session.createConsumer(session.createQueue(name));
      consumer.setMessageListener((m) => {
        received.push(text(m));
        if (received.length === total) done.resolve();
      });
    }
    const sent = await producers(ctx, 4, 50, (s) => s.createQueue(name));
    await within(done.promise, ctx.ms(20000), `${total} messages`);
    assert.deepEqual([...received].sort(), [...sent].sort());
  }),
  make('every-subscriber-gets-all-messages-of-all-producers', 'topics', async (ctx) => {
    const name = ctx.name('t');
    const subscribers = [];
    for (let c = 0; c < 3; c++) {
      const { session } = await ctx.open();
      subscribers.push(await session.createConsumer(session.createTopic(name)));
    }
    const sent = await producers(ctx, 2, 25, (s) => s.createTopic(name));
    for (const subscriber of subscribers) {
      const got = await ctx.receiveMany(subscriber, sent.length);
      assert.deepEqual(got.map(text).sort(), [...sent].sort());
    }
  }),
  make('concurrent-receives-get-distinct-messages', null, async (ctx) => {
    const { session } = await ctx.open();
    const queue = session.createQueue(ctx.name('q'));
    const consumer = await session.createConsumer(queue);
    const pending = Array.from({ length: 5 }, () => consumer.receive(ctx.ms(5000)));
    const producer = await session.createProducer(queue);
    for (let i = 0; i < 5; i++) await producer.send(session.createTextMessage(`m${i}`));
    const got = await Promise.all(pending);
    assert.deepEqual(got.map((m) => text(m!)).sort(), ['m0', 'm1', 'm2', 'm3', 'm4']);
  }),
  make('sessions-of-one-connection-work-independently', null, async (ctx) => {
    const connection = await ctx.connection();
    await connection.start();
    const names = Array.from({ length: 4 }, () => ctx.name('q'));
    await Promise.all(
      names.map(async (name) => {
        const session = await connection.createSession();
        const queue = session.createQueue(name);
        const consumer = await session.createConsumer(queue);
        await (await session.createProducer(queue)).send(session.createTextMessage(name));
        assert.equal(text(await ctx.receive(consumer)), name);
      }),
    );
  }),
  make('listeners-of-one-session-run-one-at-a-time', null, async (ctx) => {
    const { session } = await ctx.open();
    const queues = [session.createQueue(ctx.name('q')), session.createQueue(ctx.name('q'))];
    let running = 0;
    let overlapped = false;
    let handled = 0;
    const done = deferred<void>();
    for (const queue of queues) {
      const consumer = await session.createConsumer(queue);
      consumer.setMessageListener(async () => {
        running++;
        if (running > 1) overlapped = true;
        await new Promise((resolve) => setImmediate(resolve));
        running--;
        if (++handled === 20) done.resolve();
      });
    }
    const sender = await ctx.open();
    for (let i = 0; i < 10; i++) {
      for (const queue of queues) await (await sender.session.createProducer(queue)).send(sender.session.createTextMessage(`m${i}`));
    }
    await within(done.promise, ctx.ms(10000), '20 listener calls');
    assert.equal(overlapped, false);
  }),
];
