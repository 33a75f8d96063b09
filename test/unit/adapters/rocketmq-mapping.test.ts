import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { MessageView, PublishingMessage } from 'rocketmq-client-nodejs';
// The generated protobuf module is CommonJS that Node cannot name-import.
import definitions from 'rocketmq-client-nodejs/proto/apache/rocketmq/v2/definition_pb.js';
import { envelopeToMessage, messageToEnvelope } from '../../../adapters/rocketmq/message-mapping.js';
import { checkRoundTrips, describeDifferences, envelopeCorpus, type ExpectedDifference } from '../../../src/spi/testkit/index.js';

/**
 * The RocketMQ mapper against the test kit's corpus, through rocketmq-client-nodejs's own protobuf
 * encoding of a message (the bytes the proxy receives) and its decoding into a MessageView, with no broker.
 */
const NOW = 1_700_000_000_123;
const SETTINGS = { maxBodySizeBytes: 4 * 1024 * 1024 } as ConstructorParameters<typeof PublishingMessage>[1];
const QUEUE = { queueId: 0, topic: 'q', broker: { name: 'b', id: 0, endpoints: {} } } as unknown as Parameters<PublishingMessage['toProtobuf']>[1];

function throughTheWire(envelope: Parameters<typeof envelopeToMessage>[1]) {
  const outgoing = envelopeToMessage('q', envelope, NOW);
  const encoded = new PublishingMessage({ ...outgoing }, SETTINGS, false).toProtobuf('', QUEUE);
  const { Message, Digest, DigestType } = definitions as unknown as ProtobufModule;
  const received = Message.deserializeBinary(encoded.serializeBinary());
  // The broker adds the body digest on delivery; MessageView requires one.
  received.getSystemProperties().setBodyDigest(new Digest().setType(DigestType.MD5).setChecksum(createHash('md5').update(received.getBody_asU8()).digest('hex').toUpperCase()));
  const view = new MessageView(received as never);
  expect(view.corrupted, 'the body digest matches').to.not.equal(true);
  return messageToEnvelope(view);
}

interface ProtobufModule {
  Message: { deserializeBinary(bytes: Uint8Array): { getSystemProperties(): { setBodyDigest(digest: unknown): void }; getBody_asU8(): Uint8Array } };
  Digest: new () => { setType(type: number): { setChecksum(checksum: string): unknown } };
  DigestType: { MD5: number };
}

/** What a RocketMQ message cannot carry. */
const EXPECTED: readonly ExpectedDifference[] = [];

describe('rocketmq adapter: envelope ↔ RocketMQ message', () => {
  it("carries the test kit corpus through rocketmq-client-nodejs's protobuf encoding", async () => {
    const corpus = envelopeCorpus({ temporaryQueueName: 'jmsts-tmp-c1-1', temporaryTopicName: 'jmsts-tmp-c1-2', now: NOW });
    const report = await checkRoundTrips(corpus, throughTheWire, EXPECTED);
    expect(report.unexpected, describeDifferences(report.unexpected)).to.deep.equal([]);
    expect(report.unused, 'expected differences that did not occur').to.deep.equal([]);
  });
});
