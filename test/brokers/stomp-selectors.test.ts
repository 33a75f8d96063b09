import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
import { brokersRequired, describeWithBroker, uniqueName } from '../support/brokers.js';
import { javaClient, openwireUrl } from '../support/java-client.js';

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
  ["string 'a!b%'", (m) => m.setStringProperty('v', 'a!b%')],
  ['string with a newline', (m) => m.setStringProperty('v', 'line\nbreak')],
  ['string with an emoji', (m) => m.setStringProperty('v', 'x😀')],
  ['missing, typed order', (m) => { m.setJMSType('order'); m.setIntProperty('w', 1); }],
  ['missing, correlated', (m) => m.setJMSCorrelationID('abc')],
];

const SELECTORS = [
  'v = 3', 'v > 2', 'v <> 3', 'v >= 3 AND v <= 300', 'v * 2 + 1 = 7', 'v / 2 = 1', '-v < -2', 'v - 1 > 0.5',
  'v < 0.1', 'v = 0.1', 'v = 0', 'v > 1152921504606846975', 'v < -9223372036854775800',
  'v BETWEEN -10 AND 10', 'v NOT BETWEEN -10 AND 10', "v IN ('3', 'true')", "v NOT IN ('3')",
  "v LIKE 'EU!_%' ESCAPE '!'", "v NOT LIKE 'E%'", "v LIKE 'a!b%'", "v LIKE 'a!b#%' ESCAPE '#'", "v LIKE 'line_break'", "v LIKE 'x_'", 'v IS NULL', 'v IS NOT NULL', 'NOT (v = 3)', 'NOT (v > 2 AND v < 100)',
  'v = TRUE', 'NOT (v = FALSE)', "v = 'true'", "v = '3'", 'v > 2 OR w = 1', 'v = 3 OR NOT (v = 3)',
  "JMSType = 'order'", 'JMSType IS NULL', "JMSCorrelationID = 'abc'", 'JMSPriority > 4', 'JMSPriority * 2 = 8',
  "JMSDeliveryMode = 'PERSISTENT'", 'JMSTimestamp > 0', "JMSMessageID LIKE 'ID:%'", 'v + 1 > 1.5 OR v IS NULL',
];

/** Random selectors over `v`: arithmetic, BETWEEN, IN, LIKE, IS NULL, boolean and string literals, NOT/AND/OR. */
function randomSelectors(seed: number, count: number): string[] {
  let state = seed >>> 0 || 1;
  const pick = <T>(items: readonly T[]): T => {
    state ^= state << 13; // xorshift32
    state ^= state >>> 17;
    state ^= state << 5;
    return items[(state >>> 0) % items.length]!;
  };
  const literal = () => pick(['0', '1', '3', '-3', '2.5', '0.1', '1e300', '2147483647', '9223372036854775807', '4611686018427387904', '0.0']);
  const arithmetic = (depth: number): string => {
    if (depth === 0 || pick([true, false, false])) return 'v';
    const operator = pick(['+', '-', '*', '/']);
    return pick([true, false]) ? `(${arithmetic(depth - 1)} ${operator} ${literal()})` : `(${literal()} ${operator} ${arithmetic(depth - 1)})`;
  };
  const not = () => pick(['', 'NOT ']);
  const atom = (): string =>
    pick([
      () => `v IS ${not()}NULL`,
      () => `v ${not()}IN ('3', 'abc', 'true')`,
      () => `v ${not()}LIKE '${pick(['%', '3', 'E_%', '1.%', ''])}'`,
      () => `v = ${pick(['TRUE', 'FALSE', "'3'", "'true'"])}`,
      () => `${arithmetic(2)} ${not()}BETWEEN ${literal()} AND ${literal()}`,
      () => `${arithmetic(2)} ${pick(['=', '<>', '<', '<=', '>', '>='])} ${literal()}`,
      () => `${arithmetic(2)} ${pick(['=', '<>', '<', '<=', '>', '>='])} ${literal()}`,
    ])();
  const condition = (depth: number): string => {
    if (depth === 0 || pick([true, false])) return atom();
    return pick([() => `NOT (${condition(depth - 1)})`, () => `(${condition(depth - 1)}) ${pick(['AND', 'OR'])} (${condition(depth - 1)})`])();
  };
  return Array.from({ length: count }, () => condition(2));
}

