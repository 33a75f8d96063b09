import { strict as assert } from 'node:assert';
import type { MessageConsumer, Session } from '../../api/connection.js';
import { AcknowledgeMode } from '../../api/constants.js';
import { ErrorCode } from '../../api/error-codes.js';
import type { JMSException } from '../../api/exceptions.js';
import type { Message, TextMessage } from '../../api/message.js';
import { MessageDeadLetteredException, type RedeliveryPolicy } from '../../api/redelivery.js';
import type { CaseContext } from '../suite/context.js';
import { deferred, within } from '../suite/expect.js';
import { group } from './define.js';

const make = group('redelivery-and-dead-letter', 'dlq');
const text = (m: Message | null) => (m as TextMessage | null)?.getText();

/** How early a timer may seem to fire, from clock granularity: delays are checked as at least `delay - EARLY` ms. */
const EARLY = 5;

interface Poisoned {
  readonly name: string;
  readonly session: Session;
  readonly consumer: MessageConsumer;
  /** JMSMessageID of the message as sent (a broker that assigns ids may give the dead-letter copy another). */
  readonly sentId: string | null;
  /** What the connection's ExceptionListener received. */
  readonly reports: JMSException[];
  /** Resolves with the first dead-letter report. */
  readonly reported: Promise<JMSException>;
}

/** A fresh queue with one text message 'poison' (property `order` = 42), a consumer on it with `policy`. */
async function poisoned(ctx: CaseContext, mode: AcknowledgeMode, policy: Partial<RedeliveryPolicy>): Promise<Poisoned> {
  const name = ctx.name('q');
  const { connection, session } = await ctx.open(mode, { start: false });
  const reports: JMSException[] = [];
  const first = deferred<JMSException>();
  connection.setExceptionListener((error) => {
    reports.push(error);
    if (error instanceof MessageDeadLetteredException) first.resolve(error);
  });
  const queue = session.createQueue(name);
  const consumer = await session.createConsumer(queue);
  consumer.setRedeliveryPolicy(policy);
  const sender = await ctx.open(AcknowledgeMode.AUTO_ACKNOWLEDGE, { start: false });
  const message = sender.session.createTextMessage('poison');
  message.setIntProperty('order', 42);
  message.setJMSCorrelationID('corr-42');
  await (await sender.session.createProducer(sender.session.createQueue(name))).send(message);
  await connection.start();
  return { name, session, consumer, sentId: message.getJMSMessageID(), reports, reported: first.promise };
}

/** The one message on queue `name`, checked to be the dead-lettered 'poison'. */
async function expectDeadLettered(ctx: CaseContext, queueName: string, from: string, deliveryCount: number): Promise<Message> {
  const { session } = await ctx.open(AcknowledgeMode.AUTO_ACKNOWLEDGE);
  const dead = await ctx.receive(await session.createConsumer(session.createQueue(queueName)));
  assert.equal(text(dead), 'poison');
  assert.equal(dead.getIntProperty('order'), 42);
  assert.equal(dead.getJMSCorrelationID(), 'corr-42');
  assert.equal(dead.getStringProperty('dlqOriginalDestination'), `queue://${from}`);
  assert.equal(dead.getIntProperty('dlqDeliveryCount'), deliveryCount);
  assert.ok((dead.getStringProperty('dlqDeliveryFailureCause') ?? '').length > 0, 'the copy names the cause');
  return dead;
}

/** Nothing is left on queue `name`, seen from a new connection (so nothing waits unacknowledged). */
async function expectEmpty(ctx: CaseContext, name: string): Promise<void> {
  const { session } = await ctx.open(AcknowledgeMode.AUTO_ACKNOWLEDGE);
  await ctx.expectNone(await session.createConsumer(session.createQueue(name)), 500);
}

/** Runs a listener that always throws; returns when and with which count each delivery came. */
function alwaysFailing(consumer: MessageConsumer, calls: { at: number; count: number; redelivered: boolean }[]): void {
  consumer.setMessageListener((m) => {
    calls.push({ at: Date.now(), count: m.getIntProperty('JMSXDeliveryCount'), redelivered: m.getJMSRedelivered() });
    throw new Error(`listener refuses delivery ${calls.length}`);
  });
}

