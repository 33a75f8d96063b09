import { expect } from 'chai';
import { once } from 'node:events';
import { CONNECTION_NOT_STARTED, startReminderTiming } from '../../../src/client/start-reminder.js';
import { createConnectionFactory } from '../../../src/index.js';

describe('a consumer waiting on a connection never started', () => {
  const normalDelay = startReminderTiming.delayMs;
  beforeEach(() => (startReminderTiming.delayMs = 30));
  afterEach(() => (startReminderTiming.delayMs = normalDelay));

  it('warns once, naming connection.start()', async () => {
    const connection = await createConnectionFactory('memory://start-reminder').createConnection();
    const session = await connection.createSession();
    const consumer = await session.createConsumer(session.createQueue('never-started'));
    const warned: Error[] = [];
    const record = (warning: Error) => void ((warning as Error & { code?: string }).code === CONNECTION_NOT_STARTED && warned.push(warning));
    process.on('warning', record);
    try {
      const waiting = [consumer.receive(), consumer.receive()];
      const [warning] = (await once(process, 'warning')) as [Error & { code?: string }];
      expect(warning.code).to.equal(CONNECTION_NOT_STARTED);
      expect(warning.message).to.contain('connection.start()');
      await connection.close();
      expect(await Promise.all(waiting)).to.deep.equal([null, null]);
      expect(warned).to.have.length(1);
    } finally {
      process.off('warning', record);
    }
  });
});
