import { expect } from 'chai';
import { AcknowledgeMode, type QueueBrowser, type TextMessage } from '../../src/index.js';
import { describeWithBroker, uniqueName } from '../support/brokers.js';
import { connections, groupMode } from './kafka-support.js';

async function browseAll(browser: QueueBrowser): Promise<string[]> {
  const seen: string[] = [];
  for await (const message of browser.getEnumeration()) seen.push((message as TextMessage).getText()!);
  return seen;
}

/** Browsing a Kafka queue: what the conformance suite cannot see about where a browse starts and ends. */
describeWithBroker('kafka', 'kafka queue browsing', (brokerUrl) => {
  // Consumer groups: what this suite looks at (share-group queues: kafka-share.test.ts).
  const url = groupMode(brokerUrl);
  const connect = connections(url);

  it('starts at the queue group\'s committed offset: consumed messages are not shown', async () => {
    const connection = await connect();
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const queue = session.createQueue(uniqueName('browse-from'));
    const producer = await session.createProducer(queue);
    for (const text of ['a', 'b', 'c']) await producer.send(session.createTextMessage(text));
    await connection.start();
    const consumer = await session.createConsumer(queue);
    expect(((await consumer.receive(10000)) as TextMessage).getText()).to.equal('a');
    await consumer.close(); // the ack of 'a' is committed before close resolves
    expect(await browseAll(await session.createBrowser(queue))).to.deep.equal(['b', 'c']);
  });

  it('shows what is committed, without waiting for a transaction still open', async () => {
    const connection = await connect();
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const tx = await connection.createSession(AcknowledgeMode.SESSION_TRANSACTED);
    const name = uniqueName('browse-tx');
    const queue = session.createQueue(name);
    const producer = await session.createProducer(queue);
    await producer.send(session.createTextMessage('before'));
    await (await tx.createProducer(tx.createQueue(name))).send(tx.createTextMessage('in transaction'));
    await producer.send(session.createTextMessage('after'));
    // The end of a browse is the last stable offset: the open transaction's first record.
    expect(await browseAll(await session.createBrowser(queue))).to.deep.equal(['before']);
    await tx.commit();
    expect(await browseAll(await session.createBrowser(queue))).to.deep.equal(['before', 'in transaction', 'after']);
  });

  it('skips the records of an aborted transaction', async () => {
    const connection = await connect();
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const tx = await connection.createSession(AcknowledgeMode.SESSION_TRANSACTED);
    const name = uniqueName('browse-abort');
    const txProducer = await tx.createProducer(tx.createQueue(name));
    await txProducer.send(tx.createTextMessage('rolled back'));
    await tx.rollback();
    await txProducer.send(tx.createTextMessage('committed'));
    await tx.commit();
    expect(await browseAll(await session.createBrowser(session.createQueue(name)))).to.deep.equal(['committed']);
  });

  it('browses a queue longer than its read-ahead, in order', async () => {
    const connection = await connect();
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const queue = session.createQueue(uniqueName('browse-long'));
    const producer = await session.createProducer(queue);
    const bodies = Array.from({ length: 1500 }, (_, i) => `m${i}`);
    await Promise.all(bodies.map((body) => producer.send(session.createTextMessage(body))));
    expect(await browseAll(await session.createBrowser(queue))).to.deep.equal(bodies);
  });
});
