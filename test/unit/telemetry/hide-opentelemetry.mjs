// A module.register hook: resolving any @opentelemetry/* package fails as it does in an
// application that has none installed.
import { register } from 'node:module';

if (process.env.JMS_TEST_HIDE_OTEL_HOOK !== '1') {
  process.env.JMS_TEST_HIDE_OTEL_HOOK = '1';
  register(import.meta.url, import.meta.url);
}

export async function resolve(specifier, context, next) {
  if (specifier === '@opentelemetry/api' || specifier.startsWith('@opentelemetry/')) {
    const error = new Error(`Cannot find package '${specifier}' (hidden by the test)`);
    error.code = 'ERR_MODULE_NOT_FOUND';
    throw error;
  }
  return next(specifier, context);
}
