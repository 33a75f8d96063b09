import { expect } from 'chai';
import { AcknowledgeMode } from '../../../src/api/constants.js';
import { MessageFormatException } from '../../../src/api/exceptions.js';
import { createConnectionFactory } from '../../../src/index.js';
import { messageToEnvelope } from '../../../src/codec/index.js';
import { JmsTextMessage } from '../../../src/message/index.js';
import { ALL_NATIVE, RecordingProvider, deliveryOf } from './recording-provider.js';

function until(time: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, time - Date.now()) + 5));
}

describe('client session rules (no broker)', () => {
  it('close() rolls back an open native transaction and never commits it', async () => {
    const provider = new RecordingProvider();
    const connection = await provider.factory().createConnection();
    const session = await connection.createSession(AcknowledgeMode.SESSION_TRANSACTED);
    const producer = await session.createProducer(session.createQueue('tx-close'));
    await producer.send(session.createTextMessage('uncommitted'));
    await session.close();
    expect(provider.ops()).to.include('rollback');
    expect(provider.ops()).to.not.include('commit');
    expect(provider.ops().indexOf('rollback')).to.be.lessThan(provider.ops().indexOf('close'));
    await connection.close();
  });

  it('close() discards the sends an emulated transaction holds', async () => {
    const provider = new RecordingProvider({ ...ALL_NATIVE, transactions: 'emulated' });
    const connection = await provider.factory().createConnection();
    const session = await connection.createSession(AcknowledgeMode.SESSION_TRANSACTED);
    const producer = await session.createProducer(session.createQueue('tx-close-emulated'));
    await producer.send(session.createTextMessage('uncommitted'));
    await session.close();
    expect(provider.ops()).to.not.include('send');
    expect(provider.ops()).to.not.include('commit');
    await connection.close();
  });

  it('a message that expires while it waits in the client buffer is acknowledged, never delivered', async () => {
    const provider = new RecordingProvider();
    const connection = await provider.factory().createConnection();
    const session = await connection.createSession(AcknowledgeMode.CLIENT_ACKNOWLEDGE);
    const queue = session.createQueue('expiring-in-buffer');
    const consumer = await session.createConsumer(queue);
    const message = new JmsTextMessage('stale');
    message.setJMSExpiration(Date.now() + 40);
    const delivery = deliveryOf(messageToEnvelope(message), queue);
    provider.sinks[0].sink.deliver(delivery); // buffered: the connection is not started
    await until(message.getJMSExpiration());
    await connection.start();
    expect(await consumer.receiveNoWait()).to.equal(null);
    await new Promise((resolve) => setImmediate(resolve)); // acknowledgements are batched per turn
    const acked = provider.calls.flatMap((call) => (call.op === 'acknowledge' ? call.deliveries : []));
    expect(acked).to.include(delivery);
    await connection.close();
  });

  it('connection.stop() returns only after the running listener finished', async () => {
    const factory = createConnectionFactory('memory://stop-waits-for-listener');
    const connection = await factory.createConnection();
    const session = await connection.createSession();
    const queue = session.createQueue('stop-waits');
    const consumer = await session.createConsumer(queue);
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inListener = new Promise<void>((resolve) => (entered = resolve));
    consumer.setMessageListener(async () => {
      entered();
      await gate;
      order.push('listener done');
    });
    await connection.start();
    await (await session.createProducer(queue)).send(session.createTextMessage('x'));
    await inListener;
    const stopped = connection.stop().then(() => order.push('stop returned'));
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(order).to.deep.equal([]);
    release();
    await stopped;
    expect(order).to.deep.equal(['listener done', 'stop returned']);
    await connection.close();
  });

  it('commit() waits for the async sends before it commits', async () => {
    const provider = new RecordingProvider();
    let release!: () => void;
    provider.sendGate = new Promise<void>((resolve) => (release = resolve));
    const connection = await provider.factory().createConnection();
    const session = await connection.createSession(AcknowledgeMode.SESSION_TRANSACTED);
    const producer = await session.createProducer(session.createQueue('async-then-commit'));
    const completed: string[] = [];
    producer.sendAsync(session.createTextMessage('a'), { onCompletion: () => void completed.push('a'), onException: () => undefined });
    const committing = session.commit();
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(provider.ops()).to.not.include('commit');
    release();
    await committing;
    expect(completed).to.deep.equal(['a']);
    expect(provider.ops().filter((op) => op === 'send' || op === 'commit')).to.deep.equal(['send', 'commit']);
    await connection.close();
  });

  it('a JMSProducer refuses a body it cannot send', async () => {
    const context = await createConnectionFactory('memory://bad-body').createContext();
    const producer = context.createProducer();
    for (const body of [null, 42, true]) {
      await producer.send(context.createQueue('bad-body'), body as never).then(
        () => expect.fail(`sent a ${String(body)} body`),
        (error: unknown) => expect(error).to.be.instanceOf(MessageFormatException),
      );
    }
    await context.close();
  });

  it('a rollback after a commit redelivers nothing the commit consumed', async () => {
    const factory = createConnectionFactory('memory://commit-then-rollback');
    const connection = await factory.createConnection();
    const session = await connection.createSession(AcknowledgeMode.SESSION_TRANSACTED);
    const queue = session.createQueue('commit-then-rollback');
    await (await session.createProducer(queue)).send(session.createTextMessage('once'));
    await session.commit();
    await connection.start();
    const consumer = await session.createConsumer(queue);
    expect(await consumer.receive(1000)).to.not.equal(null);
    await session.commit();
    await session.rollback();
    expect(await consumer.receiveNoWait()).to.equal(null);
    await connection.close();
  });

  it('a JMSContext made from another keeps the shared connection open until the last one closes', async () => {
    const first = await createConnectionFactory('memory://shared-contexts').createContext();
    const second = await first.createContext(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    await first.close();
    const queue = second.createQueue('shared-contexts');
    await second.createProducer().send(queue, 'still open');
    expect(await (await second.createConsumer(queue)).receiveBody(String, 1000)).to.equal('still open');
    await second.close();
  });
});
