import { AcknowledgeMode } from '../api/constants.js';
import type { Connection, Session } from '../api/connection.js';
import { createConnectionFactory, redactUrl, resolveProvider } from '../index.js';
import { UsageError, intFlag, parseCommand, urlFlag } from './args.js';

/**
 * `jms redrive`: moves messages from a queue (usually a dead-letter queue) back to another queue.
 * Each message is acknowledged on the source only after the broker confirmed it on the target,
 * in one transaction where the broker has native transactions, so an interruption can duplicate
 * a message but never lose one. Messages keep their properties, priority and delivery mode,
 * including the dlq* properties, which a later dead-lettering replaces.
 */
export const redriveCommand = {
  usage: 'jms redrive --url URL --from QUEUE --to QUEUE [--count N (0 = all)] [--timeout MS]',
  async run(args: string[]): Promise<number> {
    const { values } = parseCommand(args, {
      url: { type: 'string', short: 'u' },
      help: { type: 'boolean', short: 'h' },
      from: { type: 'string', short: 'f' },
      to: { type: 'string' },
      count: { type: 'string', short: 'n' },
      timeout: { type: 'string', short: 't' },
    });
    const from = values.from as string | undefined;
    const to = values.to as string | undefined;
    if (from === undefined || to === undefined) throw new UsageError('give --from QUEUE and --to QUEUE');
    if (from === to) throw new UsageError('--from and --to name the same queue');
    const count = intFlag(values, 'count', 0);
    const timeout = intFlag(values, 'timeout', 2000);
    const url = urlFlag(values);
    const factory = createConnectionFactory(url);
    const connection = await factory.createConnection();
    try {
      const moved = await redrive(connection, resolveProvider(url).capabilities.transactions === 'native', from, to, count, timeout);
      console.error(`${moved} message(s) moved from queue ${from} to queue ${to} at ${redactUrl(url)}`);
      return 0;
    } finally {
      await connection.close();
    }
  },
};

async function redrive(connection: Connection, transacted: boolean, from: string, to: string, count: number, timeout: number): Promise<number> {
  const session: Session = await connection.createSession(transacted ? AcknowledgeMode.SESSION_TRANSACTED : AcknowledgeMode.CLIENT_ACKNOWLEDGE);
  const consumer = await session.createConsumer(session.createQueue(from));
  const producer = await session.createProducer(session.createQueue(to));
  await connection.start();
  let moved = 0;
  while (count === 0 || moved < count) {
    const message = await consumer.receive(timeout);
    if (message === null) break;
    await producer.send(message, { priority: message.getJMSPriority(), deliveryMode: message.getJMSDeliveryMode() });
    if (transacted) await session.commit();
    else await message.acknowledge();
    moved++;
  }
  return moved;
}
