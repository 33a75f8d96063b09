/**
 * The client layer's logs, traces and metrics. This entry exports nothing that names an
 * OpenTelemetry type (those stay in the files behind ClientTelemetry), so the declarations the
 * package ships hold in an application without `@opentelemetry/api`.
 */
export { ClientTelemetry, type TelemetrySettings, type ListenerRun } from './client-telemetry.js';
export { watchConnection } from './watched-connection.js';
export { TRACEPARENT, TRACESTATE, type ServerAddress, type ConsumerFacts } from './types.js';
