import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { expect } from 'chai';
import stompit from 'stompit';
import { guardFrames } from '../../../adapters/stomp/frame-guard.js';
import '../../../adapters/stomp/stompit-hardening.js';
import { frameToEnvelope } from '../../../adapters/stomp/frames.js';
import { RABBITMQ } from '../../../adapters/stomp/dialect.js';
import { JMSException } from '../../../src/api/exceptions.js';
import { envelopeToMessage } from '../../../src/codec/index.js';
import { AcknowledgeMode } from '../../../src/index.js';
import { FakeBroker, Mutator, heapUsed, hostileOutcome, type Script } from '../../support/hostile.js';

/**
 * A hostile STOMP broker: malformed, truncated, oversized and random frames end each case with a
 * JMSException at the pending call or the ExceptionListener, without a crash or a hang, in bounded
 * memory. Most generated cases run in-process through the same parser and mapping the adapter uses
 * (stompit's frame parser as hardened, the frame guard, frame → Envelope → Message); a few hundred
 * run through the real adapter against a fake broker on loopback.
 */

const frame = (text: string) => Buffer.from(text, 'utf8');
const CONNECTED = frame('CONNECTED\nversion:1.2\nserver:fake\nheart-beat:0,0\n\n\0');
const SAMPLES = [
  CONNECTED,
  frame('RECEIPT\nreceipt-id:r-1\n\n\0'),
  frame('MESSAGE\nsubscription:s-1\nmessage-id:m-1\ndestination:/queue/q\ncontent-length:5\njms-types:n=int\nn:12\n\nhello\0'),
  frame('MESSAGE\nsubscription:s-1\nmessage-id:m-2\ndestination:/queue/q\ncontent-type:application/json\njms-body:map\n\n{"a":["i",1]}\0'),
  frame('ERROR\nmessage:refused\ncontent-type:text/plain\n\nno\0'),
];
const LIMITS = { maxFrameSize: 1024 * 1024, maxHeaderSize: 65536 };

/** A socket stand-in for the frame guard: it only listens for 'data' and destroys. */
function guardedStream(): { feed(bytes: Buffer): boolean; destroyed(): boolean } {
  const fake = new EventEmitter() as EventEmitter & { destroyed: boolean; destroy(error?: Error): void };
  fake.destroyed = false;
  fake.destroy = () => void (fake.destroyed = true);
  guardFrames(fake as unknown as Socket, LIMITS);
  return { feed: (bytes) => (fake.emit('data', bytes), !fake.destroyed), destroyed: () => fake.destroyed };
}

/** Parses bytes as the adapter would and maps every frame to a Message; resolves when the stream ends or fails. */
function parseInProcess(bytes: Buffer): Promise<number> {
  return new Promise((resolve) => {
    const guard = guardedStream();
    if (!guard.feed(bytes)) return resolve(0);
    const stream = new stompit.IncomingFrameStream();
    stream.setVersion('1.2');
    let frames = 0;
    stream.on('error', () => resolve(frames));
    stream.on('end', () => resolve(frames));
    stream.on('data', (incoming: NodeJS.ReadableStream & { headers: Record<string, string> }) => {
      frames++;
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        try {
          const message = envelopeToMessage(frameToEnvelope(incoming.headers, Buffer.concat(chunks), RABBITMQ));
          message.getPropertyNames().forEach((name) => message.getObjectProperty(name));
        } catch (error) {
          if (!(error instanceof JMSException)) throw error;
        }
      });
      incoming.on('error', () => undefined);
    });
    stream.end(bytes);
  });
}

