import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { AcknowledgeMode, createConnectionFactory, FeatureNotSupportedException, resolveProvider, type Connection, type Message, type TextMessage } from '../../src/index.js';
import { brokersRequired, describeWithBroker, uniqueName } from '../support/brokers.js';
import { connections } from './kafka-support.js';

const WORKER = fileURLToPath(new URL('./kafka-share-worker.ts', import.meta.url));

const text = (message: Message | null): string => (message as TextMessage).getText()!;
const count = (message: Message): number => message.getIntProperty('JMSXDeliveryCount');

/** Queues read through share groups (KIP-932): competing consumers, broker delivery counts. */
describeWithBroker('kafka', 'kafka queues on share groups', (url) => {
  const shareUrl = `${url}?queueMode=share`;
  const connect = connections(shareUrl);

  before(async function () {
    try {
      await (await createConnectionFactory(shareUrl).createConnection()).close();
    } catch (error) {
      if (!(error instanceof FeatureNotSupportedException) || brokersRequired()) throw error;
      console.log(`skip: kafka queues on share groups: ${error.message}`);
      this.skip();
    }
  });

  async function fill(connection: Connection, queue: string, texts: string[]): Promise<void> {
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const producer = await session.createProducer(session.createQueue(queue));
    await Promise.all(texts.map((t) => producer.send(session.createTextMessage(t))));
    await session.close();
  }

  it('reports share-mode capabilities: broker delivery counts, transactions at-least-once', () => {
    const share = resolveProvider(shareUrl).capabilities;
    expect(share.deliveryCount).to.equal('native');
    expect(share.transactions).to.equal('emulated');
    expect(resolveProvider(`${url}?queueMode=group`).capabilities.transactions).to.equal('native');
  });

  it('three consumers draining with receive(timeout) leave no message invisible, run after run', async function () {
    this.timeout(180000);
    for (let run = 0; run < 5; run++) {
      const queue = uniqueName('share-drain');
      const sent = Array.from({ length: 300 }, (_, i) => `r${run}-m${i}`);
      await fill(await connect(), queue, sent);
      const drained = await Promise.all(
        [0, 1, 2].map(async () => {
          const connection = await connect();
          const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
          const consumer = await session.createConsumer(session.createQueue(queue));
          await connection.start();
          const got: string[] = [];
          for (let message = await consumer.receive(1500); message !== null; message = await consumer.receive(1500)) got.push(text(message));
          await connection.close();
          return got;
        }),
      );
      console.log(`      run ${run + 1}: ${drained.map((got) => got.length).join(' / ')} messages per consumer`);
      expect([...drained.flat()].sort()).to.deep.equal([...sent].sort());
    }
  });

  it('a consumer killed with SIGKILL: its acquired messages come back to another consumer with delivery count 2', async function () {
    this.timeout(90000);
    const queue = uniqueName('share-crash');
    await fill(await connect(), queue, ['a', 'b', 'c', 'd', 'e', 'f']);
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, `${shareUrl}&prefetch=3`, queue, '3'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    const held = await new Promise<string[]>((resolve, reject) => {
      createInterface({ input: child.stdout }).on('line', (line) => line.startsWith('held ') && resolve(line.slice(5).split(',')));
      void exited.then(() => reject(new Error(`The worker exited before it held its messages: ${stderr}`)));
    });
    child.kill('SIGKILL');
    await exited;

    const connection = await connect();
    const session = await connection.createSession(AcknowledgeMode.CLIENT_ACKNOWLEDGE);
    const consumer = await session.createConsumer(session.createQueue(queue));
    await connection.start();
    const counts = new Map<string, number>();
    const redelivered = new Map<string, boolean>();
    while (counts.size < 6) {
      // The killed consumer's messages return when their record locks expire (broker setting).
      const message = await consumer.receive(30000);
      expect(message, `only ${[...counts.keys()].join(',')} arrived`).to.not.equal(null);
      counts.set(text(message), count(message!));
      redelivered.set(text(message), message!.getJMSRedelivered());
      await message!.acknowledge();
    }
    expect(held).to.have.length(3);
    for (const name of ['a', 'b', 'c', 'd', 'e', 'f']) {
      const expected = held.includes(name) ? 2 : 1;
      expect(counts.get(name), `delivery count of ${name}`).to.equal(expected);
      expect(redelivered.get(name), `JMSRedelivered of ${name}`).to.equal(expected === 2);
    }
  });

  it('a consumer closed without acknowledging releases its messages at once, counted by the broker', async () => {
    const queue = uniqueName('share-release');
    await fill(await connect(), queue, ['x']);
    const first = await connect();
    const session = await first.createSession(AcknowledgeMode.CLIENT_ACKNOWLEDGE);
    const consumer = await session.createConsumer(session.createQueue(queue));
    await first.start();
    const message = await consumer.receive(10000);
    expect(count(message!)).to.equal(1);
    await consumer.close();
    const again = await session.createConsumer(session.createQueue(queue));
    const second = await again.receive(10000);
    expect(text(second)).to.equal('x');
    expect(count(second!)).to.equal(2);
    expect(second!.getJMSRedelivered()).to.equal(true);
    await second!.acknowledge();
  });

  it('a browser shows the messages not yet acknowledged, without acquiring them', async () => {
    const queue = uniqueName('share-browse');
    const connection = await connect();
    await fill(connection, queue, ['1', '2', '3']);
    const session = await connection.createSession(AcknowledgeMode.CLIENT_ACKNOWLEDGE);
    const consumer = await session.createConsumer(session.createQueue(queue), null);
    await connection.start();
    const first = await consumer.receive(10000);
    expect(text(first)).to.equal('1');
    await first!.acknowledge();
    await consumer.close();
    const browsed: string[] = [];
    for await (const message of (await session.createBrowser(session.createQueue(queue))).getEnumeration()) browsed.push(text(message));
    expect(browsed).to.deep.equal(['2', '3']);
    const after = await session.createConsumer(session.createQueue(queue));
    const rest = [text(await after.receive(10000)), text(await after.receive(10000))];
    expect(rest.sort()).to.deep.equal(['2', '3']);
  });

  it('a transacted session acknowledges what it consumed when it commits, and rollback hands it back', async () => {
    const queue = uniqueName('share-tx');
    const out = uniqueName('share-tx-out');
    const connection = await connect();
    await fill(connection, queue, ['t1']);
    const session = await connection.createSession(AcknowledgeMode.SESSION_TRANSACTED);
    const consumer = await session.createConsumer(session.createQueue(queue));
    const producer = await session.createProducer(session.createQueue(out));
    await connection.start();
    const message = await consumer.receive(10000);
    await producer.send(session.createTextMessage(`copy of ${text(message)}`));
    await session.rollback();
    const again = await consumer.receive(10000);
    expect(text(again)).to.equal('t1');
    expect(count(again!)).to.equal(2);
    await producer.send(session.createTextMessage(`copy of ${text(again)}`));
    await session.commit();
    await consumer.close();
    const check = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    expect(await (await check.createConsumer(check.createQueue(queue))).receive(1500)).to.equal(null);
    const copies = await check.createConsumer(check.createQueue(out));
    expect(text(await copies.receive(10000))).to.equal('copy of t1');
    expect(await copies.receive(1500)).to.equal(null);
  });
});
