import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { expect } from 'chai';
import type { ConsumeMessage } from 'amqplib';
import { messageToEnvelope } from '../../../adapters/amqp/message-mapping.js';
import { JMSException } from '../../../src/api/exceptions.js';
import { envelopeToMessage } from '../../../src/codec/index.js';
import { AcknowledgeMode, type Connection } from '../../../src/index.js';
import { FakeBroker, Mutator, heapUsed, hostileOutcome } from '../../support/hostile.js';

/**
 * A hostile AMQP 0-9-1 broker: frames of a wrong size, unknown methods, truncated, oversized and
 * random frames end each case with a JMSException at the pending call or the ExceptionListener,
 * without a crash or a hang. Most generated cases run in-process through amqplib's frame parser
 * and decoder (what the adapter's connection runs) and the adapter's message mapping; a few hundred
 * run through the real adapter against a fake broker on loopback. Frames are made with amqplib's
 * own encoder.
 */

const require = createRequire(import.meta.url);
// amqplib's package exports hide its codec: loaded by path, as its own connection loads it.
const amqplibDir = dirname(require.resolve('amqplib'));
const defs = require(join(amqplibDir, 'lib/defs.js')) as {
  encodeMethod(id: number, channel: number, fields: Record<string, unknown>): Buffer;
  encodeProperties(id: number, channel: number, size: number, fields: Record<string, unknown>): Buffer;
  [name: string]: unknown;
};
const frames = require(join(amqplibDir, 'lib/frame.js')) as {
  parseFrame(bin: Buffer, max: number): false | { type: number; channel: number; size: number; payload: Buffer; rest: Buffer };
  decodeFrame(frame: { type: number; channel: number; payload: Buffer }): { id?: number; fields?: Record<string, unknown>; content?: Buffer };
  makeBodyFrame(channel: number, payload: Buffer): Buffer;
};
const method = (name: string, channel: number, fields: Record<string, unknown>) => defs.encodeMethod(defs[name] as number, channel, fields);

const START = method('ConnectionStart', 0, { versionMajor: 0, versionMinor: 9, serverProperties: {}, mechanisms: Buffer.from('PLAIN'), locales: Buffer.from('en_US') });
const TUNE_AND_OPEN = Buffer.concat([method('ConnectionTune', 0, { channelMax: 0, frameMax: 131072, heartbeat: 0 }), method('ConnectionOpenOk', 0, { knownHosts: '' })]);
const DELIVERY = Buffer.concat([
  method('BasicDeliver', 1, { consumerTag: 'c', deliveryTag: 1, redelivered: false, exchange: '', routingKey: 'q' }),
  defs.encodeProperties(defs.BasicProperties as number, 1, 5, { contentType: 'text/plain', headers: { 'jms-types': 'n=int', n: 12, __proto__x: 'y' }, messageId: 'ID:1', priority: 4 }),
  frames.makeBodyFrame(1, Buffer.from('hello')),
]);
const SAMPLES = [START, TUNE_AND_OPEN, DELIVERY, method('ChannelOpenOk', 1, { channelId: Buffer.alloc(0) }), method('ConnectionClose', 0, { replyCode: 320, replyText: 'bye', classId: 0, methodId: 0 })];
const MAX_FRAME = 1024 * 1024;

/** Parses bytes as amqplib's connection does and maps decoded content headers to Messages; returns the frames decoded. */
function parseInProcess(bytes: Buffer): number {
  let rest = bytes;
  let decoded = 0;
  try {
    for (;;) {
      const frame = frames.parseFrame(rest, MAX_FRAME);
      if (frame === false) return decoded;
      rest = frame.rest;
      const value = frames.decodeFrame(frame);
      decoded++;
      if (value.fields !== undefined && 'headers' in value.fields) {
        try {
          const message = envelopeToMessage(messageToEnvelope({ fields: {}, properties: value.fields, content: Buffer.from('hello') } as unknown as ConsumeMessage));
          message.getPropertyNames().forEach((name) => message.getObjectProperty(name));
        } catch (error) {
          if (!(error instanceof JMSException)) throw error;
        }
      }
    }
  } catch (error) {
    // amqplib refuses the frame (the connection would close with this error); a TypeError from our mapping is a bug.
    // Where it was thrown, past Node's own frames: amqplib's errors are refusals, ours would be bugs.
    const thrownAt = (error instanceof Error ? (error.stack ?? '') : '').split('\n').find((line) => /^\s+at /.test(line) && !/node:|<anonymous>/.test(line)) ?? '';
    if (!(error instanceof JMSException) && !thrownAt.includes('node_modules')) throw error;
    return decoded;
  }
}