/** Override with FUZZ_SEED=<n> to replay a failure. */
const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : 0x5e1ec7;

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

/** What test/brokers/java/SelectorProducer.java sends, as jms-ts would send it to the embedded broker. */
const JAVA_CORPUS: Shape[] = [
  ['Byte 3', (m) => m.setByteProperty('v', 3)],
  ['Short 300', (m) => m.setShortProperty('v', 300)],
  ['Integer 3', (m) => m.setIntProperty('v', 3)],
  ['Integer -7', (m) => m.setIntProperty('v', -7)],
  ['Long 1152921504606846976', (m) => m.setLongProperty('v', 2n ** 60n)],
  ['Float 0.1', (m) => m.setFloatProperty('v', 0.1)],
  ['Double 9.5', (m) => m.setDoubleProperty('v', 9.5)],
  ['Double NaN', (m) => m.setDoubleProperty('v', NaN)],
  ['Boolean true', (m) => m.setBooleanProperty('v', true)],
  ['Boolean false', (m) => m.setBooleanProperty('v', false)],
  ['String 3', (m) => m.setStringProperty('v', '3')],
  ['missing', () => undefined],
];

/** Runs SelectorProducer against ActiveMQ over OpenWire; returns why it cannot run here, or null once it ran. */
function sendFromJava(openwire: string, queue: string): string | null {
  const client = javaClient();
  if ('missing' in client) return client.missing;
  const { classpath } = client;
  const dir = mkdtempSync(join(tmpdir(), 'jmsts-selector-java-'));
  try {
    const source = fileURLToPath(new URL('./java/SelectorProducer.java', import.meta.url));
    for (const [command, args] of [['javac', ['-d', dir, '-cp', classpath.join(':'), source]], ['java', ['-cp', [...classpath, dir].join(':'), 'SelectorProducer', openwire, queue]]] as const) {
      const result = spawnSync(command, args, { encoding: 'utf8', timeout: 60000 });
      if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr || result.error?.message}`);
    }
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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
  /** The corpus on a fresh queue of both ActiveMQ and the embedded broker. */
  const filled = async (prefix: string) => {
    const name = uniqueName(prefix);
    const activemq = await (await connect(url)).createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const memory = await (await connect('memory://')).createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    await fill(activemq, name);
    await fill(memory, name);
    return { name, activemq, memory };
  };

  it('selects what the embedded broker selects, for every property type and header', async function () {
    this.timeout(120000);
    const { name, activemq, memory } = await filled('sel-corpus');
    expect(await browse(activemq, name, 'TRUE')).to.have.length(CORPUS.length);
    for (const selector of SELECTORS) {
      expect(await browse(activemq, name, selector), selector).to.deep.equal(await browse(memory, name, selector));
    }
  });

  it(`selects what the embedded broker selects for 150 random selectors (seed ${SEED})`, async function () {
    this.timeout(180000);
    const { name, activemq, memory } = await filled('sel-random');
    let translated = 0;
    for (const selector of randomSelectors(SEED, 150)) {
      let selected: string[];
      try {
        selected = await browse(activemq, name, selector);
      } catch (error) {
        if (error instanceof FeatureNotSupportedException) continue; // e.g. v as a divisor: refused, never wrong
        throw error;
      }
      translated++;
      expect(selected, `seed ${SEED} (FUZZ_SEED=${SEED}), ${selector}`).to.deep.equal(await browse(memory, name, selector));
    }
    expect(translated).to.be.greaterThan(100);
  });

  it("selects a Java producer's messages by their real Java types, as the embedded broker does", async function () {
    this.timeout(120000);
    const name = uniqueName('sel-java');
    const openwire = openwireUrl(url);
    const missing = sendFromJava(openwire, name);
    if (missing !== null) {
      if (brokersRequired()) throw new Error(missing);
      console.log(`skip: Java producer selectors: ${missing}`);
      return this.skip();
    }
    const activemq = await (await connect(url)).createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const memory = await (await connect('memory://')).createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const producer = await memory.createProducer(memory.createQueue(name));
    for (const [label, set] of JAVA_CORPUS) {
      const message = memory.createTextMessage(label);
      set(message);
      await producer.send(message);
    }
    expect(await browse(activemq, name, 'TRUE')).to.deep.equal(await browse(memory, name, 'TRUE'));
    for (const selector of SELECTORS.filter((text) => !/JMS|w = /.test(text))) {
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
