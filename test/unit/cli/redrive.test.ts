import { expect } from 'chai';
import { AcknowledgeMode, createConnectionFactory, type Connection, type TextMessage } from '../../../src/index.js';
import { redriveCommand } from '../../../src/cli/redrive-command.js';

const url = 'memory://cli-redrive';

describe('jms redrive', () => {
  let connection: Connection;
  beforeEach(async () => {
    connection = await createConnectionFactory(url).createConnection();
  });
  afterEach(() => connection.close());

  it('moves every message of the source queue to the target, properties and priority kept', async () => {
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const producer = await session.createProducer(session.createQueue('DLQ.redrive-orders'));
    for (const body of ['one', 'two']) {
      const message = session.createTextMessage(body);
      message.setStringProperty('dlqDeliveryFailureCause', 'boom');
      await producer.send(message, { priority: 8 });
    }
    const errors: string[] = [];
    const original = console.error;
    console.error = (text: string) => void errors.push(text);
    let code: number;
    try {
      code = await redriveCommand.run(['--url', url, '--from', 'DLQ.redrive-orders', '--to', 'redrive-orders', '--timeout', '200']);
    } finally {
      console.error = original;
    }
    expect(code).to.equal(0);
    expect(errors.join('\n')).to.contain('2 message(s) moved');
    await connection.start();
    const consumer = await session.createConsumer(session.createQueue('redrive-orders'));
    const moved = [(await consumer.receive(1000)) as TextMessage, (await consumer.receive(1000)) as TextMessage];
    expect(moved.map((m) => m?.getText())).to.deep.equal(['one', 'two']);
    expect(moved.map((m) => m.getJMSPriority())).to.deep.equal([8, 8]);
    expect(moved[0].getStringProperty('dlqDeliveryFailureCause')).to.equal('boom');
    const left = await session.createConsumer(session.createQueue('DLQ.redrive-orders'));
    expect(await left.receive(100)).to.equal(null);
  });

  it('refuses a missing or identical target as a usage error', async () => {
    for (const args of [['--from', 'a'], ['--from', 'a', '--to', 'a']]) {
      let error: unknown;
      await redriveCommand.run(['--url', url, ...args]).catch((e: unknown) => void (error = e));
      expect((error as Error)?.constructor.name).to.equal('UsageError');
    }
  });
});
