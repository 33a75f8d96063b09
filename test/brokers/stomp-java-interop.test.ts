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
import { MessageFormatException } from '../../src/api/exceptions.js';
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
  /** For the reply to Java's own request: that request's JMSMessageID. */
  request: string | null;
  messageId: string;
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
  /** A MapMessage's entries: Java class and value (byte[] as hex). */
  map?: Record<string, [string, string]>;
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

/** Java's messages to jms-ts: text, bytes, three maps, one with byte[] entries, one jms-ts cannot decode, a request. */
const FROM_JAVA = 8;

describeWithBroker('activemqStomp', 'stomp adapter and ActiveMQ\'s Java JMS client', (url) => {
  const client = javaClient();
  if ('missing' in client) {
    reportMissing('stomp Java interop', 'has Java and ActiveMQ\'s Java client', client.missing);
    return;
  }

  const openwire = openwireUrl(url);
  const javaJson = withOption(url, 'transformation=jms-json');
  const toJava = uniqueName('to-java');
  const fromJava = uniqueName('from-java');
  const replyQueue = uniqueName('java-reply');
  const answers = uniqueName('java-answers');
  const connections: Connection[] = [];
  const sent = new Map<string, Message>();
  const seen = new Map<string, JavaView>();
  const received: Message[] = [];
  let javaReply: JavaView;
  let answer: Message | null = null;
  let redelivered: Message | null = null;
  let dir = '';

  before(async function () {
    this.timeout(90000);
    dir = mkdtempSync(join(tmpdir(), 'jmsts-java-'));
    const compiling = run('javac', ['-d', dir, '-cp', client.classpath.join(':'), SOURCE]);

    // The option also makes MapMessages Java MapMessages (see adapters/stomp/xstream-map.ts).
    const sender = await createConnectionFactory(javaJson).createConnection();
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
    const map = session.createMapMessage();
    map.setString('name', 'Ada ✓ é');
    map.setString('digits', '0042');
    map.setString('empty', '');
    map.setInt('int', -42);
    map.setLong('long', 9007199254740993n);
    map.setDouble('double', 0.1);
    map.setFloat('float', 1.5);
    map.setBoolean('flag', true);
    map.setShort('short', -7);
    map.setByte('byte', 127);
    map.setChar('char', 'é');
    const withBytes = session.createMapMessage();
    withBytes.setBytes('bytes', new Uint8Array([1, 2]));
    const withEmoji = session.createMapMessage();
    withEmoji.setString('emoji', '😀');
    const request = session.createTextMessage('ping from jms-ts');
    request.setJMSReplyTo(session.createQueue(answers));
    for (const [name, message] of [['text', text], ['nul', withNul], ['bytes', bytes], ['map', map], ['map-bytes', withBytes], ['map-emoji', withEmoji], ['request', request]] as const) {
      message.setStringProperty('case', name);
      sent.set(name, message);
    }
    await producer.send(text, { deliveryMode: DeliveryMode.PERSISTENT, priority: 8, timeToLive: 60000 });
    await producer.send(withNul);
    await producer.send(bytes, { deliveryMode: DeliveryMode.NON_PERSISTENT, priority: 2 });
    await producer.send(map);
    await producer.send(withBytes);
    await producer.send(withEmoji);
    await producer.send(request);
    // A transacted send, and one from a connection with a client id, whose broker id jms-ts must learn otherwise.
    const transacted = await sender.createSession(true, AcknowledgeMode.SESSION_TRANSACTED);
    const inTransaction = transacted.createTextMessage('in a transaction');
    inTransaction.setStringProperty('case', 'transacted');
    sent.set('transacted', inTransaction);
    await (await transacted.createProducer(transacted.createQueue(toJava))).send(inTransaction);
    await transacted.commit();
    const named = await createConnectionFactory(url).createConnection();
    connections.push(named);
    await named.setClientID(uniqueName('java-interop-client'));
    const namedSession = await named.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const fromNamed = namedSession.createTextMessage('from a connection with a client id');
    fromNamed.setStringProperty('case', 'client-id');
    sent.set('client-id', fromNamed);
    await (await namedSession.createProducer(namedSession.createQueue(toJava))).send(fromNamed);

    // jms-ts receives Java's messages while Java runs, answering Java's request as a replier does.
    const receiver = await createConnectionFactory(javaJson).createConnection();
    connections.push(receiver);
    const receiving = await receiver.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const consumer = await receiving.createConsumer(receiving.createQueue(fromJava));
    const replier = await receiving.createProducer(null);
    await receiver.start();
    const receivingAll = (async () => {
      for (let i = 0; i < FROM_JAVA; i++) {
        const message = await consumer.receive(20000);
        if (message === null) throw new Error(`only ${i} of Java's ${FROM_JAVA} messages arrived`);
        received.push(message);
        if (message.getStringProperty('kind') !== 'request') continue;
        const reply = receiving.createTextMessage('pong from jms-ts');
        reply.setJMSCorrelationID(message.getJMSMessageID());
        await replier.send(message.getJMSReplyTo()!, reply);
      }
    })();

    await compiling;
    const java = run('java', ['-cp', [dir, ...client.classpath].join(':'), 'JmsInterop', openwire, toJava, String(sent.size), fromJava, replyQueue]);
    const [output] = await Promise.all([java, receivingAll]);
    for (const line of output.trim().split('\n')) {
      const view = JSON.parse(line) as JavaView;
      if (view.request !== null) javaReply = view;
      else seen.set(view.properties.case![1], view);
    }
    const answerConsumer = await receiving.createConsumer(receiving.createQueue(answers));
    answer = await answerConsumer.receive(10000);
    // Nothing comes back: the message jms-ts could not decode was delivered, and acknowledged, once.
    redelivered = await consumer.receive(1000);
  });

  after(async () => {
    await Promise.all(connections.map((connection) => connection.close().catch(() => undefined)));
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  it('gives every message Java receives the JMSMessageID its jms-ts producer reports', () => {
    for (const [name, message] of sent) expect(seen.get(name)?.messageId, name).to.equal(message.getJMSMessageID()).and.match(/^ID:/);
  });

  it('answers a jms-ts requester from a Java replier correlated by the request\'s JMSMessageID', () => {
    expect(answer, 'the reply').not.to.equal(null);
    expect((answer as TextMessage).getText()).to.equal('pong from Java');
    expect(answer!.getJMSCorrelationID()).to.equal(sent.get('request')!.getJMSMessageID());
  });

  it('answers a Java requester from a jms-ts replier correlated by the JMSMessageID Java saw', () => {
    expect(javaReply).to.include({ class: 'TextMessage', text: 'pong from jms-ts' });
    expect(javaReply.correlationId).to.equal(javaReply.request);
  });

  it('delivers a MapMessage to Java as a MapMessage with its entries\' Java types (transformation=jms-json)', () => {
    expect(seen.get('map')!.class).to.equal('MapMessage');
    expect(seen.get('map')!.map).to.deep.equal({
      name: ['String', 'Ada ✓ é'], digits: ['String', '0042'], empty: ['String', ''], int: ['Integer', '-42'],
      long: ['Long', '9007199254740993'], double: ['Double', '0.1'], float: ['Float', '1.5'], flag: ['Boolean', 'true'],
      short: ['Short', '-7'], byte: ['Byte', '127'], char: ['Character', 'é'],
    });
  });

  it('delivers a MapMessage to Java as a BytesMessage of jms-ts\'s encoding when the broker would not keep it intact', () => {
    expect(seen.get('map-bytes')).to.include({ class: 'BytesMessage' }); // XStream on the broker refuses byte[]
    expect(seen.get('map-emoji')).to.include({ class: 'BytesMessage' }); // the broker's JSON path loses characters beyond the BMP
  });

  it('shows Java only the application\'s properties, the broker\'s transformation header and the types of typed ones', () => {
    const names = (name: string) => Object.keys(seen.get(name)!.properties).sort();
    expect(names('text')).to.deep.equal(['b', 'case', 'd', 'i', 'jmsts_t_b', 'jmsts_t_d', 'jmsts_t_i', 'jmsts_t_l', 'l', 's']);
    expect(names('nul')).to.deep.equal(['case']);
    expect(names('bytes')).to.deep.equal(['case']);
    expect(names('request')).to.deep.equal(['case']);
    expect(names('map')).to.deep.equal(['case', 'transformation']);
    expect(names('map-bytes')).to.deep.equal(['case', 'jmsts_body']);
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
    const single = fromJavaOf((m) => 'itemExists' in m && m.getStringProperty('kind') === null && (m as MapMessage).itemExists('only')) as MapMessage;
    expect(single.getLong('only')).to.equal(-(2n ** 63n));
    const empty = fromJavaOf((m) => 'getMapNames' in m && m.getStringProperty('kind') === null && (m as MapMessage).getMapNames().length === 0) as MapMessage;
    expect(empty.getMapNames()).to.deep.equal([]);
  });

  it('receives byte[] map entries from Java as bytes, with byte and char', () => {
    const map = fromJavaOf((m) => m.getStringProperty('kind') === 'more') as MapMessage;
    expect([...map.getBytes('bytes')!]).to.deep.equal([1, 2, 3, 0xff]);
    expect([...map.getBytes('none')!]).to.deep.equal([]);
    expect(map.getByte('byte')).to.equal(-8);
    expect(map.getChar('char')).to.equal('x');
    expect(map.getString('text')).to.equal('café ✓');
    // ActiveMQ's jms-map-json writer loses characters beyond the BMP (and NUL): each comes as two U+FFFD.
    expect(map.getString('emoji')).to.equal('\ufffd\ufffd');
  });

  it('delivers once a message it cannot decode: headers and properties readable, body reads throwing MessageFormatException', () => {
    const poison = fromJavaOf((m) => m.getStringProperty('kind') === 'poison') as MapMessage;
    expect(poison.getJMSMessageID()).to.match(/^ID:/);
    expect(poison.getStringProperty('x')).to.equal('abc');
    expect(() => poison.getMapNames()).to.throw(MessageFormatException);
    expect(redelivered, 'a message after all of Java\'s').to.equal(null);
  });

  it('gives the application only the properties Java set', () => {
    const text = fromJavaOf((m) => m.getJMSType() === 'java-type');
    expect(text.getPropertyNames().filter((name) => !name.startsWith('JMSX')).sort()).to.deep.equal(['b', 'd', 'i', 'l', 's']);
    const map = fromJavaOf((m) => m.getStringProperty('kind') === 'map');
    expect(map.getPropertyNames().filter((name) => !name.startsWith('JMSX'))).to.deep.equal(['kind']);
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

describeWithBroker('activemqStomp', 'stomp adapter maps sent as Java MapMessages', (url) => {
  it('reach a consumer without transformation=jms-json as a MapMessage whose body reads say what to do', async () => {
    const sender = await createConnectionFactory(withOption(url, 'transformation=jms-json')).createConnection();
    const receiver = await createConnectionFactory(url).createConnection();
    try {
      const session = await sender.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
      const queue = session.createQueue(uniqueName('java-map-plain'));
      const map = session.createMapMessage();
      map.setInt('n', 1);
      map.setStringProperty('p', 'v');
      await (await session.createProducer(queue)).send(map);
      const receiving = await receiver.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
      const consumer = await receiving.createConsumer(queue);
      await receiver.start();
      const received = (await consumer.receive(5000)) as MapMessage;
      expect(received.getJMSMessageID()).to.equal(map.getJMSMessageID());
      expect(received.getStringProperty('p')).to.equal('v');
      expect(() => received.getInt('n')).to.throw(MessageFormatException, /transformation=jms-json/);
    } finally {
      await Promise.all([sender.close(), receiver.close()]);
    }
  });
});
