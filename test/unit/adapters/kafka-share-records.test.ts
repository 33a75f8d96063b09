import { expect } from 'chai';
import { createRecordBatch, encodeRecordBatch } from '@kafkats/client';
import { envelopeToRecord, recordToEnvelope, type KafkaRecord } from '../../../adapters/kafka/records.js';
import { decodeShareRecords } from '../../../adapters/kafka/share-protocol.js';
import { checkRoundTrips, describeDifferences, envelopeCorpus } from '../../../src/spi/testkit/index.js';

/**
 * Share-group queues read records through @kafkats/client's record-batch decoder: the test kit's
 * corpus through its encoder and the adapter's decoding (bytes, never text), with no broker.
 */
const NOW = 1_700_000_000_123;
/** The time a broker stamps on a record that names none. */
const BROKER_TIME = NOW + 7;

async function throughTheWire(record: KafkaRecord, offset = 41n) {
  const batch = createRecordBatch(
    [{ key: record.key, value: record.value, headers: record.headers, timestamp: BigInt(record.timestamp ?? BROKER_TIME) }],
    offset,
    BigInt(record.timestamp ?? BROKER_TIME),
  );
  const decoded = await decodeShareRecords(await encodeRecordBatch(batch));
  expect([...decoded.keys()]).to.deep.equal([offset]);
  return decoded.get(offset)!;
}

describe('kafka adapter: envelope ↔ record on share-group queues', () => {
  it('carries the test kit corpus through @kafkats/client\'s record batches', async () => {
    const report = await checkRoundTrips(
      envelopeCorpus({ now: NOW }),
      async (envelope) => recordToEnvelope(await throughTheWire(envelopeToRecord(envelope)), 'orders', 0),
      [],
    );
    expect(report.unexpected, describeDifferences(report.unexpected)).to.deep.equal([]);
  });

  it('keeps a body that is not UTF-8 byte for byte', async () => {
    const bytes = Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28, 0x80]);
    const record = await throughTheWire({ key: null, value: bytes, headers: {} });
    expect(Buffer.compare(record.value!, bytes)).to.equal(0);
    expect(recordToEnvelope(record, 'orders', 0).bodyKind).to.equal('bytes');
  });

  it('reads nothing from empty record data', async () => {
    expect((await decodeShareRecords(null)).size).to.equal(0);
    expect((await decodeShareRecords(Buffer.alloc(0))).size).to.equal(0);
  });
});
