import { expect } from 'chai';
import { PassThrough, type Readable } from 'node:stream';
import stompit from 'stompit';
import { envelopeToFrame, frameToEnvelope } from '../../../adapters/stomp/frames.js';
import { ACTIVEMQ, RABBITMQ, type StompDialect } from '../../../adapters/stomp/dialect.js';
import type { Envelope } from '../../../src/spi/envelope.js';
import { checkRoundTrips, describeDifferences, envelopeCorpus, type ExpectedDifference } from '../../../src/spi/testkit/index.js';

/**
 * The STOMP mapper against the test kit's corpus, through stompit's STOMP 1.2 frame writer and
 * parser (header escaping included), with no broker. The broker's own headers (message-id,
 * subscription) are added on the way back, as a MESSAGE frame has them.
 */
const NOW = 1_700_000_000_123;

async function throughTheWire(headers: Record<string, string>, body: Buffer): Promise<{ headers: Record<string, string>; body: Buffer }> {
  const wire = new PassThrough();
  const incoming = new stompit.IncomingFrameStream();
  incoming.setVersion('1.2');
  wire.pipe(incoming);
  const outgoing = new stompit.OutgoingFrameStream(wire);
  outgoing.setVersion('1.2');
  outgoing.frame('MESSAGE', { ...headers, 'message-id': 'broker-id-1', subscription: '1' }).end(body);
  for await (const frame of incoming as AsyncIterable<Readable & { headers: Record<string, string> }>) {
    const chunks: Buffer[] = [];
    for await (const chunk of frame) chunks.push(chunk as Buffer);
    return { headers: frame.headers, body: Buffer.concat(chunks) };
  }
  throw new Error('no frame came out of the wire');
}

function roundTrip(dialect: StompDialect) {
  return async (envelope: Envelope) => {
    const frame = envelopeToFrame(envelope, '/queue/orders', dialect, NOW);
    const received = await throughTheWire(frame.headers, frame.body);
    return frameToEnvelope(received.headers, received.body, dialect);
  };
}

/** What each STOMP flavour's frames do not carry, and why. */
const EXPECTED: Record<StompDialect['adapter'], readonly ExpectedDifference[]> = {
  'stomp+activemq': [
    {
      entry: '*',
      field: 'connectionId',
      reason: 'ActiveMQ filters noLocal itself (capability native), so the sending connection id is not put on the wire',
    },
  ],
  'stomp+rabbitmq': [],
};

for (const dialect of [ACTIVEMQ, RABBITMQ]) {
  describe(`${dialect.adapter} adapter: envelope ↔ STOMP frame`, () => {
    it('carries the test kit corpus through stompit\'s STOMP 1.2 frames', async () => {
      const report = await checkRoundTrips(envelopeCorpus({ now: NOW }), roundTrip(dialect), EXPECTED[dialect.adapter]);
      expect(report.unexpected, describeDifferences(report.unexpected)).to.deep.equal([]);
      expect(report.unused, 'expected differences that did not occur').to.deep.equal([]);
    });
  });
}
