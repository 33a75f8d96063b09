import { strict as assert } from 'node:assert';
import { DeliveryMode } from '../../api/constants.js';
import { InvalidSelectorException } from '../../api/exceptions.js';
import type { Session } from '../../api/connection.js';
import type { Destination } from '../../api/destination.js';
import type { Message, TextMessage } from '../../api/message.js';
import type { CaseContext } from '../suite/context.js';
import { expectError, expectUnsupported } from '../suite/expect.js';
import { group } from './define.js';

const make = group('selectors', 'selector');

type Shape = (m: Message) => void;

async function sendMissThenMatch(session: Session, destination: Destination, match: Shape, miss: Shape): Promise<void> {
  const producer = await session.createProducer(destination);
  const missed = session.createTextMessage('miss');
  miss(missed);
  const matched = session.createTextMessage('match');
  match(matched);
  await producer.send(missed);
  await producer.send(matched);
}

/**
 * Sends a message that must not match, then one that must; the selecting consumer gets only the
 * match, and the other message is still on the queue for a consumer without a selector.
 */
async function selects(ctx: CaseContext, selector: string, match: Shape, miss: Shape): Promise<void> {
  const { session } = await ctx.open();
  const queue = session.createQueue(ctx.name('q'));
  await sendMissThenMatch(session, queue, match, miss);
  const selecting = await session.createConsumer(queue, selector);
  assert.equal(((await ctx.receive(selecting)) as TextMessage).getText(), 'match');
  await selecting.close();
  const rest = await session.createConsumer(queue);
  assert.equal(((await ctx.receive(rest)) as TextMessage).getText(), 'miss');
}

/**
 * The same on a topic: a selecting subscriber gets only the match, while a subscriber without a
 * selector gets both (so an adapter that filters in the client is checked as strictly as a broker).
 */
async function selectsOnTopic(ctx: CaseContext, selector: string, match: Shape, miss: Shape): Promise<void> {
  const { session } = await ctx.open();
  const topic = session.createTopic(ctx.name('t'));
  const selecting = await session.createConsumer(topic, selector);
  const all = await session.createConsumer(topic);
  await sendMissThenMatch(session, topic, match, miss);
  assert.equal(((await ctx.receive(selecting)) as TextMessage).getText(), 'match');
  const both = await ctx.receiveMany(all, 2);
  assert.deepEqual(both.map((m) => (m as TextMessage).getText()), ['miss', 'match']);
}

async function topicSelectorRefused(ctx: CaseContext): Promise<void> {
  const { session } = await ctx.open();
  await expectUnsupported(() => session.createConsumer(session.createTopic(ctx.name('t')), "color = 'red'"));
}

async function queueSelectorRefused(ctx: CaseContext): Promise<void> {
  const { session } = await ctx.open();
  await expectUnsupported(() => session.createConsumer(session.createQueue(ctx.name('q')), "color = 'red'"));
}

