/**
 * OpenTelemetry settings of a connection factory. Tracing and metrics use `@opentelemetry/api`
 * when the application has it installed (an optional peer dependency) and cost nothing when it
 * has not. By default they report to the global tracer and meter providers the application
 * registered with its OpenTelemetry SDK.
 */
export interface TelemetryOptions {
  /** false: no spans and no trace context on messages, even with OpenTelemetry installed. Default true. */
  tracing?: boolean;
  /** false: no metrics, even with OpenTelemetry installed. Default true. */
  metrics?: boolean;
  /** An OpenTelemetry TracerProvider to use instead of the global one. */
  tracerProvider?: { getTracer(name: string, version?: string): unknown };
  /** An OpenTelemetry MeterProvider to use instead of the global one. */
  meterProvider?: { getMeter(name: string, version?: string): unknown };
}