export const redeliveryCases = [
  make('listener-failures-are-redelivered-with-delay-and-backoff-then-dead-lettered', null, async (ctx) => {
    const p = await poisoned(ctx, AcknowledgeMode.AUTO_ACKNOWLEDGE, { maxRedeliveries: 3, redeliveryDelay: 50, redeliveryBackoff: 2, maxRedeliveryDelay: 150 });
    const calls: { at: number; count: number; redelivered: boolean }[] = [];
    alwaysFailing(p.consumer, calls);
    const report = await within(p.reported, ctx.ms(10000), 'the dead-letter report');
    assert.deepEqual(calls.map((c) => c.count), [1, 2, 3, 4], 'JMSXDeliveryCount counts every delivery');
    assert.deepEqual(calls.map((c) => c.redelivered), [false, true, true, true]);
    const expected = [50, 100, 150];
    for (let i = 0; i < expected.length; i++) {
      const gap = calls[i + 1].at - calls[i].at;
      assert.ok(gap >= expected[i] - EARLY, `redelivery ${i + 1} came after ${gap} ms, before its ${expected[i]} ms delay`);
      assert.ok(gap < expected[i] + ctx.ms(1000), `redelivery ${i + 1} came after ${gap} ms, long after its ${expected[i]} ms delay`);
    }
    assert.equal(report.code, ErrorCode.MESSAGE_DEAD_LETTERED);
    const dead = await expectDeadLettered(ctx, `DLQ.${p.name}`, p.name, 4);
    assert.equal(dead.getStringProperty('dlqDeliveryFailureCause'), 'listener refuses delivery 4');
    const moved = report as MessageDeadLetteredException;
    assert.equal(moved.deadLetterQueue, `DLQ.${p.name}`);
    assert.equal(moved.messageId, p.sentId);
    assert.equal(moved.destination.name, p.name);
    await expectEmpty(ctx, p.name);
  }),
  make('dups-ok-listener-failures-count-and-dead-letter', null, async (ctx) => {
    const p = await poisoned(ctx, AcknowledgeMode.DUPS_OK_ACKNOWLEDGE, { maxRedeliveries: 1, redeliveryDelay: 0 });
    const calls: { at: number; count: number; redelivered: boolean }[] = [];
    alwaysFailing(p.consumer, calls);
    await within(p.reported, ctx.ms(10000), 'the dead-letter report');
    assert.deepEqual(calls.map((c) => c.count), [1, 2]);
    await expectDeadLettered(ctx, `DLQ.${p.name}`, p.name, 2);
    await expectEmpty(ctx, p.name);
  }),
  make('recover-in-client-mode-counts-toward-the-limit', null, async (ctx) => {
    const p = await poisoned(ctx, AcknowledgeMode.CLIENT_ACKNOWLEDGE, { maxRedeliveries: 2, redeliveryDelay: 50 });
    for (const count of [1, 2, 3]) {
      const started = Date.now();
      const m = await ctx.receive(p.consumer);
      assert.equal(m.getIntProperty('JMSXDeliveryCount'), count);
      if (count > 1) assert.ok(Date.now() - started >= 50 - EARLY, 'recover() waits out the redelivery delay');
      await p.session.recover();
    }
    await within(p.reported, ctx.ms(10000), 'the dead-letter report');
    await ctx.expectNone(p.consumer, 300);
    await expectDeadLettered(ctx, `DLQ.${p.name}`, p.name, 3);
    await expectEmpty(ctx, p.name);
  }),
  make('rollback-counts-toward-the-limit', 'transactions', async (ctx) => {
    const p = await poisoned(ctx, AcknowledgeMode.SESSION_TRANSACTED, { maxRedeliveries: 2, redeliveryDelay: 50 });
    for (const count of [1, 2, 3]) {
      const m = await ctx.receive(p.consumer);
      assert.equal(m.getIntProperty('JMSXDeliveryCount'), count);
      await p.session.rollback();
    }
    await within(p.reported, ctx.ms(10000), 'the dead-letter report');
    await ctx.expectNone(p.consumer, 300);
    const dead = await expectDeadLettered(ctx, `DLQ.${p.name}`, p.name, 3);
    assert.match(dead.getStringProperty('dlqDeliveryFailureCause') ?? '', /rolled back/);
    await expectEmpty(ctx, p.name);
  }),
  make('other-messages-keep-flowing-while-one-waits-for-its-redelivery', null, async (ctx) => {
    const p = await poisoned(ctx, AcknowledgeMode.AUTO_ACKNOWLEDGE, { maxRedeliveries: 1, redeliveryDelay: ctx.ms(1500) });
    const producer = await p.session.createProducer(p.session.createQueue(p.name));
    await producer.send(p.session.createTextMessage('a'));
    await producer.send(p.session.createTextMessage('b'));
    const seen: string[] = [];
    const done = deferred<void>();
    let failedAt = 0;
    let othersAt = 0;
    p.consumer.setMessageListener((m) => {
      const body = text(m)!;
      seen.push(`${body}#${m.getIntProperty('JMSXDeliveryCount')}`);
      if (body === 'b') othersAt = Date.now();
      if (seen.length === 4) done.resolve();
      if (body === 'poison' && m.getIntProperty('JMSXDeliveryCount') === 1) {
        failedAt = Date.now();
        throw new Error('first delivery fails');
      }
    });
    await within(done.promise, ctx.ms(10000), 'four deliveries');
    assert.deepEqual(seen, ['poison#1', 'a#1', 'b#1', 'poison#2'], 'a and b overtake the waiting redelivery');
    assert.ok(othersAt - failedAt < ctx.ms(1500), `the others waited ${othersAt - failedAt} ms`);
  }),
  make('dead-letter-queue-pattern-names-the-queue', null, async (ctx) => {
    const p = await poisoned(ctx, AcknowledgeMode.AUTO_ACKNOWLEDGE, { maxRedeliveries: 0, deadLetterQueue: '{destination}.poison' });
    alwaysFailing(p.consumer, []);
    await within(p.reported, ctx.ms(10000), 'the dead-letter report');
    await expectDeadLettered(ctx, `${p.name}.poison`, p.name, 1);
  }),
  make('empty-dead-letter-queue-drops-and-reports', null, async (ctx) => {
    const p = await poisoned(ctx, AcknowledgeMode.AUTO_ACKNOWLEDGE, { maxRedeliveries: 1, redeliveryDelay: 0, deadLetterQueue: '' });
    const calls: { at: number; count: number; redelivered: boolean }[] = [];
    alwaysFailing(p.consumer, calls);
    const report = await within(p.reported, ctx.ms(10000), 'the drop report');
    assert.equal(report.code, ErrorCode.MESSAGE_DROPPED);
    assert.equal(calls.length, 2);
    await expectEmpty(ctx, p.name);
    await expectEmpty(ctx, `DLQ.${p.name}`);
  }),
  make('a-message-that-succeeds-on-redelivery-is-not-dead-lettered', null, async (ctx) => {
    const p = await poisoned(ctx, AcknowledgeMode.AUTO_ACKNOWLEDGE, { maxRedeliveries: 1, redeliveryDelay: 0 });
    const handled = deferred<number>();
    p.consumer.setMessageListener((m) => {
      if (m.getIntProperty('JMSXDeliveryCount') === 1) throw new Error('first delivery fails');
      handled.resolve(m.getIntProperty('JMSXDeliveryCount'));
    });
    assert.equal(await within(handled.promise, ctx.ms(5000), 'the redelivery'), 2);
    await expectEmpty(ctx, `DLQ.${p.name}`);
    assert.equal(p.reports.length, 0, `nothing reported, got ${p.reports.map((r) => r.message).join('; ')}`);
  }),
];
