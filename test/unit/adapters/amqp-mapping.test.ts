import { expect } from 'chai';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ConsumeMessage, Options } from 'amqplib';
import { envelopeToPublication, messageToEnvelope } from '../../../adapters/amqp/message-mapping.js';
import { checkRoundTrips, describeDifferences, envelopeCorpus, type ExpectedDifference } from '../../../src/spi/testkit/index.js';

/**
 * The AMQP mapper against the test kit's corpus, through amqplib's own encoder and decoder of the
 * basic properties (the bytes a broker stores and hands back), with no broker.
 */
const require = createRequire(import.meta.url);
// amqplib's package exports hide its codec; the wire encoding is what this test must exercise.
const amqplibDir = dirname(require.resolve('amqplib'));
const defs = require(join(amqplibDir, 'lib/defs.js')) as {
  BasicProperties: number;
  encodeProperties(id: number, channel: number, size: number, fields: unknown): Buffer;
  decode(id: number, payload: Buffer): ConsumeMessage['properties'];
};
const apiArgs = require(join(amqplibDir, 'lib/api_args.js')) as { publish(exchange: string, key: string, options: Options.Publish): unknown };

/** A content-header frame: type, channel, size, then class, weight and body size before the properties. */
const PROPERTIES_OFFSET = 7 + 12;
const NOW = 1_700_000_000_123;

function throughTheWire(content: Buffer, options: Options.Publish): ConsumeMessage {
  const frame = defs.encodeProperties(defs.BasicProperties, 1, content.length, apiArgs.publish('', 'q', options));
  const properties = defs.decode(defs.BasicProperties, frame.subarray(PROPERTIES_OFFSET, frame.length - 1));
  const fields = { deliveryTag: 1, redelivered: false, exchange: '', routingKey: 'q', consumerTag: 'c' };
  return { content, fields, properties } as ConsumeMessage;
}

/** What an AMQP wire cannot carry. */
const EXPECTED: readonly ExpectedDifference[] = [];

describe('amqp adapter: envelope ↔ AMQP message', () => {
  it('carries the test kit corpus through amqplib\'s encoding of the basic properties', async () => {
    // RabbitMQ names server-named (temporary) queues amq.gen-…; temporary topics travel as temp-topic://.
    const corpus = envelopeCorpus({ temporaryQueueName: 'amq.gen-JzTY20BRgKO', now: NOW });
    const report = await checkRoundTrips(
      corpus,
      (envelope) => {
        const publication = envelopeToPublication(envelope, NOW);
        return messageToEnvelope(throughTheWire(publication.content, publication.options));
      },
      EXPECTED,
    );
    expect(report.unexpected, describeDifferences(report.unexpected)).to.deep.equal([]);
    expect(report.unused, 'expected differences that did not occur').to.deep.equal([]);
  });
});
