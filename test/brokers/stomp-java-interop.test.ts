import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AcknowledgeMode,
  DeliveryMode,
  createConnectionFactory,
  type BytesMessage,
  type Connection,
  type MapMessage,
  type Message,
  type Queue,
  type TextMessage,
} from '../../src/index.js';
import { describeWithBroker, reportMissing, uniqueName } from '../support/brokers.js';
import { javaClient, openwireUrl } from '../support/java-client.js';

/**
 * jms-ts over STOMP against ActiveMQ's own Java JMS client over OpenWire (Debian's
 * libactivemq-java): one JVM reads what jms-ts sent, then sends text, bytes and maps back.
 */
const SOURCE = fileURLToPath(new URL('./java/JmsInterop.java', import.meta.url));

/** What the Java program printed for one message it received. */
interface JavaView {
  class: string;
  correlationId: string | null;
  type: string | null;
  replyTo: string | null;
  priority: number;
  persistent: boolean;
  expiration: number;
  timestamp: number;
  properties: Record<string, [string, string]>;
  text?: string;
  hex?: string;
}

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${command} exited with ${code}: ${err.trim()}`))));
  });
}

const withOption = (url: string, option: string) => `${url}${url.includes('?') ? '&' : '?'}${option}`;

describeWithBroker('activemqStomp', 'stomp adapter and ActiveMQ\'s Java JMS client', (url) => {
  const client = javaClient();
  if ('missing' in client) {
    reportMissing('stomp Java interop', 'has Java and ActiveMQ\'s Java client', client.missing);
    return;
  }

  const openwire = openwireUrl(url);
  const toJava = uniqueName('to-java');
  const fromJava = uniqueName('from-java');
  const replyQueue = uniqueName('java-reply');
  const connections: Connection[] = [];
  const sent = new Map<string, Message>();
  const seen = new Map<string, JavaView>();
  const received: Message[] = [];
  let dir = '';

  before(async function () {
    this.timeout(60000);
    dir = mkdtempSync(join(tmpdir(), 'jmsts-java-'));
    const compiling = run('javac', ['-d', dir, '-cp', client.classpath.join(':'), SOURCE]);

    const sender = await createConnectionFactory(url).createConnection();
    connections.push(sender);
    const session = await sender.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const producer = await session.createProducer(session.createQueue(toJava));
    const text = session.createTextMessage('hello Java: café ✓ 😀');
    text.setJMSCorrelationID('ts-corr');
    text.setJMSType('ts-type');
    text.setJMSReplyTo(session.createQueue(replyQueue));
    text.setStringProperty('s', 'v');
    text.setIntProperty('i', 42);
    text.setLongProperty('l', 9007199254740993n);
    text.setDoubleProperty('d', 2.5);
    text.setBooleanProperty('b', true);
    const withNul = session.createTextMessage('a\u0000b');
    const bytes = session.createBytesMessage();
    bytes.writeBytes(new Uint8Array([0, 1, 2, 0xff]));
    for (const [name, message] of [['text', text], ['nul', withNul], ['bytes', bytes]] as const) {
      message.setStringProperty('case', name);
      sent.set(name, message);
    }
    await producer.send(text, { deliveryMode: DeliveryMode.PERSISTENT, priority: 8, timeToLive: 60000 });
    await producer.send(withNul);
    await producer.send(bytes, { deliveryMode: DeliveryMode.NON_PERSISTENT, priority: 2 });

    await compiling;
    const output = await run('java', ['-cp', [dir, ...client.classpath].join(':'), 'JmsInterop', openwire, toJava, String(sent.size), fromJava, replyQueue]);
    for (const line of output.trim().split('\n')) {
      const view = JSON.parse(line) as JavaView;
      seen.set(view.properties.case![1], view);
    }

    // The transformation option asks ActiveMQ for Java MapMessages as JSON (see adapters/stomp/xstream-map.ts).
    const receiver = await createConnectionFactory(withOption(url, 'transformation=jms-json')).createConnection();
    connections.push(receiver);
    const receiving = await receiver.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const consumer = await receiving.createConsumer(receiving.createQueue(fromJava));
    await receiver.start();
    for (let i = 0; i < 5; i++) {
      const message = await consumer.receive(10000);
      if (message === null) throw new Error(`only ${i} of Java's 5 messages arrived`);
      received.push(message);
    }
  });

  after(async () => {
    await Promise.all(connections.map((connection) => connection.close().catch(() => undefined)));
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  it('delivers a TextMessage to Java as a TextMessage with its JMS headers, an emoji readable there', () => {
    const view = seen.get('text')!;
    const text = sent.get('text')!;
    expect(view).to.include({ class: 'TextMessage', text: 'hello Java: café ✓ 😀', correlationId: 'ts-corr', type: 'ts-type' });
    expect(view).to.include({ replyTo: `queue://${replyQueue}`, priority: 8, persistent: true });
    expect(view.expiration).to.equal(text.getJMSExpiration()).and.to.be.greaterThan(0);
    expect(view.timestamp).to.equal(text.getJMSTimestamp());
  });

  it('gives Java the user properties, as String properties (STOMP headers carry no types)', () => {
    const { properties } = seen.get('text')!;
    expect(properties).to.deep.include({ s: ['String', 'v'], i: ['String', '42'], l: ['String', '9007199254740993'], d: ['String', '2.5'], b: ['String', 'true'] });
  });

  it('delivers a text containing NUL to Java as a TextMessage', () => {
    expect(seen.get('nul')).to.include({ class: 'TextMessage', text: 'a\u0000b', priority: 4, persistent: true, expiration: 0 });
  });

  it('delivers a BytesMessage to Java as a BytesMessage, NON_PERSISTENT at its priority', () => {
    expect(seen.get('bytes')).to.include({ class: 'BytesMessage', hex: '000102ff', priority: 2, persistent: false });
  });

  const fromJavaOf = (predicate: (message: Message) => boolean): Message => {
    const message = received.find(predicate);
    if (message === undefined) throw new Error('no such message from Java');
    return message;
  };

  it('receives Java\'s TextMessage with its headers, properties and a character beyond the BMP', () => {
    const text = fromJavaOf((m) => m.getJMSType() === 'java-type') as TextMessage;
    expect(text.getText()).to.equal('from Java: café ✓ 😀');
    expect(text.getJMSCorrelationID()).to.equal('java-corr');
    expect((text.getJMSReplyTo() as Queue).getQueueName()).to.equal(replyQueue);
    expect(text.getJMSPriority()).to.equal(7);
    expect(text.getJMSDeliveryMode()).to.equal(DeliveryMode.PERSISTENT);
    expect(text.getJMSExpiration()).to.equal(text.getJMSTimestamp() + 60000);
    expect(text.getStringProperty('s')).to.equal('v');
    expect(text.getIntProperty('i')).to.equal(42);
    expect(text.getLongProperty('l')).to.equal(9007199254740993n);
    expect(text.getDoubleProperty('d')).to.equal(2.5);
    expect(text.getBooleanProperty('b')).to.equal(true);
  });

  it('receives Java\'s BytesMessage as a BytesMessage', () => {
    const bytes = fromJavaOf((m) => m.getStringProperty('kind') === 'bytes') as BytesMessage;
    const body = new Uint8Array(bytes.getBodyLength());
    bytes.readBytes(body);
    expect([...body]).to.deep.equal([0, 1, 2, 0xff]);
    expect(bytes.getJMSPriority()).to.equal(3);
    expect(bytes.getJMSDeliveryMode()).to.equal(DeliveryMode.NON_PERSISTENT);
  });

  it('receives Java\'s MapMessages as MapMessages with their Java types and exact longs', () => {
    const map = fromJavaOf((m) => m.getStringProperty('kind') === 'map') as MapMessage;
    expect(map.getMapNames().sort()).to.deep.equal(['double', 'flag', 'float', 'int', 'long', 'name', 'short']);
    expect(map.getString('name')).to.equal('Ada');
    expect(map.getInt('int')).to.equal(42);
    expect(map.getLong('long')).to.equal(9007199254740993n);
    expect(() => map.getInt('long')).to.throw(); // a long, not an int: JMS forbids the narrowing
    expect(map.getDouble('double')).to.equal(0.1);
    expect(map.getBoolean('flag')).to.equal(false);
    expect(map.getShort('short')).to.equal(-7);
    expect(map.getFloat('float')).to.equal(1.5);
    const single = fromJavaOf((m) => 'itemExists' in m && (m as MapMessage).itemExists('only')) as MapMessage;
    expect(single.getLong('only')).to.equal(-(2n ** 63n));
    const empty = fromJavaOf((m) => 'getMapNames' in m && (m as MapMessage).getMapNames().length === 0) as MapMessage;
    expect(empty.getMapNames()).to.deep.equal([]);
  });
});

describeWithBroker('activemqStomp', 'stomp adapter text in Java\'s form', (url) => {
  it('reads back its own text with characters beyond the BMP, sent in modified UTF-8 for Java clients', async () => {
    const connection = await createConnectionFactory(url).createConnection();
    try {
      const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
      const queue = session.createQueue(uniqueName('java-text'));
      const texts = ['plain 😀 and é', 'with NUL \u0000 and 🎉'];
      const producer = await session.createProducer(queue);
      for (const text of texts) await producer.send(session.createTextMessage(text));
      const consumer = await session.createConsumer(queue);
      await connection.start();
      for (const text of texts) expect(((await consumer.receive(5000)) as TextMessage).getText()).to.equal(text);
    } finally {
      await connection.close();
    }
  });
});
