import { strict as assert } from 'node:assert';
import { AcknowledgeMode } from '../../api/constants.js';
import { IllegalStateException } from '../../api/exceptions.js';
import type { Message, TextMessage } from '../../api/message.js';
import type { CaseContext } from '../suite/context.js';
import { expectError, expectUnsupported } from '../suite/expect.js';
import { group } from './define.js';

const make = group('transactions', 'tx');
const text = (m: Message | null) => (m as TextMessage | null)?.getText();
const refused = async (ctx: CaseContext) => {
  const connection = await ctx.connection();
  await expectUnsupported(() => connection.createSession(AcknowledgeMode.SESSION_TRANSACTED));
};

async function transacted(ctx: CaseContext) {
  const tx = await ctx.open(AcknowledgeMode.SESSION_TRANSACTED);
  const plain = await ctx.open(AcknowledgeMode.AUTO_ACKNOWLEDGE);
  const name = ctx.name('q');
  return { tx: tx.session, txConnection: tx.connection, plain: plain.session, queue: name };
}

export const transactionCases = [
  make('sends-are-invisible-until-commit', 'transactions', async (ctx) => {
    const { tx, plain, queue } = await transacted(ctx);
    const consumer = await plain.createConsumer(plain.createQueue(queue));
    await (await tx.createProducer(tx.createQueue(queue))).send(tx.createTextMessage('in tx'));
    await ctx.expectNone(consumer, 300);
    await tx.commit();
    assert.equal(text(await ctx.receive(consumer)), 'in tx');
  }, refused),
  make('rollback-discards-sends', 'transactions', async (ctx) => {
    const { tx, plain, queue } = await transacted(ctx);
    const producer = await tx.createProducer(tx.createQueue(queue));
    await producer.send(tx.createTextMessage('discarded'));
    await tx.rollback();
    await producer.send(tx.createTextMessage('kept'));
    await tx.commit();
    const consumer = await plain.createConsumer(plain.createQueue(queue));
    assert.equal(text(await ctx.receive(consumer)), 'kept');
    await ctx.expectNone(consumer, 200);
  }, refused),
  make('rollback-redelivers-consumed-messages', 'transactions', async (ctx) => {
    const { tx, plain, queue } = await transacted(ctx);
    await (await plain.createProducer(plain.createQueue(queue))).send(plain.createTextMessage('one'));
    const consumer = await tx.createConsumer(tx.createQueue(queue));
    const first = await ctx.receive(consumer);
    assert.equal(first.getJMSRedelivered(), false);
    await tx.rollback();
    const again = await ctx.receive(consumer);
    assert.equal(text(again), 'one');
    assert.equal(again.getJMSRedelivered(), true);
    assert.ok(again.getIntProperty('JMSXDeliveryCount') >= 2);
    await tx.commit();
  }, refused),
  make('commit-consumes-received-messages', 'transactions', async (ctx) => {
    const { tx, txConnection, plain, queue } = await transacted(ctx);
    await (await plain.createProducer(plain.createQueue(queue))).send(plain.createTextMessage('one'));
    await ctx.receive(await tx.createConsumer(tx.createQueue(queue)));
    await tx.commit();
    await txConnection.close();
    await ctx.expectNone(await plain.createConsumer(plain.createQueue(queue)), 300);
  }, refused),
  make('closing-the-session-rolls-back-sends', 'transactions', async (ctx) => {
    const { tx, plain, queue } = await transacted(ctx);
    await (await tx.createProducer(tx.createQueue(queue))).send(tx.createTextMessage('never'));
    await tx.close();
    await ctx.expectNone(await plain.createConsumer(plain.createQueue(queue)), 300);
  }, refused),
  make('closing-the-connection-rolls-back-receives', 'transactions', async (ctx) => {
    const { tx, txConnection, plain, queue } = await transacted(ctx);
    await (await plain.createProducer(plain.createQueue(queue))).send(plain.createTextMessage('one'));
    await ctx.receive(await tx.createConsumer(tx.createQueue(queue)));
    await txConnection.close();
    const again = await ctx.receive(await plain.createConsumer(plain.createQueue(queue)));
    assert.equal(text(again), 'one');
    assert.equal(again.getJMSRedelivered(), true);
  }, refused),
  make('commit-outside-a-transaction-throws', null, async (ctx) => {
    const { session } = await ctx.open();
    await expectError(IllegalStateException, () => session.commit());
    await expectError(IllegalStateException, () => session.rollback());
  }),
  make('transacted-session-reports-its-mode', 'transactions', async (ctx) => {
    const connection = await ctx.connection();
    const session = await connection.createSession(true, AcknowledgeMode.AUTO_ACKNOWLEDGE);
    assert.equal(session.getTransacted(), true);
    assert.equal(session.getAcknowledgeMode(), AcknowledgeMode.SESSION_TRANSACTED);
  }, refused),
  make('a-new-transaction-starts-after-commit', 'transactions', async (ctx) => {
    const { tx, plain, queue } = await transacted(ctx);
    const producer = await tx.createProducer(tx.createQueue(queue));
    await producer.send(tx.createTextMessage('first'));
    await tx.commit();
    await producer.send(tx.createTextMessage('second'));
    const consumer = await plain.createConsumer(plain.createQueue(queue));
    assert.equal(text(await ctx.receive(consumer)), 'first');
    await ctx.expectNone(consumer, 300);
    await tx.commit();
    assert.equal(text(await ctx.receive(consumer)), 'second');
  }, refused),
  make('consume-and-produce-commit-together', 'transactions', async (ctx) => {
    const { tx, plain, queue } = await transacted(ctx);
    const output = ctx.name('out');
    await (await plain.createProducer(plain.createQueue(queue))).send(plain.createTextMessage('in'));
    const consumer = await tx.createConsumer(tx.createQueue(queue));
    const producer = await tx.createProducer(tx.createQueue(output));
    const input = await ctx.receive(consumer);
    await producer.send(tx.createTextMessage(`${text(input)} -> out`));
    await tx.rollback();
    const again = await ctx.receive(consumer);
    await producer.send(tx.createTextMessage(`${text(again)} -> out`));
    await tx.commit();
    const outputs = await plain.createConsumer(plain.createQueue(output));
    assert.equal(text(await ctx.receive(outputs)), 'in -> out');
    await ctx.expectNone(outputs, 200);
  }, refused),
];
