import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Socket } from 'node:net';
import { expect } from 'chai';
import { recordToEnvelope, type ReceivedRecord } from '../../../adapters/kafka/records.js';
import { guardedSocketFactory } from '../../../adapters/kafka/response-guard.js';
import '../../../adapters/kafka/kafkajs-hardening.js';
import { JMSException } from '../../../src/api/exceptions.js';
import { envelopeToMessage } from '../../../src/codec/index.js';
import type { Connection } from '../../../src/index.js';
import { FakeBroker, Mutator, heapUsed, hostileOutcome } from '../../support/hostile.js';

/**
 * A hostile Kafka broker: responses that do not decode (truncated, resized, bit-flipped, random),
 * sizes over maxResponseSize or negative, end each case with a JMSException at connect or the
 * pending call, without a crash or a hang. Most generated cases run in-process through kafkajs's
 * response decoders (ApiVersions, Metadata, Fetch with a record batch made by kafkajs's own encoder)
 * and the adapter's record mapping; a few run through the real adapter against a fake broker.
 */

const require = createRequire(import.meta.url);
const kafkajs = dirname(require.resolve('kafkajs'));
const load = <T>(path: string): T => require(join(kafkajs, 'src', path)) as T;
type Encoder = { buffer: Buffer; writeInt16(v: number): Encoder; writeInt32(v: number): Encoder; writeInt64(v: number): Encoder; writeString(v: string): Encoder; writeBytes(v: Buffer): Encoder; writeBuffer(v: Buffer): Encoder };
const EncoderClass = load<new () => Encoder>('protocol/encoder');
const recordBatch = load<{ RecordBatch: (spec: Record<string, unknown>) => Promise<{ buffer: Buffer }> }>('protocol/recordBatch/v0').RecordBatch;
const record = load<(spec: Record<string, unknown>) => unknown>('protocol/recordBatch/record/v0');
type Decode = (raw: Buffer) => Promise<unknown>;
const DECODERS: { name: string; decode: Decode }[] = [
  { name: 'ApiVersions v0', decode: load<{ decode: Decode }>('protocol/requests/apiVersions/v0/response').decode },
  { name: 'Metadata v0', decode: load<{ decode: Decode }>('protocol/requests/metadata/v0/response').decode },
  { name: 'Fetch v4', decode: load<{ decode: Decode }>('protocol/requests/fetch/v4/response').decode },
];

const encoder = () => new EncoderClass();
const API_VERSIONS = encoder().writeInt16(0).writeInt32(2).writeInt16(18).writeInt16(0).writeInt16(0).writeInt16(3).writeInt16(0).writeInt16(0).buffer;
const METADATA = encoder().writeInt32(1).writeInt32(1).writeString('127.0.0.1').writeInt32(9092).writeInt32(0).buffer;

async function fetchResponse(): Promise<Buffer> {
  const headers = { 'jms-types': 'n=int', n: '12', __proto__x: 'y' };
  const batch = await recordBatch({ records: [record({ value: Buffer.from('hello'), headers })], firstTimestamp: 0, maxTimestamp: 0 });
  return encoder()
    .writeInt32(0)
    .writeInt32(1)
    .writeString('q')
    .writeInt32(1)
    .writeInt32(0)
    .writeInt16(0)
    .writeInt64(1)
    .writeInt64(1)
    .writeInt32(0)
    .writeBytes(batch.buffer).buffer;
}

/** A response on the wire: size, correlation id (patched to the request's by the fake broker), body. */
function framed(body: Buffer): Buffer {
  return encoder().writeInt32(body.length + 4).writeInt32(0).writeBuffer(body).buffer;
}

/** Decodes as kafkajs does and maps fetched records to Messages; refusals are errors thrown by kafkajs. */
async function decodeInProcess(decode: Decode, bytes: Buffer): Promise<number> {
  let value: unknown;
  try {
    value = await decode(bytes);
  } catch (error) {
    const thrownAt = (error instanceof Error ? (error.stack ?? '') : '').split('\n').find((line) => /^\s+at /.test(line) && !/node:|<anonymous>/.test(line)) ?? '';
    // kafkajs refuses it, or the adapter's bound on its decoder does; anything else thrown is a bug.
    if (thrownAt !== '' && !thrownAt.includes('node_modules') && !thrownAt.includes('kafkajs-hardening')) throw error;
    return 0;
  }
  const responses = (value as { responses?: { partitions?: { messages?: ReceivedRecord[] }[] }[] }).responses ?? [];
  let mapped = 0;
  for (const partition of responses.flatMap((response) => response.partitions ?? [])) {
    for (const received of partition.messages ?? []) {
      try {
        const message = envelopeToMessage(recordToEnvelope(received, 'q', 0));
        message.getPropertyNames().forEach((name) => message.getObjectProperty(name));
        mapped++;
      } catch (error) {
        if (!(error instanceof JMSException)) throw error;
      }
    }
  }
  return 1 + mapped;
}

