import { AcknowledgeMode, DeliveryMode } from '../api/constants.js';
import { createConnectionFactory, redactUrl } from '../index.js';
import { UsageError, intFlag, parseCommand, urlFlag, type Options } from './args.js';
import { DESTINATION_OPTIONS, destinationFlag } from './destination-flags.js';
import { describeMessage, toJson } from './format.js';
import { Progress } from './progress.js';

const COMMON: Options = { url: { type: 'string', short: 'u' }, help: { type: 'boolean', short: 'h' } };

export interface Command {
  readonly usage: string;
  run(args: string[]): Promise<number>;
}

/** `key=value` property flags: numbers become int (or double), true/false booleans, else strings. */
function propertyValue(text: string): boolean | number | string {
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return text;
}

export const sendCommand: Command = {
  usage: 'jms send --url URL (--queue NAME | --topic NAME) [--property k=v]... [--type T] [--correlation-id ID] [--count N] [--non-persistent] TEXT',
  async run(args) {
    const { values, positionals } = parseCommand(args, {
      ...COMMON,
      ...DESTINATION_OPTIONS,
      property: { type: 'string', short: 'p', multiple: true },
      type: { type: 'string' },
      'correlation-id': { type: 'string' },
      count: { type: 'string', short: 'n' },
      'non-persistent': { type: 'boolean' },
    });
    if (positionals.length !== 1) throw new UsageError('give the message text as one argument (quote it)');
    const count = intFlag(values, 'count', 1);
    const url = urlFlag(values);
    const connection = await createConnectionFactory(url).createConnection();
    try {
      const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
      const producer = await session.createProducer(destinationFlag(session, values));
      if (values['non-persistent']) producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
      const progress = new Progress('sent', count);
      for (let i = 0; i < count; i++) {
        const message = session.createTextMessage(positionals[0]);
        for (const pair of (values.property as string[] | undefined) ?? []) {
          const eq = pair.indexOf('=');
          if (eq <= 0) throw new UsageError(`--property needs key=value, got "${pair}"`);
          message.setObjectProperty(pair.slice(0, eq), propertyValue(pair.slice(eq + 1)));
        }
        if (values.type) message.setJMSType(values.type as string);
        if (values['correlation-id']) message.setJMSCorrelationID(values['correlation-id'] as string);
        await producer.send(message);
        progress.tick();
        if (count === 1) console.log(message.getJMSMessageID());
      }
      progress.done();
    } finally {
      await connection.close();
    }
    return 0;
  },
};

export const receiveCommand: Command = {
  usage: 'jms receive --url URL (--queue NAME | --topic NAME) [--selector S] [--count N] [--timeout MS]',
  async run(args) {
    const { values } = parseCommand(args, {
      ...COMMON,
      ...DESTINATION_OPTIONS,
      selector: { type: 'string', short: 's' },
      count: { type: 'string', short: 'n' },
      timeout: { type: 'string', short: 't' },
    });
    const count = intFlag(values, 'count', 1);
    const timeout = intFlag(values, 'timeout', 5000);
    const connection = await createConnectionFactory(urlFlag(values)).createConnection();
    try {
      const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
      const consumer = await session.createConsumer(destinationFlag(session, values), (values.selector as string) ?? null);
      await connection.start();
      let received = 0;
      while (count === 0 || received < count) {
        const message = await consumer.receive(timeout);
        if (message === null) break;
        console.log(toJson(describeMessage(message)));
        received++;
      }
      if (received === 0) console.error(`no message within ${timeout} ms`);
      return received === 0 ? 1 : 0;
    } finally {
      await connection.close();
    }
  },
};

export const browseCommand: Command = {
  usage: 'jms browse --url URL --queue NAME [--selector S]',
  async run(args) {
    const { values } = parseCommand(args, { ...COMMON, queue: DESTINATION_OPTIONS.queue, selector: { type: 'string', short: 's' } });
    if (values.queue === undefined) throw new UsageError('give --queue NAME');
    const connection = await createConnectionFactory(urlFlag(values)).createConnection();
    try {
      const session = await connection.createSession();
      const browser = await session.createBrowser(session.createQueue(values.queue as string), (values.selector as string) ?? null);
      let seen = 0;
      for await (const message of browser) {
        console.log(toJson(describeMessage(message)));
        seen++;
      }
      console.error(`${seen} message(s) on queue ${values.queue as string} at ${redactUrl(urlFlag(values))}`);
    } finally {
      await connection.close();
    }
    return 0;
  },
};
