import { strict as assert } from 'node:assert';
import type { QueueBrowser, Session } from '../../api/connection.js';
import { IllegalStateException, InvalidSelectorException } from '../../api/exceptions.js';
import type { Message, TextMessage } from '../../api/message.js';
import type { CaseContext } from '../suite/context.js';
import { expectError, expectUnsupported } from '../suite/expect.js';
import { group } from './define.js';

const make = group('browsing', 'browse');
const text = (m: Message | null) => (m as TextMessage | null)?.getText();
const refused = async (ctx: CaseContext) => {
  const { session } = await ctx.open();
  await expectUnsupported(() => session.createBrowser(session.createQueue(ctx.name('q'))));
};

async function browseAll(browser: QueueBrowser): Promise<string[]> {
  const seen: string[] = [];
  for await (const message of browser.getEnumeration()) seen.push(text(message)!);
  return seen;
}

async function filled(ctx: CaseContext, bodies: [string, number][]): Promise<{ session: Session; name: string }> {
  const { session } = await ctx.open();
  const name = ctx.name('q');
  const producer = await session.createProducer(session.createQueue(name));
  for (const [body, n] of bodies) {
    const m = session.createTextMessage(body);
    m.setIntProperty('n', n);
    await producer.send(m);
  }
  return { session, name };
}

export const browsingCases = [
  make('browsing-does-not-consume', 'browsing', async (ctx) => {
    const { session, name } = await filled(ctx, [['a', 1], ['b', 2]]);
    const browser = await session.createBrowser(session.createQueue(name));
    assert.deepEqual(await browseAll(browser), ['a', 'b']);
    assert.deepEqual(await browseAll(browser), ['a', 'b']);
    const consumer = await session.createConsumer(session.createQueue(name));
    assert.deepEqual((await ctx.receiveMany(consumer, 2)).map(text), ['a', 'b']);
  }, refused),
  make('browsing-with-a-selector-shows-matches-only', 'browsing', async (ctx) => {
    const { session, name } = await filled(ctx, [['a', 1], ['b', 2], ['c', 3]]);
    const browser = await session.createBrowser(session.createQueue(name), 'n >= 2');
    assert.deepEqual(await browseAll(browser), ['b', 'c']);
    assert.equal(browser.getMessageSelector(), 'n >= 2');
  }, refused),
  make('browsing-an-empty-queue-shows-nothing', 'browsing', async (ctx) => {
    const { session } = await ctx.open();
    const browser = await session.createBrowser(session.createQueue(ctx.name('q')));
    assert.deepEqual(await browseAll(browser), []);
  }, refused),
  make('browser-reports-its-queue', 'browsing', async (ctx) => {
    const { session } = await ctx.open();
    const queue = session.createQueue(ctx.name('q'));
    const browser = await session.createBrowser(queue);
    assert.ok(browser.getQueue().equals(queue));
    assert.equal(browser.getMessageSelector(), null);
  }, refused),
  make('closed-browser-throws', 'browsing', async (ctx) => {
    const { session } = await ctx.open();
    const browser = await session.createBrowser(session.createQueue(ctx.name('q')));
    await browser.close();
    await expectError(IllegalStateException, () => browser.getEnumeration());
  }, refused),
  make('browser-with-invalid-selector-is-refused', 'browsing', async (ctx) => {
    const { session } = await ctx.open();
    await expectError(InvalidSelectorException, () => session.createBrowser(session.createQueue(ctx.name('q')), 'n >>'));
  }, refused),
  make('browsing-skips-expired-messages', 'timeToLive', async (ctx) => {
    if (ctx.capabilities.browsing === 'unsupported') return refused(ctx);
    const { session } = await ctx.open();
    const queue = session.createQueue(ctx.name('q'));
    const producer = await session.createProducer(queue);
    await producer.send(session.createTextMessage('expiring'), { timeToLive: 50 });
    await producer.send(session.createTextMessage('staying'));
    await new Promise((resolve) => setTimeout(resolve, ctx.ms(200)));
    assert.deepEqual(await browseAll(await session.createBrowser(queue)), ['staying']);
  }, async (ctx) => {
    const { session } = await ctx.open();
    const producer = await session.createProducer(session.createQueue(ctx.name('q')));
    await expectUnsupported(() => producer.setTimeToLive(50));
  }),
  make('browsing-hides-messages-not-yet-due', 'deliveryDelay', async (ctx) => {
    if (ctx.capabilities.browsing === 'unsupported') return refused(ctx);
    const { session } = await ctx.open();
    const queue = session.createQueue(ctx.name('q'));
    const producer = await session.createProducer(queue);
    producer.setDeliveryDelay(ctx.ms(5000));
    await producer.send(session.createTextMessage('later'));
    assert.deepEqual(await browseAll(await session.createBrowser(queue)), []);
  }, async (ctx) => {
    const { session } = await ctx.open();
    const producer = await session.createProducer(session.createQueue(ctx.name('q')));
    await expectUnsupported(() => producer.setDeliveryDelay(5000));
  }),
];
