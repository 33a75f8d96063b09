import type { Context, SpanContext } from '@opentelemetry/api';
import type { Envelope } from '../../spi/envelope.js';
import type { Otel } from './otel-loader.js';
import { TRACEPARENT, TRACESTATE } from './types.js';

/**
 * W3C Trace Context on a message: the `traceparent` and `tracestate` properties (valid JMS
 * property names, carried by every adapter like any string property). jms-ts writes and reads
 * them itself, so the format does not depend on which propagator the application registered.
 */

const TRACEPARENT_FORMAT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;

/** Puts the span context into the envelope's properties (replacing any it had). */
export function injectTraceContext(span: SpanContext, envelope: Envelope): void {
  const flags = (span.traceFlags & 0xff).toString(16).padStart(2, '0');
  envelope.properties.set(TRACEPARENT, { type: 'string', value: `00-${span.traceId}-${span.spanId}-${flags}` });
  const state = span.traceState?.serialize();
  if (state) envelope.properties.set(TRACESTATE, { type: 'string', value: state });
  else envelope.properties.delete(TRACESTATE);
}

/**
 * The producer's context a message carries, as a remote parent under the root context; the
 * root context itself when the message has none (a plain client's message starts a new trace).
 */
export function extractTraceContext(otel: Otel, envelope: Envelope): Context {
  const parent = envelope.properties.get(TRACEPARENT);
  if (parent?.type !== 'string') return otel.ROOT_CONTEXT;
  const match = TRACEPARENT_FORMAT.exec(parent.value.trim());
  if (match === null || match[1] === 'ff' || (match[1] === '00' && match[5] !== undefined)) return otel.ROOT_CONTEXT;
  const [, , traceId, spanId, flags] = match;
  if (!otel.trace.isSpanContextValid({ traceId, spanId, traceFlags: 0 })) return otel.ROOT_CONTEXT;
  const state = envelope.properties.get(TRACESTATE);
  return otel.trace.setSpanContext(otel.ROOT_CONTEXT, {
    traceId,
    spanId,
    traceFlags: parseInt(flags, 16) & 0xff,
    isRemote: true,
    traceState: state?.type === 'string' ? otel.createTraceState(state.value) : undefined,
  });
}
