import { expect } from 'chai';
import {
  AcknowledgeMode,
  JMSException,
  JMSSecurityException,
  createConnectionFactory,
  type Connection,
  type TextMessage,
} from '../../src/index.js';
import { describeWithBroker, uniqueName } from '../support/brokers.js';

/** What the conformance suite cannot see: errors, connection loss, and long runs without a stall. */
function connections(): { connect(url: string): Promise<Connection>; closeAll(): Promise<void> } {
  const open: Connection[] = [];
  return {
    async connect(url) {
      const connection = await createConnectionFactory(url).createConnection();
      open.push(connection);
      return connection;
    },
    async closeAll() {
      await Promise.all(open.splice(0).map((connection) => connection.close().catch(() => undefined)));
    },
  };
}

describeWithBroker('activemqStomp', 'stomp adapter on ActiveMQ', (url) => {
  const pool = connections();
  afterEach(() => pool.closeAll());

  // BROKERS.md: per-message acks at speed once deadlocked ActiveMQ's STOMP transport after 1,275+ messages.
  for (const mode of [AcknowledgeMode.AUTO_ACKNOWLEDGE, AcknowledgeMode.CLIENT_ACKNOWLEDGE] as const) {
    it(`consumes 20,000 messages of 1 KiB in ${mode === AcknowledgeMode.AUTO_ACKNOWLEDGE ? 'AUTO' : 'CLIENT'} mode without a stall`, async function () {
      this.timeout(180000);
      const count = 20000;
      const connection = await pool.connect(url);
      const sending = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
      const queue = sending.createQueue(uniqueName('stall'));
      const producer = await sending.createProducer(queue);
      const body = 'x'.repeat(1024);
      const sent: Promise<void>[] = [];
      for (let i = 0; i < count; i++) sent.push(producer.send(sending.createTextMessage(body), { deliveryMode: 1 }));
      await Promise.all(sent);
      const session = await connection.createSession(mode);
      const consumer = await session.createConsumer(queue);
      await connection.start();
      let received = 0;
      for (let i = 0; i < count; i++) {
        const message = (await consumer.receive(10000)) as TextMessage | null;
        if (message === null) break;
        received++;
        if (mode === AcknowledgeMode.CLIENT_ACKNOWLEDGE && received % 100 === 0) await message.acknowledge();
      }
      expect(received).to.equal(count);
      expect(await consumer.receive(200)).to.equal(null);
    });
  }

  it('keeps a text containing NUL a text, with every property type', async () => {
    const connection = await pool.connect(url);
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const queue = session.createQueue(uniqueName('nul'));
    const message = session.createTextMessage('before\u0000after ✓');
    message.setLongProperty('big', -(2n ** 63n));
    message.setFloatProperty('f', 1.1);
    message.setBooleanProperty('z', true);
    await (await session.createProducer(queue)).send(message);
    const consumer = await session.createConsumer(queue);
    await connection.start();
    const received = (await consumer.receive(5000)) as TextMessage;
    expect(received.getText()).to.equal('before\u0000after ✓');
    expect(received.getLongProperty('big')).to.equal(-(2n ** 63n));
    expect(received.getFloatProperty('f')).to.equal(Math.fround(1.1));
    expect(received.getObjectProperty('z')).to.equal(true);
  });
});

describeWithBroker('rabbitmqStomp', 'stomp adapter on RabbitMQ', (url) => {
  const pool = connections();
  afterEach(() => pool.closeAll());

  it('refuses wrong credentials with JMSSecurityException and never prints the password', async () => {
    const wrong = new URL(url);
    wrong.password = 'not-the-password';
    const error = await pool.connect(wrong.toString()).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(JMSSecurityException);
    expect((error as Error).message).to.not.contain('not-the-password');
  });

  it('with reconnect=false, tells the ExceptionListener when the broker ends the connection, and fails a pending receive', async () => {
    // The broker ends a STOMP connection on any ERROR: here, consuming a queue another connection holds exclusively.
    const clientId = uniqueName('holder');
    await pool.connect(`${url}?clientId=${clientId}`);
    const connection = await pool.connect(`${url}?reconnect=false`);
    const lost = new Promise<JMSException>((resolve) => connection.setExceptionListener(resolve));
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const waiting = await session.createConsumer(session.createQueue(uniqueName('waiting')));
    await connection.start();
    const pending = waiting.receive(30000).then(
      (value) => value,
      (e: unknown) => e,
    );
    // RabbitMQ may confirm the SUBSCRIBE before it refuses it: the refusal then ends the connection.
    await session.createConsumer(session.createQueue(`jmsts.client-id.${clientId}`)).catch(() => undefined);
    const error = await lost;
    expect(error.message).to.match(/Lost the STOMP connection/);
    const result = await pending;
    expect(result === null || result instanceof JMSException).to.equal(true);
  });
});
