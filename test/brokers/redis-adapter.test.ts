import { expect } from 'chai';
import {
  AcknowledgeMode,
  JMSException,
  JMSSecurityException,
  createConnectionFactory,
  type BytesMessage,
  type Connection,
  type MapMessage,
  type TextMessage,
} from '../../src/index.js';
import { describeWithBroker, uniqueName } from '../support/brokers.js';
import type { CommandClient } from '../../adapters/redis/commands.js';
import { trimStream } from '../../adapters/redis/trimming.js';
import { deleteKeys, rawClient, type RawRedis } from './redis-support.js';

/** What the conformance suite cannot see: plain-client interop, reclaiming, trimming, errors. */
describeWithBroker('redis', 'redis adapter on Redis Streams', (url) => {
  const open: Connection[] = [];
  const keys: string[] = [];
  let raw: RawRedis;

  before(async () => {
    raw = await rawClient(url);
  });
  after(async () => {
    await raw?.close();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((connection) => connection.close().catch(() => undefined)));
    await deleteKeys(raw, ...keys.splice(0));
  });

  async function connect(target = url, clientId?: string): Promise<Connection> {
    const connection = await createConnectionFactory(target).createConnection(clientId ? { clientId } : {});
    open.push(connection);
    return connection;
  }
  function stream(prefix: string): string {
    const name = uniqueName(prefix);
    keys.push(name);
    return name;
  }
  function withOption(name: string, value: string): string {
    const parsed = new URL(url);
    parsed.searchParams.set(name, value);
    return parsed.toString();
  }

  it('reads `XADD orders * body hello` from a plain client as a TextMessage with string properties', async () => {
    const queue = stream('plain-in');
    await raw.sendCommand(['XADD', queue, '*', 'body', 'hello', 'who', 'plain']);
    await raw.sendCommand(['XADD', queue, '*', 'body', Buffer.from([0xff, 0x00, 0x01])]);
    const connection = await connect();
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const consumer = await session.createConsumer(session.createQueue(queue));
    await connection.start();
    const text = (await consumer.receive(5000)) as TextMessage;
    expect(text.getText()).to.equal('hello');
    expect(text.getStringProperty('who')).to.equal('plain');
    expect(text.getJMSMessageID()).to.match(/^ID:redis:/);
    const bytes = (await consumer.receive(5000)) as BytesMessage;
    expect(bytes.getBodyLength()).to.equal(3);
    expect(bytes.readUnsignedByte()).to.equal(0xff);
  });

  it('writes fields a plain client reads: body, properties in their Java string form, and the JMS headers', async () => {
    const queue = stream('plain-out');
    const connection = await connect();
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const message = session.createTextMessage('hi there');
    message.setIntProperty('qty', 3);
    message.setLongProperty('big', 2n ** 60n);
    message.setStringProperty('body', 'a property named like the body field');
    message.setJMSCorrelationID('c-9');
    await (await session.createProducer(session.createQueue(queue))).send(message);
    const entries = (await raw.sendCommand(['XRANGE', queue, '-', '+'])) as [string, string[]][];
    expect(entries).to.have.length(1);
    const flat = entries[0]![1];
    const fields = new Map<string, string>();
    for (let i = 0; i < flat.length; i += 2) fields.set(flat[i]!, flat[i + 1]!);
    expect(fields.get('body')).to.equal('hi there');
    expect(fields.get('qty')).to.equal('3');
    expect(fields.get('big')).to.equal(String(2n ** 60n));
    expect(fields.get('jmsts_correlation_id')).to.equal('c-9');
    expect(fields.get('content_type')).to.match(/^text\/plain/);
    // And back through jms-ts, types kept and the escaped property restored.
    const consumer = await session.createConsumer(session.createQueue(queue));
    await connection.start();
    const received = (await consumer.receive(5000)) as TextMessage;
    expect(received.getObjectProperty('qty')).to.equal(3);
    expect(received.getLongProperty('big')).to.equal(2n ** 60n);
    expect(received.getStringProperty('body')).to.equal('a property named like the body field');
  });

  it('keeps a MapMessage a MapMessage through the stream', async () => {
    const queue = stream('map');
    const connection = await connect();
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const map = session.createMapMessage();
    map.setInt('n', 7);
    map.setString('s', 'x');
    await (await session.createProducer(session.createQueue(queue))).send(map);
    const consumer = await session.createConsumer(session.createQueue(queue));
    await connection.start();
    const received = (await consumer.receive(5000)) as MapMessage;
    expect(received.getInt('n')).to.equal(7);
    expect(received.getString('s')).to.equal('x');
  });

  it("reclaims a crashed consumer's message after reclaimIdle, with JMSXDeliveryCount 2", async () => {
    const queue = stream('crash');
    const connection = await connect(withOption('reclaimIdle', '200'));
    const session = await connection.createSession(AcknowledgeMode.CLIENT_ACKNOWLEDGE);
    await (await session.createProducer(session.createQueue(queue))).send(session.createTextMessage('survivor'));
    // A consumer of the group reads the entry and dies without acknowledging it.
    await raw.sendCommand(['XGROUP', 'CREATE', queue, 'jms', '0', 'MKSTREAM']);
    const taken = (await raw.sendCommand(['XREADGROUP', 'GROUP', 'jms', 'crashed', 'COUNT', '1', 'STREAMS', queue, '>'])) as unknown[];
    expect(taken).to.have.length(1);
    const consumer = await session.createConsumer(session.createQueue(queue));
    await connection.start();
    const message = (await consumer.receive(10000)) as TextMessage;
    expect(message.getText()).to.equal('survivor');
    expect(message.getIntProperty('JMSXDeliveryCount')).to.equal(2);
    expect(message.getJMSRedelivered()).to.equal(true);
    message.acknowledge();
    await waitFor(async () => (await raw.sendCommand(['XPENDING', queue, 'jms']) as [number])[0] === 0);
  });

  it('keeps a message with a live consumer that holds it longer than reclaimIdle', async () => {
    const queue = stream('slow');
    // prefetch=1: the holder, full, reads nothing more, so only the heartbeat keeps its entry.
    const holder = await connect(`${withOption('reclaimIdle', '1500')}&prefetch=1`);
    const other = await connect(withOption('reclaimIdle', '1500'));
    const holding = await holder.createSession(AcknowledgeMode.CLIENT_ACKNOWLEDGE);
    await (await holding.createProducer(holding.createQueue(queue))).send(holding.createTextMessage('mine'));
    const slow = await holding.createConsumer(holding.createQueue(queue));
    await holder.start();
    const message = await slow.receive(5000);
    expect(message).to.not.equal(null);
    const waiting = await other.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const competitor = await waiting.createConsumer(waiting.createQueue(queue));
    await other.start();
    // Over twice the idle time: the holder's heartbeat keeps the entry fresh, so no one claims it.
    expect(await competitor.receive(4000)).to.equal(null);
    message!.acknowledge();
  });

  it('trims entries every group has acknowledged, and keeps what a group still has pending', async () => {
    const queue = stream('trim');
    const connection = await connect();
    const session = await connection.createSession(AcknowledgeMode.CLIENT_ACKNOWLEDGE);
    const producer = await session.createProducer(session.createQueue(queue));
    for (const body of ['a', 'b', 'c']) await producer.send(session.createTextMessage(body));
    const ids = ((await raw.sendCommand(['XRANGE', queue, '-', '+'])) as [string, unknown][]).map(([id]) => id);
    await raw.sendCommand(['XGROUP', 'CREATE', queue, 'other-reader', '0']); // a plain group that read nothing
    const consumer = await session.createConsumer(session.createQueue(queue));
    await connection.start();
    const first = await consumer.receive(5000);
    first!.acknowledge(); // only 'a': b and c are not received yet
    const lowestPending = async () => ((await raw.sendCommand(['XPENDING', queue, 'jms'])) as [number, string | null])[1];
    await waitFor(async () => (await lowestPending()) !== ids[0]);
    await trimStream(raw as unknown as CommandClient, queue);
    expect(await raw.xLen(queue)).to.equal(3); // the plain group still needs them all
    await raw.sendCommand(['XGROUP', 'DESTROY', queue, 'other-reader']);
    await trimStream(raw as unknown as CommandClient, queue);
    expect(await raw.xLen(queue)).to.equal(2); // 'a' is acknowledged by the only group left
    // The adapter trims by itself after acknowledgements.
    await consumer.receive(5000);
    (await consumer.receive(5000))!.acknowledge();
    await waitFor(async () => (await raw.xLen(queue)) === 0);
  });

  it('commits sends in one MULTI/EXEC, and says so when Redis applied only part of it', async () => {
    const good = stream('tx-good');
    const blocked = stream('tx-blocked');
    await raw.set(blocked, 'a string, not a stream');
    const connection = await connect();
    const session = await connection.createSession(AcknowledgeMode.SESSION_TRANSACTED);
    const producer = await session.createProducer(null);
    await producer.send(session.createQueue(good), session.createTextMessage('one'));
    expect(await raw.exists(good)).to.equal(0); // nothing reaches Redis before commit
    await producer.send(session.createQueue(blocked), session.createTextMessage('two'));
    const error = await session.commit().then(() => null, (e: unknown) => e);
    // The client layer reports every failed commit as rolled back; the cause says what Redis applied.
    expect(error).to.be.instanceOf(JMSException);
    expect((error as Error).message).to.match(/applied the transaction except 1/);
    expect(((error as JMSException).cause as JMSException).code).to.equal('TRANSACTION_FAILED');
    expect(await raw.xLen(good)).to.equal(1);
  });

  it('caps a stream with maxLen', async () => {
    const queue = stream('maxlen');
    const connection = await connect(withOption('maxLen', '10'));
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const producer = await session.createProducer(session.createQueue(queue));
    for (let i = 0; i < 500; i++) await producer.send(session.createTextMessage(`m${i}`));
    expect(await raw.xLen(queue)).to.be.below(500);
  });

  it('refuses a wrong password with JMSSecurityException and never prints it', async () => {
    const user = uniqueName('jmsts-user');
    await raw.sendCommand(['ACL', 'SETUSER', user, 'on', '>right-password', '~*', '&*', '+@all']);
    try {
      const target = new URL(url);
      target.username = user;
      target.password = 'wrong-password';
      const error = await connect(target.toString()).then(() => null, (e: unknown) => e);
      expect(error).to.be.instanceOf(JMSSecurityException);
      expect((error as Error).message).to.not.contain('wrong-password');
      target.password = 'right-password';
      await connect(target.toString());
    } finally {
      await raw.sendCommand(['ACL', 'DELUSER', user]);
    }
  });

  it('fails fast with a JMSException when no server answers', async () => {
    const started = Date.now();
    const error = await connect('redis://127.0.0.1:1/0?connectTimeout=2000').then(() => null, (e: unknown) => e);
    expect(error).to.be.instanceOf(JMSException);
    expect((error as Error).message).to.match(/Cannot connect to Redis/);
    expect(Date.now() - started).to.be.below(5000);
  });

  it('refuses a path that is not a database number', async () => {
    const error = await connect(url.replace(/\/\d*$/, '/orders')).then(() => null, (e: unknown) => e);
    expect(error).to.be.instanceOf(JMSException);
    expect((error as Error).message).to.match(/database number/);
  });

  it('refuses a client id another connection holds, across connections', async () => {
    const clientId = uniqueName('cid');
    await connect(url, clientId);
    const error = await connect(url, clientId).then(() => null, (e: unknown) => e);
    expect(error).to.be.instanceOf(JMSException);
    expect((error as Error).name).to.equal('InvalidClientIDException');
  });
});

/** Re-checks a condition on the server until it holds (trimming runs after acknowledgements). */
async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
