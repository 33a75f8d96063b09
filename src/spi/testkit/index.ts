/**
 * The adapter author's test kit: an Envelope corpus every mapper should carry through its wire
 * format without a broker, and contract checks that run against a Provider without the client layer.
 * @module jms-ts/spi/testkit
 */
export { envelopeCorpus, plainEnvelope, type CorpusEntry, type CorpusOptions } from './envelope-corpus.js';
export {
  checkRoundTrips,
  describeDifferences,
  envelopeDifferences,
  type EnvelopeDifference,
  type ExpectedDifference,
  type RoundTripReport,
} from './envelope-compare.js';
export {
  PROVIDER_CONTRACT,
  runProviderContract,
  type ContractCheck,
  type ContractResult,
  type ContractTarget,
} from './provider-contract.js';
