import { expect } from 'chai';
import { logLevel } from 'kafkajs';
import { AcknowledgeMode, createConnectionFactory, ErrorCode, type JMSException } from '../../../src/index.js';
import { redactFields, scopedLogger, SILENT_LOGGER } from '../../../src/spi/public.js';
import { kafkaLogging } from '../../../adapters/kafka/logging.js';
import { recordingLogger } from '../../support/telemetry.js';

let broker = 0;

describe('logging', () => {
  it('passes records at or above the level, marked with the namespace', () => {
    const { records, logger } = recordingLogger();
    const log = scopedLogger(logger, 'warn').child('kafka');
    log.info({ a: 1 }, 'quiet');
    log.warn({ a: 2 }, 'loud');
    log.error({}, 'louder');
    expect(records).to.deep.equal([
      { level: 'warn', fields: { namespace: 'jms-ts.kafka', a: 2 }, message: 'loud' },
      { level: 'error', fields: { namespace: 'jms-ts.kafka' }, message: 'louder' },
    ]);
    expect(log.enabled('debug')).to.equal(false);
    expect(log.enabled('error')).to.equal(true);
  });

  it('never logs a secret: secret-named fields and URL passwords are masked', () => {
    expect(
      redactFields({
        password: 'p1',
        sasl: { mechanism: 'plain', password: 'p2' },
        nested: { passcode: 'p3', url: 'amqp://guest:p4@host:5672/' },
        url: 'redis://u:p5@h:6379 and stomp://x:p6@y',
        authorization: 'Bearer p7',
        count: 3,
      }),
    ).to.deep.equal({
      password: '[redacted]',
      sasl: '[redacted]',
      nested: { passcode: '[redacted]', url: 'amqp://guest:***@host:5672/' },
      url: 'redis://u:***@h:6379 and stomp://x:***@y',
      authorization: '[redacted]',
      count: 3,
    });
    const { records, logger } = recordingLogger();
    scopedLogger(logger, 'debug').info({}, 'connecting to amqp://guest:hunter2@127.0.0.1/');
    expect(records[0].message).to.equal('connecting to amqp://guest:***@127.0.0.1/');
  });

  it('a logger that throws does not break the caller; no logger or level silent logs nothing', () => {
    const throwing = { debug: () => { throw new Error('x'); }, info: () => { throw new Error('x'); }, warn: () => { throw new Error('x'); }, error: () => { throw new Error('x'); } };
    expect(() => scopedLogger(throwing, 'debug').error({}, 'y')).to.not.throw();
    expect(scopedLogger(undefined)).to.equal(SILENT_LOGGER);
    expect(scopedLogger(recordingLogger().logger, 'silent')).to.equal(SILENT_LOGGER);
  });

  it('a logger without the four methods, an unknown level or wrong telemetry settings are refused at configuration', () => {
    const refused = (config: object) => {
      try {
        createConnectionFactory({ url: 'memory://', ...config });
      } catch (error) {
        return error as JMSException;
      }
      throw new Error('accepted');
    };
    expect(refused({ logger: { info() {} } }).code).to.equal(ErrorCode.INVALID_CONFIGURATION);
    expect(refused({ logger: console, logLevel: 'verbose' }).message).to.match(/Unknown log level "verbose"/);
    expect(refused({ telemetry: { tracerprovider: {} } }).message).to.match(/Unknown telemetry key "tracerprovider". Known keys: tracing, metrics, tracerProvider, meterProvider/);
    expect(refused({ telemetry: { tracing: 'no' } }).message).to.match(/telemetry.tracing must be true or false/);
    expect(refused({ telemetry: { meterProvider: {} } }).code).to.equal(ErrorCode.INVALID_CONFIGURATION);
  });

  it('logs connection state, listener failures and dead-lettering, without the password', async () => {
    const { records, logger, logged } = recordingLogger();
    const factory = createConnectionFactory({ url: `memory://logging-${++broker}?maxRedeliveries=1&redeliveryDelay=0`, password: 'hunter2', username: 'app', logger, logLevel: 'debug' });
    const connection = await factory.createConnection();
    connection.setExceptionListener(() => undefined);
    await connection.start();
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const queue = session.createQueue('poison');
    const consumer = await session.createConsumer(queue);
    consumer.setMessageListener(() => {
      throw new Error('cannot parse');
    });
    await (await session.createProducer(queue)).send(session.createTextMessage('bad'));
    await logged('ran out of redeliveries');
    await connection.close();

    const summary = records.map((r) => `${r.level} ${r.fields.namespace}: ${r.message}`);
    expect(summary).to.deep.equal([
      'info jms-ts.client: Connected to the broker',
      'warn jms-ts.client: A message listener failed; the redelivery policy decides what becomes of the message',
      'debug jms-ts.client: Redelivering a message',
      'warn jms-ts.client: A message listener failed; the redelivery policy decides what becomes of the message',
      'warn jms-ts.client: A message ran out of redeliveries and was moved to queue://DLQ.poison',
      'info jms-ts.client: Connection closed',
    ]);
    expect(records[2].fields).to.include({ destination: 'queue://poison', deliveryCount: 2 });
    expect(JSON.stringify(records)).to.not.include('hunter2');
  });

  it('with a logger and no ExceptionListener, asynchronous errors go to the logger instead of a process warning', async () => {
    const { records, logger, logged } = recordingLogger();
    const warnings: string[] = [];
    const onWarning = (warning: Error) => void warnings.push(warning.message);
    process.on('warning', onWarning);
    try {
      const factory = createConnectionFactory({ url: `memory://logging-${++broker}?maxRedeliveries=0`, logger, logLevel: 'error' });
      const connection = await factory.createConnection();
      await connection.start();
      const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
      const queue = session.createQueue('poison');
      (await session.createConsumer(queue)).setMessageListener(() => {
        throw new Error('cannot parse');
      });
      await (await session.createProducer(queue)).send(session.createTextMessage('bad'));
      await logged('was moved to queue://DLQ.poison');
      await connection.close();
      await new Promise((resolve) => setImmediate(resolve)); // process warnings are emitted on the next turn
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).to.deep.equal([]);
    expect(records.map((r) => [r.level, r.fields.code])).to.deep.equal([['error', ErrorCode.MESSAGE_DEAD_LETTERED]]);
  });

  it('without a logger nothing new is printed', async () => {
    const printed: string[] = [];
    const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug, write: process.stderr.write };
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) console[method] = (...args: unknown[]) => void printed.push(args.join(' '));
    try {
      const connection = await createConnectionFactory(`memory://logging-${++broker}`).createConnection();
      await connection.start();
      const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
      const queue = session.createQueue('q');
      await (await session.createProducer(queue)).send(session.createTextMessage('x'));
      await (await session.createConsumer(queue)).receive(1000);
      await connection.close();
    } finally {
      Object.assign(console, { log: saved.log, info: saved.info, warn: saved.warn, error: saved.error, debug: saved.debug });
    }
    expect(printed).to.deep.equal([]);
  });

  it('kafkajs logs through its logCreator at the logger\'s level, and are off without a logger', () => {
    expect(kafkaLogging(SILENT_LOGGER)).to.deep.equal({ logLevel: logLevel.NOTHING });
    const { records, logger } = recordingLogger();
    const options = kafkaLogging(scopedLogger(logger, 'info').child('kafka'));
    expect(options.logLevel).to.equal(logLevel.INFO);
    const write = options.logCreator!(logLevel.INFO);
    write({ namespace: 'Consumer', level: logLevel.WARN, label: 'WARN', log: { timestamp: 'now', message: 'Rebalancing', groupId: 'g', sasl: { password: 'p' } } as never });
    expect(records).to.deep.equal([{ level: 'warn', fields: { namespace: 'jms-ts.kafka', kafkajs: 'Consumer', groupId: 'g', sasl: '[redacted]' }, message: 'Rebalancing' }]);
  });
});
