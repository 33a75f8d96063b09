import { expect } from 'chai';
import stompit from 'stompit';
import {
  AcknowledgeMode,
  DeliveryMode,
  FeatureNotSupportedException,
  createConnectionFactory,
  type Connection,
  type Message,
  type Session,
  type TextMessage,
} from '../../src/index.js';
import { describeWithBroker, uniqueName } from '../support/brokers.js';

/**
 * ActiveMQ evaluates the translated selectors (adapters/stomp/selector-translation.ts): these tests
 * check it agrees with the embedded broker, the reference, on typed properties, strings that look
 * like numbers, NULL, arithmetic and headers.
 */
type Shape = [label: string, set: (m: Message) => void];

const CORPUS: Shape[] = [
  ['int 3', (m) => m.setIntProperty('v', 3)],
  ['int -7', (m) => m.setIntProperty('v', -7)],
  ['byte 3', (m) => m.setByteProperty('v', 3)],
  ['short 300', (m) => m.setShortProperty('v', 300)],
  ['long 2^60', (m) => m.setLongProperty('v', 2n ** 60n)],
  ['long 3-2^63', (m) => m.setLongProperty('v', 3n - 2n ** 63n)],
  ['float 0.1', (m) => m.setFloatProperty('v', 0.1)],
  ['float 2.5', (m) => m.setFloatProperty('v', 2.5)],
  ['double 0.1', (m) => m.setDoubleProperty('v', 0.1)],
  ['double 9.5', (m) => m.setDoubleProperty('v', 9.5)],
  ['double NaN', (m) => m.setDoubleProperty('v', NaN)],
  ['double -0', (m) => m.setDoubleProperty('v', -0)],
  ['double Infinity', (m) => m.setDoubleProperty('v', Infinity)],
  ['boolean true', (m) => m.setBooleanProperty('v', true)],
  ['boolean false', (m) => m.setBooleanProperty('v', false)],
  ["string '3'", (m) => m.setStringProperty('v', '3')],
  ["string 'true'", (m) => m.setStringProperty('v', 'true')],
  ["string 'EU_west'", (m) => m.setStringProperty('v', 'EU_west')],
  ['missing, typed order', (m) => { m.setJMSType('order'); m.setIntProperty('w', 1); }],
  ['missing, correlated', (m) => m.setJMSCorrelationID('abc')],
];

const SELECTORS = [
  'v = 3', 'v > 2', 'v <> 3', 'v >= 3 AND v <= 300', 'v * 2 + 1 = 7', 'v / 2 = 1', '-v < -2', 'v - 1 > 0.5',
  'v < 0.1', 'v = 0.1', 'v = 0', 'v > 1152921504606846975', 'v < -9223372036854775800',
  'v BETWEEN -10 AND 10', 'v NOT BETWEEN -10 AND 10', "v IN ('3', 'true')", "v NOT IN ('3')",
  "v LIKE 'EU!_%' ESCAPE '!'", "v NOT LIKE 'E%'", 'v IS NULL', 'v IS NOT NULL', 'NOT (v = 3)', 'NOT (v > 2 AND v < 100)',
  'v = TRUE', 'NOT (v = FALSE)', "v = 'true'", "v = '3'", 'v > 2 OR w = 1', 'v = 3 OR NOT (v = 3)',
  "JMSType = 'order'", 'JMSType IS NULL', "JMSCorrelationID = 'abc'", 'JMSPriority > 4', 'JMSPriority * 2 = 8',
  "JMSDeliveryMode = 'PERSISTENT'", 'JMSTimestamp > 0', "JMSMessageID LIKE 'ID:%'", 'v + 1 > 1.5 OR v IS NULL',
];

async function fill(session: Session, name: string): Promise<void> {
  const producer = await session.createProducer(session.createQueue(name));
  for (const [i, [label, set]] of CORPUS.entries()) {
    const message = session.createTextMessage(label);
    set(message);
    await producer.send(message, { priority: i % 10, deliveryMode: i % 3 === 0 ? DeliveryMode.NON_PERSISTENT : DeliveryMode.PERSISTENT });
  }
}

async function browse(session: Session, name: string, selector: string): Promise<string[]> {
  const browser = await session.createBrowser(session.createQueue(name), selector);
  const texts: string[] = [];
  for await (const message of browser.getEnumeration()) texts.push((message as TextMessage).getText()!);
  await browser.close();
  return texts.sort();
}

/** A frame from a STOMP client that is not jms-ts: its headers are plain strings, with no type headers. */
function sendPlainStomp(url: string, destination: string, headers: Record<string, string>): Promise<void> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    stompit.connect({ host: hostname, port: Number(port), connectHeaders: { host: '/', 'accept-version': '1.2' } }, (error, client) => {
      if (error) return reject(error);
      const frame = client.send({ destination, ...headers }, { onReceipt: () => client.disconnect(() => resolve()), onError: reject });
      frame.end('plain');
    });
  });
}

describeWithBroker('activemqStomp', 'stomp selectors on ActiveMQ', (url) => {
  const open: Connection[] = [];
  const connect = async (target: string) => {
    const connection = await createConnectionFactory(target).createConnection();
    open.push(connection);
    return connection;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((connection) => connection.close()));
  });

  it('selects what the embedded broker selects, for every property type and header', async function () {
    this.timeout(120000);
    const name = uniqueName('sel-corpus');
    const activemq = await (await connect(url)).createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const memory = await (await connect('memory://')).createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    await fill(activemq, name);
    await fill(memory, name);
    expect(await browse(activemq, name, 'TRUE')).to.have.length(CORPUS.length);
    for (const selector of SELECTORS) {
      expect(await browse(activemq, name, selector), selector).to.deep.equal(await browse(memory, name, selector));
    }
  });

  it("does not give a String property '3' to `qty = 3` on a queue, and gives a typed int", async () => {
    const connection = await connect(url);
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const queue = session.createQueue(uniqueName('sel-string'));
    const producer = await session.createProducer(queue);
    const text = session.createTextMessage('string');
    text.setStringProperty('qty', '3');
    const typed = session.createTextMessage('int');
    typed.setIntProperty('qty', 3);
    await producer.send(text);
    await producer.send(typed);
    await connection.start();
    const selecting = await session.createConsumer(queue, 'qty = 3');
    expect(((await selecting.receive(5000)) as TextMessage).getText()).to.equal('int');
    expect(await selecting.receiveNoWait()).to.equal(null);
    await selecting.close();
    const rest = await session.createConsumer(queue);
    expect(((await rest.receive(5000)) as TextMessage).getText()).to.equal('string');
  });

  it('treats the headers of a plain STOMP producer as String properties', async () => {
    const connection = await connect(url);
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const name = uniqueName('sel-plain');
    await sendPlainStomp(url, `/queue/${name}`, { qty: '3', flag: 'true' });
    expect(await browse(session, name, 'qty = 3')).to.deep.equal([]);
    expect(await browse(session, name, 'flag = TRUE')).to.deep.equal([]);
    expect(await browse(session, name, "qty = '3' AND flag = 'true' AND qty LIKE '3'")).to.deep.equal(['plain']);
  });

  it('refuses a comparison between two properties with FeatureNotSupportedException naming it', async () => {
    const connection = await connect(url);
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const queue = session.createQueue(uniqueName('sel-refused'));
    let caught: unknown;
    await session.createConsumer(queue, 'a = b').catch((error: unknown) => (caught = error));
    expect(caught).to.be.instanceOf(FeatureNotSupportedException);
    expect((caught as Error).message).to.contain('comparison between identifiers (a, b)');
  });
});
