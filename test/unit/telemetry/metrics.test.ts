import { expect } from 'chai';
import { AcknowledgeMode, createConnectionFactory, destinationOf, type Connection } from '../../../src/index.js';
import { AttributeSets, MAX_METRIC_DESTINATIONS } from '../../../src/client/telemetry/attributes.js';
import { calledBack, recordingLogger, telemetryPerTest, type TestTelemetry } from '../../support/telemetry.js';
import { MemoryBroker } from '../../../adapters/memory/broker.js';

let broker = 0;

describe('metrics (OpenTelemetry metrics on memory://)', () => {
  let otel: TestTelemetry;
  let connection: Connection;

  telemetryPerTest((fresh) => (otel = fresh), () => connection);

  async function open(query = ''): Promise<Connection> {
    const factory = createConnectionFactory({ url: `memory://metrics-${++broker}${query}`, telemetry: otel.options });
    connection = await factory.createConnection();
    await connection.start();
    return connection;
  }

  it('counts sends, receives and acknowledgements exactly, per destination, with their durations', async () => {
    await open();
    const session = await connection.createSession(AcknowledgeMode.CLIENT_ACKNOWLEDGE);
    const orders = session.createQueue('orders');
    const audit = session.createTopic('audit');
    const producer = await session.createProducer(null);
    for (let i = 0; i < 5; i++) await producer.send(orders, session.createTextMessage(`o${i}`));
    await producer.send(audit, session.createTextMessage('a')); // no subscriber: sent, never received
    const consumer = await session.createConsumer(orders);
    for (let i = 0; i < 3; i++) expect(await consumer.receive(2000)).to.not.equal(null);
    const orderSet = { 'messaging.system': 'jms', 'jms.adapter': 'memory', 'messaging.destination.name': 'orders' };

    expect(await otel.counter('messaging.client.sent.messages', orderSet)).to.equal(5);
    expect(await otel.counter('messaging.client.sent.messages', { 'messaging.destination.name': 'audit', 'jms.destination.kind': 'topic' })).to.equal(1);
    expect(await otel.counter('messaging.client.consumed.messages', orderSet)).to.equal(3);
    expect(await otel.counter('jms.client.acknowledged.messages'), 'CLIENT_ACKNOWLEDGE: nothing before acknowledge()').to.equal(0);
    await session.acknowledge();
    expect(await otel.counter('jms.client.acknowledged.messages', orderSet)).to.equal(3);
    expect(await otel.histogramCount('jms.client.receive_to_ack.duration', orderSet)).to.equal(3);
    expect(await otel.histogramCount('messaging.client.operation.duration', { 'messaging.operation.name': 'send' })).to.equal(6);
    expect(await otel.counter('jms.client.connections', { 'jms.connection.state': 'open' })).to.equal(1);
  });

  it('counts redeliveries and dead-letterings, and the commit duration', async () => {
    await open('?maxRedeliveries=1&redeliveryDelay=0');
    connection.setExceptionListener(() => undefined);
    const session = await connection.createSession(AcknowledgeMode.SESSION_TRANSACTED);
    const queue = session.createQueue('flaky');
    const producer = await session.createProducer(queue);
    await producer.send(session.createTextMessage('x'));
    await session.commit();
    const consumer = await session.createConsumer(queue);
    for (let attempt = 0; attempt < 2; attempt++) {
      expect(await consumer.receive(2000), `delivery ${attempt + 1}`).to.not.equal(null);
      await session.rollback(); // the second rollback moves it to the dead-letter queue
    }
    const set = { 'messaging.destination.name': 'flaky' };
    expect(await otel.counter('messaging.client.consumed.messages', set)).to.equal(2);
    expect(await otel.counter('jms.client.redelivered.messages', set)).to.equal(1);
    expect(await otel.counter('jms.client.dead_lettered.messages', set)).to.equal(1);
    expect(await otel.histogramCount('messaging.client.operation.duration', { 'messaging.operation.name': 'commit' })).to.equal(1);
    expect(await otel.counter('jms.client.acknowledged.messages', set), 'the dead-lettered original').to.equal(1);
  });

  it('listener durations, and a closed connection leaves the open count', async () => {
    await open();
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const queue = session.createQueue('jobs');
    const consumer = await session.createConsumer(queue);
    let seen = 0;
    const done = calledBack<void>((resolve) => consumer.setMessageListener(() => void (++seen === 4 && setImmediate(resolve))));
    const producer = await session.createProducer(queue);
    for (let i = 0; i < 4; i++) await producer.send(session.createTextMessage(`${i}`));
    await done;
    await consumer.close();
    expect(await otel.histogramCount('messaging.process.duration', { 'messaging.destination.name': 'jobs' })).to.equal(4);
    expect(await otel.counter('jms.client.acknowledged.messages', { 'messaging.destination.name': 'jobs' })).to.equal(4);
    await connection.close();
    expect(await otel.counter('jms.client.connections', { 'jms.connection.state': 'open' })).to.equal(0);
  });

  it('a connection lost for good (reconnect off) is counted and logged as lost', async () => {
    const { records, logger } = recordingLogger();
    const name = `metrics-${++broker}`;
    connection = await createConnectionFactory({ url: `memory://${name}?reconnect=false`, telemetry: otel.options, logger }).createConnection();
    const lost = calledBack<void>((done) => connection.setExceptionListener(() => done()));
    MemoryBroker.get(name).crash();
    await lost;
    expect(await otel.counter('jms.client.connections', { 'jms.connection.state': 'open' })).to.equal(0);
    expect(await otel.counter('jms.client.connections', { 'jms.connection.state': 'lost' })).to.equal(1);
    expect(records.map((r) => `${r.level}: ${r.message}`)).to.deep.equal(['info: Connected to the broker', 'warn: The link to the broker was lost', 'error: Lost the connection to the broker']);
    await connection.close();
    expect(await otel.counter('jms.client.connections'), 'closing a lost connection leaves no count').to.equal(0);
  });

  it('temporary destinations share one metric name and one span name', async () => {
    await open();
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const producer = await session.createProducer(null);
    for (let i = 0; i < 3; i++) await producer.send(await session.createTemporaryQueue(), session.createTextMessage('reply'));
    const names = (await otel.attributeSets('messaging.client.sent.messages')).map((set) => set['messaging.destination.name']);
    expect(names).to.deep.equal(['(temporary)']);
    expect(otel.spans().map((span) => span.name), 'span names too').to.deep.equal(['send (temporary)', 'send (temporary)', 'send (temporary)']);
    expect(await otel.counter('messaging.client.sent.messages', { 'messaging.destination.temporary': true })).to.equal(3);
  });

  it('past the limit of destination names, the rest share "(other)"', () => {
    const sets = new AttributeSets('kafka', { host: 'k1', port: 9092 });
    const names = new Set<unknown>();
    for (let i = 0; i < MAX_METRIC_DESTINATIONS + 50; i++) names.add(sets.metric(destinationOf('queue', `q${i}`))['messaging.destination.name']);
    expect(names.size).to.equal(MAX_METRIC_DESTINATIONS + 1);
    expect(names.has('(other)')).to.equal(true);
    expect(sets.metric(destinationOf('queue', 'q1')), 'known names keep their set').to.equal(sets.metric(destinationOf('queue', 'q1')));
    expect(sets.base).to.deep.equal({ 'messaging.system': 'kafka', 'jms.adapter': 'kafka', 'server.address': 'k1', 'server.port': 9092 });
  });
});