describe('hostile AMQP 0-9-1 broker', function () {
  this.timeout(300000);

  it('survives 100,000 generated frames in-process: decoded, mapped, or refused with an error, never a crash or a hang', () => {
    const mutator = new Mutator(5672);
    const before = heapUsed();
    let decoded = 0;
    for (let i = 0; i < 100000; i++) decoded += parseInProcess(mutator.mutate(SAMPLES[mutator.int(SAMPLES.length)]!).bytes);
    expect(decoded, 'some variants still decode').to.be.greaterThan(1000);
    expect(heapUsed() - before, 'heap growth (bytes)').to.be.lessThan(256 * 1024 * 1024);
  });

  // reconnect=false: each case is about one connection's failure; reconnecting is resilience's to test.
  describe('through the adapter, against a fake broker on loopback', () => {
    let broker: FakeBroker;
    before(async () => (broker = await FakeBroker.start()));
    after(async () => broker.close());
    const url = () => `amqp://guest:guest@127.0.0.1:${broker.port}?connectTimeout=1000&maxFrameSize=${MAX_FRAME}&reconnect=false`;
    const send = async (connection: Connection) => {
      const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
      await (await session.createProducer(session.createQueue('q'))).send(session.createTextMessage('x'));
    };
    const frameOfSize = (declared: number, actual: number) => {
      const frame = Buffer.alloc(7 + actual + 1);
      frame.writeUInt8(1, 0);
      frame.writeUInt32BE(declared, 3);
      frame[7 + actual] = 0xce;
      return frame;
    };

    const named: [string, Buffer[], 'close' | 'hang', RegExp][] = [
      ['a frame of a wrong size', [frameOfSize(100, 20)], 'close', /RabbitMQ|AMQP/],
      ['a frame larger than maxFrameSize', [frameOfSize(MAX_FRAME * 8, 16)], 'hang', /maxFrameSize/],
      ['an unknown method', [Buffer.from([1, 0, 0, 0, 0, 0, 4, 0x7f, 0x7f, 0x7f, 0x7f, 0xce])], 'hang', /RabbitMQ|AMQP/],
      // The port accepted the connection: not "connect ETIMEDOUT", but what was missing.
      ['no answer to the protocol header', [], 'hang', /no AMQP answer within 1000 ms/],
      ['a plain-text answer (not AMQP at all)', [Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n')], 'close', /RabbitMQ|AMQP/],
      ['an unknown method after the handshake', [START, TUNE_AND_OPEN, Buffer.from([1, 0, 1, 0, 0, 0, 4, 0x7f, 0, 0x7f, 0, 0xce])], 'close', /AMQP/],
    ];
    for (const [name, replies, then, says] of named) {
      it(`ends with a JMSException: ${name}`, async () => {
        broker.push({ replies, then });
        const error = await hostileOutcome(url(), send);
        expect(error.message).to.match(says);
      });
    }

    it('ends every one of 120 generated cases with a JMSException at connect, the pending send or the ExceptionListener', async () => {
      const mutator = new Mutator(5673);
      const before = heapUsed();
      for (let i = 0; i < 120; i++) {
        const hostile = mutator.mutate(SAMPLES[mutator.int(SAMPLES.length)]!).bytes;
        const replies = [[hostile], [START, hostile], [START, TUNE_AND_OPEN, hostile]][i % 3]!;
        broker.push({ replies, then: 'close' });
        expect(await hostileOutcome(url(), send)).to.be.instanceOf(JMSException);
      }
      expect(heapUsed() - before, 'heap growth (bytes)').to.be.lessThan(128 * 1024 * 1024);
    });
  });
});