const prop = (name: string, value: string | number | boolean | bigint): Shape => (m) => m.setObjectProperty(name, value);
const table: [string, string, Shape, Shape][] = [
  ['string-equality', "color = 'red'", prop('color', 'red'), prop('color', 'blue')],
  ['string-inequality', "color <> 'red'", prop('color', 'blue'), prop('color', 'red')],
  ['quoted-quote-in-string', "name = 'O''Brien'", prop('name', "O'Brien"), prop('name', 'OBrien')],
  ['integer-greater-than', 'qty > 2', prop('qty', 3), prop('qty', 2)],
  ['integer-less-or-equal', 'qty <= 2', prop('qty', 2), prop('qty', 3)],
  ['arithmetic', 'qty * 2 + 1 = 7', prop('qty', 3), prop('qty', 4)],
  ['double-comparison', 'price < 9.99', prop('price', 9.5), prop('price', 10.25)],
  ['long-comparison', 'big > 9007199254740993', prop('big', 2n ** 60n), prop('big', 1n)],
  ['between', 'qty BETWEEN 1 AND 10', prop('qty', 10), prop('qty', 11)],
  ['not-between', 'qty NOT BETWEEN 1 AND 10', prop('qty', 0), prop('qty', 5)],
  ['in-list', "region IN ('EU', 'US')", prop('region', 'US'), prop('region', 'APAC')],
  ['not-in-list', "region NOT IN ('EU', 'US')", prop('region', 'APAC'), prop('region', 'EU')],
  ['like-percent', "code LIKE 'EU%'", prop('code', 'EU-west'), prop('code', 'US-EU')],
  ['like-underscore', "code LIKE 'a_c'", prop('code', 'abc'), prop('code', 'abbc')],
  ['like-escape', "code LIKE '100\\%' ESCAPE '\\'", prop('code', '100%'), prop('code', '1000')],
  ['not-like', "code NOT LIKE 'EU%'", prop('code', 'US'), prop('code', 'EU1')],
  ['is-null', 'missing IS NULL', prop('other', 1), prop('missing', 1)],
  ['is-not-null', 'present IS NOT NULL', prop('present', 'yes'), prop('other', 1)],
  ['and-or-not', "(a = 1 OR b = 1) AND NOT c = 1", (m) => { m.setIntProperty('a', 1); m.setIntProperty('c', 0); }, (m) => { m.setIntProperty('a', 1); m.setIntProperty('c', 1); }],
  ['boolean-property', 'urgent = TRUE', prop('urgent', true), prop('urgent', false)],
  ['unknown-is-not-true', 'NOT (missing = 1)', prop('missing', 2), prop('other', 2)],
  ['string-is-not-converted-to-number', 'qty = 3', prop('qty', 3), prop('qty', '3')],
  ['type-header', "JMSType = 'order'", (m) => m.setJMSType('order'), (m) => m.setJMSType('invoice')],
  ['correlation-id-header', "JMSCorrelationID = 'abc'", (m) => m.setJMSCorrelationID('abc'), (m) => m.setJMSCorrelationID('xyz')],
  ['keywords-are-case-insensitive', "qty between 1 and 3 and color like 'r%'", (m) => { m.setIntProperty('qty', 2); m.setStringProperty('color', 'red'); }, (m) => { m.setIntProperty('qty', 2); m.setStringProperty('color', 'blue'); }],
  ['identifiers-are-case-sensitive', 'Qty = 1', prop('Qty', 1), prop('qty', 1)],
];

export const selectorCases = [
  ...table.map(([id, selector, match, miss]) =>
    make(id, 'queueSelectors', (ctx) => selects(ctx, selector, match, miss), queueSelectorRefused),
  ),
  ...table.map(([id, selector, match, miss]) =>
    make(`topic-${id}`, 'topicSelectors', (ctx) => selectsOnTopic(ctx, selector, match, miss), topicSelectorRefused),
  ),
  make('delivery-mode-header', 'queueSelectors', async (ctx) => {
    const { session } = await ctx.open();
    const queue = session.createQueue(ctx.name('q'));
    const producer = await session.createProducer(queue);
    await producer.send(session.createTextMessage('miss'), { deliveryMode: DeliveryMode.PERSISTENT });
    await producer.send(session.createTextMessage('match'), { deliveryMode: DeliveryMode.NON_PERSISTENT });
    const consumer = await session.createConsumer(queue, "JMSDeliveryMode = 'NON_PERSISTENT'");
    assert.equal(((await ctx.receive(consumer)) as TextMessage).getText(), 'match');
  }, queueSelectorRefused),
  make('invalid-selector-is-refused-at-create', null, async (ctx) => {
    const { session } = await ctx.open();
    const topic = session.createTopic(ctx.name('t'));
    const error = await expectError<InvalidSelectorException>(InvalidSelectorException, () => session.createConsumer(topic, 'qty >'));
    assert.match(error.message, /position/);
  }),
  make('empty-selector-selects-everything', null, async (ctx) => {
    const { session } = await ctx.open();
    const queue = session.createQueue(ctx.name('q'));
    const consumer = await session.createConsumer(queue, '  ');
    assert.equal(consumer.getMessageSelector(), null);
    await (await session.createProducer(queue)).send(session.createTextMessage('any'));
    assert.equal(((await ctx.receive(consumer)) as TextMessage).getText(), 'any');
  }),
  make('topic-subscriber-selects', 'topicSelectors', async (ctx) => {
    const { session } = await ctx.open();
    const topic = session.createTopic(ctx.name('t'));
    const selecting = await session.createConsumer(topic, 'qty > 2');
    const all = await session.createConsumer(topic);
    const producer = await session.createProducer(topic);
    for (const qty of [1, 5]) {
      const m = session.createTextMessage(`qty ${qty}`);
      m.setIntProperty('qty', qty);
      await producer.send(m);
    }
    assert.equal(((await ctx.receive(selecting)) as TextMessage).getText(), 'qty 5');
    const got = await ctx.receiveMany(all, 2);
    assert.deepEqual(got.map((m) => (m as TextMessage).getText()), ['qty 1', 'qty 5']);
  }, async (ctx) => {
    const { session } = await ctx.open();
    await expectUnsupported(() => session.createConsumer(session.createTopic(ctx.name('t')), 'qty > 2'));
  }),
];