describe('hostile STOMP broker', function () {
  this.timeout(300000);

  it('survives 100,000 generated frames in-process: parsed, mapped, or refused with an error, never a crash or a hang', async () => {
    const mutator = new Mutator(61613);
    const before = heapUsed();
    let frames = 0;
    for (let i = 0; i < 100000; i++) {
      const sample = SAMPLES[mutator.int(SAMPLES.length)]!;
      frames += await parseInProcess(mutator.mutate(sample).bytes);
    }
    expect(frames, 'some variants still parse as frames').to.be.greaterThan(1000);
    expect(heapUsed() - before, 'heap growth (bytes)').to.be.lessThan(256 * 1024 * 1024);
  });

  it('the frame guard refuses a 10 MB header and a body over maxFrameSize, and passes a normal frame', () => {
    expect(guardedStream().feed(Buffer.concat([frame('MESSAGE\nx:'), Buffer.alloc(10 * 1024 * 1024, 0x61)]))).to.equal(false);
    expect(guardedStream().feed(frame(`MESSAGE\ncontent-length:${LIMITS.maxFrameSize + 1}\n\n`))).to.equal(false);
    expect(guardedStream().feed(Buffer.concat([frame('MESSAGE\n\n'), Buffer.alloc(LIMITS.maxFrameSize + 1, 0x61)]))).to.equal(false);
    const normal = guardedStream();
    for (let i = 0; i < 1000; i++) expect(normal.feed(SAMPLES[2]!)).to.equal(true);
  });

  // reconnect=false: each case is about one connection's failure; reconnecting is resilience's to test.
  describe('through the adapter, against a fake broker on loopback', () => {
    let broker: FakeBroker;
    before(async () => (broker = await FakeBroker.start()));
    after(async () => broker.close());
    const url = (timeout = 2000) => `stomp+rabbitmq://127.0.0.1:${broker.port}?connectTimeout=${timeout}&maxFrameSize=${LIMITS.maxFrameSize}&reconnect=false`;
    const send = async (connection: import('../../../src/index.js').Connection) => {
      const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
      await (await session.createProducer(session.createQueue('q'))).send(session.createTextMessage('x'));
    };

    const named: [string, Script][] = [
      ['a frame with no NUL, then the connection closes', { replies: [frame('CONNECTED\nversion:1.2\n\n')], then: 'close' }],
      ['a frame with no NUL, then silence', { replies: [frame('CONNECTED\nversion:1.2\n\n')], then: 'hang' }],
      ['a 10 MB header', { replies: [Buffer.concat([frame('CONNECTED\nversion:1.2\nx:'), Buffer.alloc(10 * 1024 * 1024, 0x61), frame('\n\n\0')])], then: 'hang' }],
      ['a wrong content-length', { replies: [CONNECTED, frame('RECEIPT\nreceipt-id:1\ncontent-length:999\n\nshort\0')], then: 'close' }],
      ['a content-length over maxFrameSize', { replies: [CONNECTED, frame(`MESSAGE\nsubscription:s\ncontent-length:${LIMITS.maxFrameSize * 4}\n\n`)], then: 'hang' }],
      ['a header named hasOwnProperty, then __proto__', { replies: [frame('CONNECTED\nhasOwnProperty:1\n__proto__:x\nversion:1.2\n\n\0'), frame('ERROR\nmessage:no\n\n\0')], then: 'close' }],
      ['an unknown command', { replies: [frame('BOGUS\n\n\0')], then: 'hang' }],
    ];
    for (const [name, script] of named) {
      it(`ends with a JMSException: ${name}`, async () => {
        broker.push(script);
        const error = await hostileOutcome(url(), send);
        expect(error.message).to.be.a('string').and.not.equal('');
      });
    }

    it('ends every one of 120 generated cases with a JMSException at connect, the pending send or the ExceptionListener', async () => {
      const mutator = new Mutator(61614);
      const before = heapUsed();
      for (let i = 0; i < 120; i++) {
        const hostile = mutator.mutate(SAMPLES[mutator.int(SAMPLES.length)]!).bytes;
        // Half the cases break the handshake, half a later request; every one ends in a closed socket.
        broker.push({ replies: i % 2 === 0 ? [hostile] : [CONNECTED, hostile], then: 'close' });
        const error = await hostileOutcome(url(1000), send);
        expect(error).to.be.instanceOf(JMSException);
      }
      expect(heapUsed() - before, 'heap growth (bytes)').to.be.lessThan(128 * 1024 * 1024);
    });
  });
});
