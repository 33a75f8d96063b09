import type * as OtelApi from '@opentelemetry/api';

/** The parts of `@opentelemetry/api` jms-ts uses. */
export type Otel = typeof OtelApi;

let loading: Promise<Otel | null> | null = null;

/**
 * Loads `@opentelemetry/api` once, on the first connection, and null when the application does
 * not have it installed: it is an optional peer dependency, so no OpenTelemetry code is loaded
 * (and nothing costs anything) in an application without it.
 */
export function loadOpenTelemetry(): Promise<Otel | null> {
  loading ??= import('@opentelemetry/api').then(
    (loaded) => {
      // Named exports when Node reads the package as ESM; under `default` when it reads its CommonJS build.
      const module = loaded as unknown as Otel & { default?: Otel };
      return module.trace !== undefined ? module : (module.default ?? null);
    },
    () => null,
  );
  return loading;
}
