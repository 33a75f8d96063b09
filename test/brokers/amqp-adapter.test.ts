import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'chai';
import amqp from 'amqplib';
import {
  AcknowledgeMode,
  JMSException,
  JMSSecurityException,
  createConnectionFactory,
  type BytesMessage,
  type Connection,
  type TextMessage,
} from '../../src/index.js';
import { describeWithBroker, uniqueName } from '../support/brokers.js';

const run = promisify(execFile);

/** What the conformance suite cannot see: errors, interoperability with plain amqplib, connection loss. */
describeWithBroker('rabbitmqAmqp', 'amqp adapter on RabbitMQ', (url) => {
  const open: Connection[] = [];
  async function connect(target = url): Promise<Connection> {
    const connection = await createConnectionFactory(target).createConnection();
    open.push(connection);
    return connection;
  }
  afterEach(async () => {
    await Promise.all(open.splice(0).map((connection) => connection.close().catch(() => undefined)));
  });

  function withCredentials(user: string, password: string, vhost = ''): string {
    const parsed = new URL(url);
    parsed.username = user;
    parsed.password = password;
    parsed.pathname = vhost;
    return parsed.toString();
  }

  it('refuses wrong credentials with JMSSecurityException and never prints the password', async () => {
    const error = await connect(withCredentials('guest', 'not-the-password')).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(JMSSecurityException);
    expect((error as Error).message).to.not.contain('not-the-password');
  });

  it('names a missing virtual host in the error', async () => {
    const error = await connect(withCredentials('guest', 'guest', `/${uniqueName('no-such-vhost')}`)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(JMSException);
    expect((error as Error).message).to.match(/virtual host/);
  });

  it('reads messages of a plain amqplib publisher as TextMessage or BytesMessage with typed properties', async () => {
    const queue = uniqueName('plain-in');
    const raw = await amqp.connect(url);
    try {
      const channel = await raw.createConfirmChannel();
      await channel.assertQueue(queue, { durable: true, arguments: { 'x-max-priority': 9 } });
      channel.sendToQueue(queue, Buffer.from('{"a":1}'), {
        contentType: 'application/json',
        messageId: 'm-1',
        correlationId: 'c-1',
        headers: { qty: 3, big: 2 ** 40, ratio: 0.5, flag: true, who: 'plain' },
      });
      channel.sendToQueue(queue, Buffer.from([1, 2, 3]));
      await channel.waitForConfirms();
    } finally {
      await raw.close();
    }
    const connection = await connect();
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const consumer = await session.createConsumer(session.createQueue(queue));
    await connection.start();
    const text = (await consumer.receive(5000)) as TextMessage;
    expect(text.getText()).to.equal('{"a":1}');
    expect(text.getJMSMessageID()).to.equal('ID:m-1');
    expect(text.getJMSCorrelationID()).to.equal('c-1');
    expect(text.getObjectProperty('qty')).to.equal(3);
    expect(text.getLongProperty('big')).to.equal(2n ** 40n);
    expect(text.getDoubleProperty('ratio')).to.equal(0.5);
    expect(text.getBooleanProperty('flag')).to.equal(true);
    expect(text.getStringProperty('who')).to.equal('plain');
    const bytes = (await consumer.receive(5000)) as BytesMessage;
    expect(bytes.getBodyLength()).to.equal(3);
    expect([bytes.readByte(), bytes.readByte(), bytes.readByte()]).to.deep.equal([1, 2, 3]);
  });

  it('sends messages a plain amqplib consumer can read, with AMQP-typed headers', async () => {
    const queue = uniqueName('plain-out');
    const connection = await connect();
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const producer = await session.createProducer(session.createQueue(queue));
    const message = session.createTextMessage('hello amqplib');
    message.setIntProperty('qty', 7);
    message.setLongProperty('huge', 2n ** 60n);
    message.setStringProperty('region', 'EU');
    message.setJMSCorrelationID('c-2');
    producer.setPriority(7);
    await producer.send(message);

    const raw = await amqp.connect(url);
    try {
      const channel = await raw.createChannel();
      const got = await channel.get(queue, { noAck: true });
      expect(got).to.not.equal(false);
      const received = got as amqp.GetMessage;
      expect(received.content.toString()).to.equal('hello amqplib');
      expect(received.properties.correlationId).to.equal('c-2');
      expect(received.properties.priority).to.equal(7);
      expect(received.properties.deliveryMode).to.equal(2);
      expect(received.properties.messageId).to.match(/^ID:/);
      expect(received.properties.headers?.qty).to.equal(7);
      expect(received.properties.headers?.region).to.equal('EU');
      // Beyond 2^53 a long travels as its decimal text, since amqplib would round the number.
      expect(received.properties.headers?.huge).to.equal((2n ** 60n).toString());
      await channel.deleteQueue(queue);
    } finally {
      await raw.close();
    }
  });

  it('keeps every property type exact between jms-ts clients', async () => {
    const connection = await connect();
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const destination = session.createQueue(uniqueName('typed'));
    const message = session.createMessage();
    message.setByteProperty('b', -5);
    message.setShortProperty('s', 300);
    message.setIntProperty('i', 70000);
    message.setLongProperty('l', -(2n ** 63n));
    message.setFloatProperty('f', 1.1);
    message.setDoubleProperty('d', 1.1);
    message.setBooleanProperty('z', false);
    await (await session.createProducer(destination)).send(message);
    const consumer = await session.createConsumer(destination);
    await connection.start();
    const received = (await consumer.receive(5000))!;
    expect(received.getObjectProperty('b')).to.equal(-5);
    expect(() => received.getByteProperty('s')).to.throw(); // still a short: no narrowing conversion
    expect(received.getShortProperty('s')).to.equal(300);
    expect(received.getIntProperty('i')).to.equal(70000);
    expect(received.getLongProperty('l')).to.equal(-(2n ** 63n));
    expect(received.getFloatProperty('f')).to.equal(Math.fround(1.1));
    expect(received.getDoubleProperty('d')).to.equal(1.1);
    expect(received.getStringProperty('f')).to.equal('1.1');
    expect(received.getBooleanProperty('z')).to.equal(false);
  });

  it('reports a consumer whose queue the broker deleted to the ExceptionListener and keeps the connection usable', async () => {
    const queue = uniqueName('deleted');
    const connection = await connect();
    const errors: JMSException[] = [];
    const reported = new Promise<void>((resolve) =>
      connection.setExceptionListener((error) => {
        errors.push(error);
        resolve();
      }),
    );
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    await session.createConsumer(session.createQueue(queue));
    await connection.start();
    const raw = await amqp.connect(url);
    try {
      await (await raw.createChannel()).deleteQueue(queue);
    } finally {
      await raw.close();
    }
    await reported;
    expect(errors[0]).to.be.instanceOf(JMSException);
    expect(errors[0]!.message).to.contain(queue);

    const other = session.createQueue(uniqueName('still-works'));
    await (await session.createProducer(other)).send(session.createTextMessage('after'));
    const consumer = await session.createConsumer(other);
    expect(((await consumer.receive(5000)) as TextMessage).getText()).to.equal('after');
  });

  it('with reconnect=false, tells the ExceptionListener when the broker closes the connection, and fails later calls', async function () {
    const clientId = uniqueName('lost');
    const list = async (): Promise<string[]> =>
      (await run('rabbitmqctl', ['-q', '--no-table-headers', 'list_connections', 'pid', 'client_properties'])).stdout
        .split('\n')
        .filter((line) => line.includes(clientId))
        .map((line) => line.split(/\s+/)[0]!);
    try {
      await list();
    } catch (error) {
      // Needs rabbitmqctl on this machine (the broker script's RabbitMQ has it).
      console.log(`skip: connection-loss test: cannot run rabbitmqctl (${(error as Error).message.split('\n')[0]})`);
      this.skip();
    }
    const connection = await connect(`${url}?clientId=${clientId}&reconnect=false`);
    const lost = new Promise<JMSException>((resolve) => connection.setExceptionListener(resolve));
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const consumer = await session.createConsumer(session.createQueue(uniqueName('lost')));
    await connection.start();
    const pending = consumer.receive(30000).then(
      (value) => value,
      (e: unknown) => e,
    );
    const ours = await list();
    expect(ours).to.have.length(1);
    await run('rabbitmqctl', ['-q', 'close_connection', ours[0]!, 'jms-ts connection-loss test']);
    const error = await lost;
    expect(error).to.be.instanceOf(JMSException);
    expect(error.message).to.match(/connection/i);
    const receiveResult = await pending;
    expect(receiveResult === null || receiveResult instanceof JMSException).to.equal(true);
    await (async () => session.createProducer(session.createQueue('x')))().then(
      () => expect.fail('a lost connection must refuse new work'),
      (e: unknown) => expect(e).to.be.instanceOf(JMSException),
    );
  });
});
