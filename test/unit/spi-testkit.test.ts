import { expect } from 'chai';
import { destinationOf } from '../../src/api/destination.js';
import type { Envelope } from '../../src/spi/envelope.js';
import { checkRoundTrips, envelopeCorpus, envelopeDifferences } from '../../src/spi/testkit/index.js';

/** The test kit's comparison must see every loss a mapper could cause, or the mapper tests prove nothing. */
describe('spi test kit: envelope comparison', () => {
  const sample = (): Envelope => ({ ...envelopeCorpus()[0]!.envelope, properties: new Map() });

  it('tells NaN from a number, -0 from 0, and a short from an int', () => {
    const sent = sample();
    sent.properties.set('f', { type: 'double', value: Number.NaN });
    sent.properties.set('z', { type: 'double', value: -0 });
    sent.properties.set('s', { type: 'short', value: 5 });
    const received = sample();
    received.properties.set('f', { type: 'double', value: 0 });
    received.properties.set('z', { type: 'double', value: 0 });
    received.properties.set('s', { type: 'int', value: 5 });
    expect(envelopeDifferences(sent, received).map((d) => d.field)).to.deep.equal(['properties.f', 'properties.z', 'properties.s']);
    expect(envelopeDifferences(sent, sent)).to.deep.equal([]);
  });

  it('sees a lost long edge, a missing property, a changed body and a reply-to that lost its temporary flag', () => {
    const sent = { ...sample(), replyTo: destinationOf('queue', 'r', true) };
    sent.properties.set('l', { type: 'long', value: 2n ** 63n - 1n });
    sent.properties.set('gone', { type: 'string', value: '' });
    const received = { ...sample(), replyTo: destinationOf('queue', 'r'), body: new Uint8Array([1]) };
    received.properties.set('l', { type: 'long', value: 2n ** 63n });
    expect(envelopeDifferences(sent, received).map((d) => d.field)).to.deep.equal(['replyTo', 'body', 'properties.l', 'properties.gone']);
  });

  it('sorts differences into explained and unexpected, and reports expected differences that never happen', async () => {
    const corpus = envelopeCorpus().slice(0, 2);
    const report = await checkRoundTrips(corpus, (envelope) => ({ ...envelope, connectionId: null }), [
      { entry: '*', field: 'connectionId', reason: 'not carried' },
      { entry: 'body.map', field: 'body', reason: 'claimed but never happens' },
    ]);
    expect(report.unexpected).to.deep.equal([]);
    expect(report.explained).to.have.length(2);
    expect(report.unused.map((e) => e.entry)).to.deep.equal(['body.map']);
  });

  it('reports a mapper that throws as an unexpected difference named error', async () => {
    const report = await checkRoundTrips(envelopeCorpus().slice(0, 1), () => {
      throw new TypeError('boom');
    });
    expect(report.unexpected.map((d) => [d.field, d.received])).to.deep.equal([['error', 'TypeError: boom']]);
  });
});
