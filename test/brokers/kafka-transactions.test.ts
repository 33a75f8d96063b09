import { expect } from 'chai';
import { AcknowledgeMode, TransactionRolledBackException, type TextMessage } from '../../src/index.js';
import { describeWithBroker, uniqueName } from '../support/brokers.js';
import { connections, groupMode, plainAdmin, plainKafka, readAll } from './kafka-support.js';

/** Native transactions on Kafka: what the conformance suite cannot see. */
describeWithBroker('kafka', 'kafka transactions', (brokerUrl) => {
  // Consumer groups: what this suite looks at (share-group queues: kafka-share.test.ts).
  const url = groupMode(brokerUrl);
  const kafka = plainKafka(url);
  const admin = plainAdmin(kafka);
  const connect = connections(url);

  it('writes nothing a read_committed reader sees until commit, and commit makes it readable at once', async () => {
    const connection = await connect();
    const tx = await connection.createSession(AcknowledgeMode.SESSION_TRANSACTED);
    const name = uniqueName('tx-visible');
    const producer = await tx.createProducer(tx.createQueue(name));
    await producer.send(tx.createTextMessage('one'));
    await producer.send(tx.createTextMessage('two'));
    expect(await readAll(kafka, admin, name, 'read_committed')).to.deep.equal([]);
    await tx.commit();
    expect(await readAll(kafka, admin, name, 'read_committed')).to.deep.equal(['one', 'two']);
  });

  it('cannot commit once another producer took its transactional id, and what it sent stays invisible', async () => {
    const clientId = uniqueName('fenced');
    const connection = await connect(url, clientId);
    const tx = await connection.createSession(AcknowledgeMode.SESSION_TRANSACTED);
    const name = uniqueName('tx-fenced');
    await (await tx.createProducer(tx.createQueue(name))).send(tx.createTextMessage('doomed'));
    // A producer with the same transactional id (what a restarted application would have) fences this one.
    const usurper = kafka.producer({ transactionalId: `jms.tx.${clientId}.1`, idempotent: true, maxInFlightRequests: 1 });
    await usurper.connect();
    await (await usurper.transaction()).abort();
    await usurper.disconnect();
    const failure = await tx.commit().then(() => null, (e: unknown) => e);
    expect(failure).to.be.instanceOf(TransactionRolledBackException);
    const again = await tx.commit().then(() => null, (e: unknown) => e);
    expect((again as Error).message).to.match(/fenced/);
    expect(await readAll(kafka, admin, name, 'read_committed')).to.deep.equal([]);
  });

  it('gives each transacted session of a connection its own transactional id', async () => {
    const connection = await connect(url, uniqueName('two-sessions'));
    const first = await connection.createSession(AcknowledgeMode.SESSION_TRANSACTED);
    const second = await connection.createSession(AcknowledgeMode.SESSION_TRANSACTED);
    const name = uniqueName('tx-two');
    await (await first.createProducer(first.createQueue(name))).send(first.createTextMessage('first'));
    await (await second.createProducer(second.createQueue(name))).send(second.createTextMessage('second'));
    await second.commit();
    await first.rollback();
    await first.commit(); // neither fenced the other
    const plain = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const consumer = await plain.createConsumer(plain.createQueue(name));
    await connection.start();
    expect(((await consumer.receive(10000)) as TextMessage).getText()).to.equal('second');
    expect(await consumer.receive(300)).to.equal(null);
  });
});
