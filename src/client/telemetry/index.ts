export { ClientTelemetry, type TelemetrySettings, type ListenerRun } from './client-telemetry.js';
export { watchConnection } from './watched-connection.js';
export { TRACEPARENT, TRACESTATE } from './trace-context.js';
export { MAX_METRIC_DESTINATIONS, TEMPORARY_DESTINATION, OTHER_DESTINATION } from './attributes.js';
