import { expect } from 'chai';
import {
  AcknowledgeMode,
  FeatureNotSupportedException,
  InvalidDestinationException,
  JMSException,
  createConnectionFactory,
  type BytesMessage,
  type Connection,
  type MapMessage,
  type ObjectMessage,
  type StreamMessage,
  type TextMessage,
} from '../../src/index.js';
import { describeWithBroker, uniqueName } from '../support/brokers.js';
import { PlainRocket } from './rocketmq-support.js';

/** What the conformance suite cannot see: plain-client interop both ways, the wire mapping, refusals, errors. */
describeWithBroker('rocketmq', 'rocketmq adapter on RocketMQ 5 through the gRPC proxy', (url) => {
  const open: Connection[] = [];
  let plain: PlainRocket;

  before(() => {
    plain = new PlainRocket(url);
  });
  after(async () => {
    await plain?.close();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((connection) => connection.close().catch(() => undefined)));
  });

  async function connect(target = url): Promise<Connection> {
    const connection = await createConnectionFactory(target).createConnection();
    open.push(connection);
    return connection;
  }
  function withOption(name: string, value: string, base = url): string {
    const parsed = new URL(base);
    parsed.searchParams.set(name, value);
    return parsed.toString();
  }
  const name = (prefix: string) => uniqueName(prefix).replaceAll('.', '-');

  it("reads a plain producer's messages as a TextMessage (UTF-8) or a BytesMessage, with string properties", async () => {
    const queue = name('plain-in');
    await plain.send(queue, Buffer.from('hello'), { who: 'plain' });
    await plain.send(queue, Buffer.from([0xff, 0x00, 0x01]));
    const connection = await connect();
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const consumer = await session.createConsumer(session.createQueue(queue));
    await connection.start();
    const text = (await consumer.receive(10000)) as TextMessage;
    expect(text.getText()).to.equal('hello');
    expect(text.getStringProperty('who')).to.equal('plain');
    expect(text.getJMSMessageID()).to.match(/^ID:rocketmq:/);
    expect(text.getIntProperty('JMSXDeliveryCount')).to.equal(1);
    const bytes = (await consumer.receive(10000)) as BytesMessage;
    expect(bytes.getBodyLength()).to.equal(3);
    expect(bytes.readUnsignedByte()).to.equal(0xff);
  });

  it('writes the five bodies and typed properties so a plain consumer reads them: bodies as bytes with a content type, properties as strings', async () => {
    const queue = name('plain-out');
    const reader = await plain.consumer(queue, name('plain-group'));
    const connection = await connect();
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const producer = await session.createProducer(session.createQueue(queue));
    const text = session.createTextMessage('hi there');
    text.setIntProperty('qty', 3);
    text.setLongProperty('big', 2n ** 60n);
    text.setBooleanProperty('flag', true);
    text.setStringProperty('KEYS', 'a property named like a RocketMQ system property');
    text.setStringProperty('blank', '');
    text.setJMSCorrelationID('c-9');
    await producer.send(text);
    const bytes = session.createBytesMessage();
    bytes.writeBytes(new Uint8Array([1, 2, 3]));
    await producer.send(bytes);
    const map = session.createMapMessage();
    map.setInt('n', 5);
    await producer.send(map);
    const stream = session.createStreamMessage();
    stream.writeString('s');
    await producer.send(stream);
    await producer.send(session.createObjectMessage({ a: 1 }));
    const views = await plain.receive(reader, 5);
    expect(views.map((view) => view.properties.get('content_type'))).to.deep.equal([
      'text/plain; charset=utf-8',
      'application/octet-stream',
      'application/x-jms-map+json',
      'application/x-jms-stream+json',
      'application/x-jms-object+json',
    ]);
    const first = views[0]!;
    expect(first.body.toString('utf8')).to.equal('hi there');
    expect(first.properties.get('qty')).to.equal('3');
    expect(first.properties.get('big')).to.equal(String(2n ** 60n));
    expect(first.properties.get('flag')).to.equal('true');
    expect(first.properties.get('jmsts_prop_KEYS')).to.equal('a property named like a RocketMQ system property');
    expect(first.properties.get('jmsts_correlation_id')).to.equal('c-9');
    expect(first.properties.get('jmsts_empty')).to.equal('blank');
    expect([...views[1]!.body]).to.deep.equal([1, 2, 3]);
    expect(JSON.stringify(JSON.parse(views[2]!.body.toString('utf8')))).to.contain('"n"');
  });

  it('reads back the five bodies, typed properties, an empty string property and a property named like a system one', async () => {
    const connection = await connect();
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const destination = session.createQueue(name('round'));
    const producer = await session.createProducer(destination);
    const text = session.createTextMessage('t');
    text.setStringProperty('blank', '');
    text.setStringProperty('TAGS', 'kept');
    text.setDoubleProperty('ratio', 0.5);
    await producer.send(text);
    const map = session.createMapMessage();
    map.setString('k', 'v');
    await producer.send(map);
    const stream = session.createStreamMessage();
    stream.writeInt(7);
    await producer.send(stream);
    await producer.send(session.createObjectMessage({ deep: [1, 2] }));
    await producer.send(session.createBytesMessage());
    const consumer = await session.createConsumer(destination);
    await connection.start();
    const gotText = (await consumer.receive(10000)) as TextMessage;
    expect(gotText.getStringProperty('blank')).to.equal('');
    expect(gotText.getStringProperty('TAGS')).to.equal('kept');
    expect(gotText.getDoubleProperty('ratio')).to.equal(0.5);
    expect(((await consumer.receive(10000)) as MapMessage).getString('k')).to.equal('v');
    expect(((await consumer.receive(10000)) as StreamMessage).readInt()).to.equal(7);
    expect(((await consumer.receive(10000)) as ObjectMessage).getObject()).to.deep.equal({ deep: [1, 2] });
    expect(((await consumer.receive(10000)) as BytesMessage).getBodyLength()).to.equal(0);
  });

  it('sends JMSXGroupID as the message group and a delivery delay as a timed message, as a plain consumer sees them', async () => {
    const queue = name('native-fields');
    const reader = await plain.consumer(queue, name('plain-group'));
    const connection = await connect();
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const producer = await session.createProducer(session.createQueue(queue));
    const grouped = session.createTextMessage('grouped');
    grouped.setStringProperty('JMSXGroupID', 'order-17');
    await producer.send(grouped);
    const sentAt = Date.now();
    producer.setDeliveryDelay(1500);
    await producer.send(session.createTextMessage('timed'));
    const views = await plain.receive(reader, 2);
    expect(views[0]!.messageGroup).to.equal('order-17');
    expect(views[1]!.deliveryTimestamp?.getTime()).to.be.at.least(sentAt + 1500);
  });

  it('refuses selectors on queue consumers, naming why, and keeps topic selectors in the client', async () => {
    const connection = await connect();
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const error = await session.createConsumer(session.createQueue(name('sel')), 'qty > 1').then(() => null, (e: unknown) => e);
    expect(error).to.be.instanceOf(FeatureNotSupportedException);
    const topic = session.createTopic(name('sel-topic'));
    const consumer = await session.createConsumer(topic, 'qty > 1');
    await connection.start();
    const producer = await session.createProducer(topic);
    for (const qty of [1, 2]) {
      const message = session.createTextMessage(`q${qty}`);
      message.setIntProperty('qty', qty);
      await producer.send(message);
    }
    expect(((await consumer.receive(10000)) as TextMessage).getText()).to.equal('q2');
  });

  it('refuses a destination name RocketMQ cannot hold, and maps dots onto |', async () => {
    const connection = await connect();
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const error = await (await session.createProducer(session.createQueue('has space'))).send(session.createTextMessage('x')).then(() => null, (e: unknown) => e);
    expect(error).to.be.instanceOf(InvalidDestinationException);
    const dotted = `${name('dotted')}.eu`;
    const reader = await plain.consumer(dotted.replaceAll('.', '|'), name('plain-group'));
    await (await session.createProducer(session.createQueue(dotted))).send(session.createTextMessage('via |'));
    expect((await plain.receive(reader, 1))[0]!.body.toString()).to.equal('via |');
  });

  it('fails connect with a retriable JMSException when no proxy answers', async () => {
    const error = await connect(withOption('requestTimeout', '2000', url.replace(/:\/\/[^/?]+/, '://127.0.0.1:1'))).then(() => null, (e: unknown) => e);
    expect(error).to.be.instanceOf(JMSException);
    expect((error as JMSException).code).to.equal('BROKER_UNAVAILABLE');
    expect((error as Error).message).to.match(/Cannot connect to RocketMQ/);
  });

  it('fails connect when the proxy answers but the broker address for administration does not', async () => {
    const error = await connect(withOption('brokerAddress', '127.0.0.1:1')).then(() => null, (e: unknown) => e);
    expect(error).to.be.instanceOf(JMSException);
    expect((error as JMSException).code).to.equal('BROKER_UNAVAILABLE');
  });
});
