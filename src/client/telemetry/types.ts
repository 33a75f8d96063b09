import type { Destination } from '../../api/destination.js';

/**
 * The telemetry types the rest of the client layer sees. They name no OpenTelemetry type, so the
 * package's declarations stay valid in an application without `@opentelemetry/api`.
 */

/** The first broker host, for `server.address` and `server.port`. */
export interface ServerAddress {
  readonly host: string;
  readonly port: number | null;
}

/** What a consumer span and metric say about the consumer. */
export interface ConsumerFacts {
  readonly destination: Destination;
  readonly subscriptionName: string | null;
}

/** The W3C Trace Context properties a traced message carries. */
export const TRACEPARENT = 'traceparent';
export const TRACESTATE = 'tracestate';
