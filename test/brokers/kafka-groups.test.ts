import { expect } from 'chai';
import { AcknowledgeMode, JMSException, createConnectionFactory, type TextMessage } from '../../src/index.js';
import { describeWithBroker, uniqueName } from '../support/brokers.js';
import { connections, groupMembers, groupMode, plainAdmin, plainKafka } from './kafka-support.js';

/** Consumer-group membership: what a slow application or a close does to the group. */
describeWithBroker('kafka', 'kafka consumer groups', (brokerUrl) => {
  // Consumer groups: what this suite looks at (share-group queues: kafka-share.test.ts).
  const url = groupMode(brokerUrl);
  const kafka = plainKafka(url);
  const admin = plainAdmin(kafka);
  const connect = connections(url);

  it('keeps a listener slower than the session timeout in its group, without redelivery', async function () {
    this.timeout(60000);
    const sessionTimeout = 6000; // the broker's minimum (group.min.session.timeout.ms)
    // prefetch=2: the consumer is also paused at the prefetch limit while the listener is busy.
    const connection = await connect(`${url}&sessionTimeout=${sessionTimeout}&prefetch=2`);
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const name = uniqueName('slow');
    const queue = session.createQueue(name);
    const producer = await session.createProducer(queue);
    for (const text of ['a', 'b', 'c', 'd']) await producer.send(session.createTextMessage(text));
    const consumer = await session.createConsumer(queue);
    const membersBefore = await groupMembers(admin, `jms.queue.${name}`);
    expect(membersBefore).to.have.length(1);

    const received: { text: string; redelivered: boolean }[] = [];
    const all = new Promise<void>((resolve) => {
      consumer.setMessageListener(async (message) => {
        const text = (message as TextMessage).getText()!;
        received.push({ text, redelivered: message.getJMSRedelivered() });
        // Deliberately slower than the session timeout: this is the behaviour under test, not a wait.
        if (text === 'a') await new Promise((done) => setTimeout(done, sessionTimeout + 2000));
        if (received.length === 4) resolve();
      });
    });
    await connection.start();
    await all;
    expect(received).to.deep.equal(['a', 'b', 'c', 'd'].map((text) => ({ text, redelivered: false })));
    // A member that missed its session timeout is removed and rejoins under a new member id.
    expect(await groupMembers(admin, `jms.queue.${name}`)).to.deep.equal(membersBefore);
  });

  it('keeps a synchronous listener in its group while one fetched batch takes longer than the session timeout', async function () {
    this.timeout(60000);
    const sessionTimeout = 6000;
    const connection = await connect(`${url}&sessionTimeout=${sessionTimeout}`);
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const name = uniqueName('slow-sync');
    const queue = session.createQueue(name);
    const producer = await session.createProducer(queue);
    const texts = Array.from({ length: 40 }, (_, i) => `m${i}`);
    for (const text of texts) await producer.send(session.createTextMessage(text));
    const consumer = await session.createConsumer(queue);
    const membersBefore = await groupMembers(admin, `jms.queue.${name}`);
    const blocker = new Int32Array(new SharedArrayBuffer(4));
    const received: { text: string; redelivered: boolean }[] = [];
    const all = new Promise<void>((resolve) => {
      consumer.setMessageListener((message) => {
        received.push({ text: (message as TextMessage).getText()!, redelivered: message.getJMSRedelivered() });
        // Deliberately blocks the thread 200 ms per message, 8 s for the batch: the behaviour under test.
        Atomics.wait(blocker, 0, 0, 200);
        if (received.length === texts.length) resolve();
      });
    });
    await connection.start();
    await all;
    expect(received).to.deep.equal(texts.map((text) => ({ text, redelivered: false })));
    expect(await groupMembers(admin, `jms.queue.${name}`)).to.deep.equal(membersBefore);
  });

  it('leaves the group at once when a consumer closes', async () => {
    const connection = await connect();
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const name = uniqueName('leave');
    const consumer = await session.createConsumer(session.createQueue(name));
    expect(await groupMembers(admin, `jms.queue.${name}`)).to.have.length(1);
    await consumer.close();
    expect(await groupMembers(admin, `jms.queue.${name}`)).to.deep.equal([]);
  });

  it('leaves every group, the client-id claim included, when the connection closes', async () => {
    const clientId = uniqueName('leaver');
    const connection = await connect(url, clientId);
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const queueName = uniqueName('leave-q');
    await session.createConsumer(session.createQueue(queueName));
    await session.createDurableConsumer(session.createTopic(uniqueName('leave-t')), 'sub');
    const durableGroups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((id) => id.startsWith(`jms.durable.${clientId}.sub.`));
    expect(durableGroups).to.have.length(1);
    const groups = [`jms.queue.${queueName}`, `jms.client-id.${clientId}`, durableGroups[0]!];
    for (const groupId of groups) expect(await groupMembers(admin, groupId), groupId).to.have.length(1);
    await connection.close();
    for (const groupId of groups) expect(await groupMembers(admin, groupId), groupId).to.deep.equal([]);
  });

  it('refuses a timeout option that is not a number of milliseconds', async () => {
    for (const option of ['sessionTimeout=soon', 'transactionTimeout=-5']) {
      const error = await Promise.resolve()
        .then(() => createConnectionFactory(`${url}&${option}`).createConnection())
        .then((connection) => connection.close().then(() => null), (e: unknown) => e);
      expect(error, option).to.be.instanceOf(JMSException);
      expect((error as Error).message).to.contain(option.split('=')[0]);
    }
  });
});