describe('hostile Kafka broker', function () {
  this.timeout(300000);

  it('survives 100,000 generated responses in-process: decoded, mapped, or refused with an error, never a crash or a hang', async () => {
    const samples = [API_VERSIONS, METADATA, await fetchResponse()];
    const mutator = new Mutator(9092);
    const before = heapUsed();
    let decoded = 0;
    for (let i = 0; i < (Number(process.env.JMS_HOSTILE_CASES) || 100000); i++) {
      const which = mutator.int(samples.length);
      decoded += await decodeInProcess(DECODERS[which]!.decode, mutator.mutate(samples[which]!).bytes);
    }
    expect(decoded, 'some variants still decode').to.be.greaterThan(1000);
    expect(heapUsed() - before, 'heap growth (bytes)').to.be.lessThan(256 * 1024 * 1024);
  });

  it('the response guard closes a socket announcing a response over maxResponseSize, or a negative one', async () => {
    const broker = await FakeBroker.start();
    try {
      for (const size of [64 * 1024 * 1024 + 1, -5]) {
        broker.push({ replies: [encoder().writeInt32(size).writeInt32(0).buffer], then: 'hang' });
        const socket: Socket = guardedSocketFactory(64 * 1024 * 1024)({ host: '127.0.0.1', port: broker.port, ssl: false as never, onConnect: () => socket.write('hello') });
        socket.on('data', () => undefined); // kafkajs's reader, which the guard stands in front of
        const error = await new Promise<Error>((resolve) => socket.once('error', resolve));
        expect(error.message).to.match(/maxResponseSize/);
      }
    } finally {
      await broker.close();
    }
  });

  // reconnect=false: each case is about one connection's failure; reconnecting is resilience's to test.
  describe('through the adapter, against a fake broker on loopback', () => {
    let broker: FakeBroker;
    // Each reply answers the request it follows: the response's correlation id is the request's.
    before(async () => (broker = await FakeBroker.start((request, _socket, reply) => (reply.length >= 8 && request.length >= 12 ? Buffer.concat([reply.subarray(0, 4), request.subarray(8, 12), reply.subarray(8)]) : reply))));
    after(async () => broker.close());
    const url = () => `kafka://127.0.0.1:${broker.port}?maxResponseSize=1048576&reconnect=false`;
    // A temporary queue is a topic created through the admin client: requests on the connection that met the hostile reply.
    const admin = async (connection: Connection) => (await connection.createSession()).createTemporaryQueue();

    const named: [string, Buffer[]][] = [
      ['an ApiVersions response that does not decode', [framed(Buffer.from([0, 0, 0x7f, 0xff, 0xff, 0xff]))]],
      ['a response announcing 2 GB', [encoder().writeInt32(0x7fffffff).writeInt32(0).buffer]],
      ['a negative response size', [encoder().writeInt32(-1).writeInt32(0).buffer]],
      ['a truncated Metadata response', [framed(API_VERSIONS), framed(METADATA.subarray(0, 9))]],
      ['random bytes', [Buffer.from('not kafka at all, just text')]],
    ];
    for (const [name, replies] of named) {
      it(`ends with a JMSException: ${name}`, async () => {
        broker.push({ replies, then: 'close' });
        const error = await hostileOutcome(url(), admin);
        expect(error.message).to.match(/Kafka/);
      });
    }

    it('ends every one of 24 generated cases with a JMSException', async () => {
      const mutator = new Mutator(9093);
      for (let i = 0; i < 24; i++) {
        const hostile = framed(mutator.mutate(i % 2 === 0 ? API_VERSIONS : METADATA).bytes);
        broker.push({ replies: i % 2 === 0 ? [hostile] : [framed(API_VERSIONS), hostile], then: 'close' });
        expect(await hostileOutcome(url(), admin)).to.be.instanceOf(JMSException);
      }
    });
  });
});
