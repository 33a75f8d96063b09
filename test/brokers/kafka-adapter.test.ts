import { expect } from 'chai';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import {
  AcknowledgeMode,
  InvalidDestinationException,
  JMSException,
  createConnectionFactory,
  type BytesMessage,
  type Connection,
  type TextMessage,
} from '../../src/index.js';
import { describeWithBroker, uniqueName } from '../support/brokers.js';

/** What the conformance suite cannot see: errors, and interoperability with plain kafkajs clients. */
describeWithBroker('kafka', 'kafka adapter on Kafka', (url) => {
  const kafka = new Kafka({ clientId: 'jms-ts-test', brokers: [new URL(url).host], logLevel: logLevel.NOTHING });
  const open: Connection[] = [];
  async function connect(target = url): Promise<Connection> {
    const connection = await createConnectionFactory(target).createConnection();
    open.push(connection);
    return connection;
  }
  afterEach(async () => {
    await Promise.all(open.splice(0).map((connection) => connection.close().catch(() => undefined)));
  });

  it('fails createConnection with a JMSException when no broker answers, within bounded time', async () => {
    // A loopback port nothing listens on: the connection is refused, and retries are bounded.
    const error = await connect('kafka://127.0.0.1:1').then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(JMSException);
    expect((error as Error).message).to.contain('kafka://127.0.0.1:1');
  });

  it('refuses a destination name Kafka cannot have with InvalidDestinationException', async () => {
    const connection = await connect();
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const producer = await session.createProducer(null);
    const error = await producer.send(session.createQueue('no spaces/or slashes'), session.createTextMessage('x')).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(InvalidDestinationException);
    expect((error as Error).message).to.match(/cannot be a Kafka topic/);
  });

  it('reads records of a plain kafkajs producer as TextMessage or BytesMessage', async () => {
    const topic = uniqueName('plain-in');
    const connection = await connect();
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const consumer = await session.createConsumer(session.createQueue(topic));
    await connection.start();
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    try {
      await producer.send({
        topic,
        messages: [
          { value: 'plain text ✓', headers: { region: 'EU' } },
          { value: Buffer.from([0xff, 0x00, 0xfe]) },
        ],
      });
    } finally {
      await producer.disconnect();
    }
    const text = (await consumer.receive(10000)) as TextMessage;
    expect(text.getText()).to.equal('plain text ✓');
    expect(text.getStringProperty('region')).to.equal('EU');
    expect(text.getJMSMessageID()).to.match(/^ID:kafka:/);
    const bytes = (await consumer.receive(10000)) as BytesMessage;
    expect(bytes.getBodyLength()).to.equal(3);
    expect(bytes.readUnsignedByte()).to.equal(0xff);
  });

  it('sends records a plain kafkajs consumer reads, with JMSXGroupID as the key and typed properties as headers', async () => {
    const topic = uniqueName('plain-out');
    const connection = await connect();
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const message = session.createTextMessage('hello kafkajs');
    message.setStringProperty('JMSXGroupID', 'order-7');
    message.setIntProperty('qty', 3);
    await (await session.createProducer(session.createTopic(topic))).send(message);

    const consumer = kafka.consumer({ groupId: uniqueName('plain-out-group') });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      const record = await new Promise<{ key: string; value: string; qty: string; types: string }>((resolve) => {
        void consumer.run({
          eachMessage: async ({ message: m }) =>
            resolve({
              key: m.key!.toString(),
              value: m.value!.toString(),
              qty: m.headers!.qty!.toString(),
              types: m.headers!.jmsts_types!.toString(),
            }),
        });
      });
      expect(record).to.deep.equal({ key: 'order-7', value: 'hello kafkajs', qty: '3', types: 'qty:i' });
    } finally {
      await consumer.disconnect();
    }
  });

  it('keeps every property type exact between jms-ts clients', async () => {
    const connection = await connect();
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const queue = session.createQueue(uniqueName('typed'));
    const consumer = await session.createConsumer(queue);
    await connection.start();
    const message = session.createMessage();
    message.setByteProperty('b', -5);
    message.setLongProperty('l', 2n ** 62n);
    message.setFloatProperty('f', 1.1);
    message.setBooleanProperty('z', true);
    await (await session.createProducer(queue)).send(message);
    const received = (await consumer.receive(10000))!;
    expect(received.getObjectProperty('b')).to.equal(-5);
    expect(received.getLongProperty('l')).to.equal(2n ** 62n);
    expect(received.getFloatProperty('f')).to.equal(Math.fround(1.1));
    expect(received.getObjectProperty('z')).to.equal(true);
  });
});
