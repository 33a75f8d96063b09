import type { Capabilities } from '../../spi/capabilities.js';
import type { CaseContext } from './context.js';

/** The groups conformance cases are sorted into, in report order. */
export const GROUPS = [
  'messages-and-bodies',
  'headers-and-properties',
  'selectors',
  'acknowledgement-and-recover',
  'transactions',
  'ordering-and-priority',
  'ttl-and-delay',
  'redelivery-and-dead-letter',
  'subscriptions',
  'temporary-and-request-reply',
  'browsing',
  'lifecycle-and-errors',
  'concurrency',
] as const;

/** One of GROUPS. */
export type Group = (typeof GROUPS)[number];

/** One conformance case: a JMS behaviour, checked against a live broker through the public API. */
export interface ConformanceCase {
  /** Stable id, `group-prefix.what-it-checks`. */
  readonly id: string;
  readonly group: Group;
  /** The capability the behaviour needs, or null when every adapter must have it. */
  readonly capability: keyof Capabilities | null;
  run(ctx: CaseContext): Promise<void>;
  /**
   * Where the adapter declares the capability unsupported: checks that asking for the feature
   * throws FeatureNotSupportedException.
   */
  unsupported?(ctx: CaseContext): Promise<void>;
}

/** How a case ended: passed, failed, or the adapter declared the feature unsupported (and refused it). */
export type CaseResult = 'pass' | 'fail' | 'unsupported';

/** The outcome of one conformance case. */
export interface CaseReport {
  id: string;
  group: Group;
  capability: string | null;
  result: CaseResult;
  error?: string;
}

/** The outcome of a conformance run against one broker URL. */
export interface ConformanceReport {
  adapter: string;
  url: string;
  cases: CaseReport[];
  summary: { pass: number; fail: number; unsupported: number };
}
