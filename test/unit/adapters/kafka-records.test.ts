import { expect } from 'chai';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { envelopeToRecord, recordToEnvelope, type KafkaRecord } from '../../../adapters/kafka/records.js';
import { checkRoundTrips, describeDifferences, envelopeCorpus, type ExpectedDifference } from '../../../src/spi/testkit/index.js';

/**
 * The Kafka mapper against the test kit's corpus, through kafkajs's own record encoder and decoder
 * (the bytes a broker stores and hands back), with no broker.
 */
const require = createRequire(import.meta.url);
const kafkajsDir = dirname(require.resolve('kafkajs'));
const encodeRecord = require(join(kafkajsDir, 'src/protocol/recordBatch/record/v0/index.js')) as (record: object) => { buffer: Buffer };
const decodeRecord = require(join(kafkajsDir, 'src/protocol/recordBatch/record/v0/decoder.js')) as (
  decoder: unknown,
  batch: object,
) => { timestamp: string; offset: string; key: Buffer | null; value: Buffer | null; headers: Record<string, Buffer | Buffer[]> };
const Decoder = require(join(kafkajsDir, 'src/protocol/decoder.js')) as new (buffer: Buffer) => { readVarInt(): number };

const NOW = 1_700_000_000_123;
/** The time a broker stamps on a record that names none (kafkajs sends Date.now()). */
const BROKER_TIME = NOW + 7;

function throughTheWire(record: KafkaRecord) {
  const firstTimestamp = record.timestamp ?? String(BROKER_TIME);
  const encoded = encodeRecord({ key: record.key, value: record.value, headers: record.headers }).buffer;
  const decoder = new Decoder(encoded);
  decoder.readVarInt(); // the record's length, read by the batch decoder before the record
  const decoded = decodeRecord(decoder, { firstOffset: '41', firstTimestamp, magicByte: 2 });
  return { offset: decoded.offset, timestamp: decoded.timestamp, value: decoded.value, headers: decoded.headers };
}

/** What a Kafka record cannot carry: nothing, every Envelope field has a header. */
const EXPECTED: readonly ExpectedDifference[] = [];

describe('kafka adapter: envelope ↔ record', () => {
  it('carries the test kit corpus through kafkajs\'s record encoding', async () => {
    const report = await checkRoundTrips(envelopeCorpus({ now: NOW }), (envelope) => recordToEnvelope(throughTheWire(envelopeToRecord(envelope)), 'orders', 0), EXPECTED);
    expect(report.unexpected, describeDifferences(report.unexpected)).to.deep.equal([]);
    expect(report.unused, 'expected differences that did not occur').to.deep.equal([]);
  });

  it('keys a record by JMSXGroupID, so a group stays in one partition', () => {
    const [entry] = envelopeCorpus({ now: NOW });
    const envelope = { ...entry!.envelope, properties: new Map([['JMSXGroupID', { type: 'string', value: 'customer-9' } as const]]) };
    const record = envelopeToRecord(envelope);
    expect(record.key).to.equal('customer-9');
    expect(recordToEnvelope(throughTheWire(record), 'orders', 0).properties.get('JMSXGroupID')).to.deep.equal({ type: 'string', value: 'customer-9' });
  });

  it('gives a plain record without headers an id from its place in the log and the broker\'s timestamp', () => {
    const envelope = recordToEnvelope({ offset: '41', timestamp: String(BROKER_TIME), value: Buffer.from('plain'), headers: {} }, 'orders', 2);
    expect(envelope.messageId).to.equal('ID:kafka:orders:2:41');
    expect(envelope.timestamp).to.equal(BROKER_TIME);
    expect(envelope.bodyKind).to.equal('text');
  });
});
