import type { ConnectionFactory } from '../api/connection.js';
import { ErrorCode } from '../api/error-codes.js';
import { JMSException } from '../api/exceptions.js';
import { ClientConnectionFactory, redeliveryPolicy, type ReconnectSettings } from '../client/index.js';
import { ClientTelemetry } from '../client/telemetry/index.js';
import type { Logger, LogLevel } from '../api/logging.js';
import type { TelemetryOptions } from '../api/telemetry.js';
import { scopedLogger, SILENT_LOGGER, type ScopedLogger } from '../spi/logging.js';
import type { RedeliveryPolicy } from '../api/redelivery.js';
import type { OptionValues } from '../spi/options.js';
import type { Provider, ProviderConfig, ProviderDescriptor } from '../spi/provider.js';
import { LazyProvider } from './lazy-provider.js';
import { COMMON_OPTIONS, parseOptions } from './options.js';
import { descriptorFor } from './registry.js';
import { printableConfig, printAs } from './printable.js';
import { parseBrokerUrl, redactUrl } from './url.js';

/** Everything that chooses and configures a broker; a URL string is the short form. */
export interface JmsConfig {
  /** e.g. `memory://`, `amqp://guest:guest@127.0.0.1:5672/`, `kafka://127.0.0.1:9092`. */
  url: string;
  username?: string;
  password?: string;
  clientId?: string;
  /**
   * Adapter options; the same names are accepted in the URL query. PEM options (`tlsCa`, `tlsCert`,
   * `tlsKey`) also take PEM text or a Buffer here.
   */
  options?: Record<string, string | number | boolean | Uint8Array>;
  /**
   * Where jms-ts and its adapters log (pino, bunyan, console or anything with
   * `debug/info/warn/error(fields, message)`); nothing is logged without one.
   */
  logger?: Logger;
  /** The least severe level passed to `logger`; default `info`. */
  logLevel?: LogLevel;
  /** OpenTelemetry tracing and metrics; on by default when `@opentelemetry/api` is installed. */
  telemetry?: TelemetryOptions;
}

/** The environment variable that names the broker when no URL is given. */
export const JMS_URL_VARIABLE = 'JMS_URL';

function normalise(urlOrConfig: string | JmsConfig | undefined): JmsConfig {
  if (urlOrConfig === undefined) return { url: process.env[JMS_URL_VARIABLE] || 'memory://' };
  return typeof urlOrConfig === 'string' ? { url: urlOrConfig } : urlOrConfig;
}

/** The keys a configuration object may have; anything else (a typo such as `clientID`) is refused. */
const CONFIG_KEYS: readonly (keyof JmsConfig)[] = ['url', 'username', 'password', 'clientId', 'options', 'logger', 'logLevel', 'telemetry'];

function invalid(text: string): JMSException {
  return new JMSException(text, ErrorCode.INVALID_CONFIGURATION);
}

function checkKeys(config: JmsConfig): void {
  if (typeof config !== 'object' || config === null) throw invalid('A broker configuration must be a URL string or an object with a url');
  const unknown = Object.keys(config).filter((key) => !(CONFIG_KEYS as readonly string[]).includes(key));
  if (unknown.length > 0) {
    throw invalid(
      `Unknown configuration key${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')}. Known keys: ${CONFIG_KEYS.join(', ')}`,
    );
  }
}

/** A configuration checked and parsed, with the descriptor of its scheme. */
function resolve(urlOrConfig: string | JmsConfig | undefined): { config: ProviderConfig; descriptor: ProviderDescriptor; telemetry?: TelemetryOptions } {
  const config = normalise(urlOrConfig);
  checkKeys(config);
  if (typeof config.url !== 'string' || config.url.trim() === '') {
    throw invalid('No broker URL given: pass one or set JMS_URL (e.g. memory://)');
  }
  const url = redactUrl(config.url);
  const parsed = parseBrokerUrl(config.url);
  const descriptor = descriptorFor(parsed.scheme, url);
  const raw: Record<string, string | Uint8Array> = { ...parsed.query };
  for (const [key, value] of Object.entries(config.options ?? {})) raw[key] = value instanceof Uint8Array ? value : String(value);
  if (config.clientId !== undefined) raw.clientId = config.clientId;

  const base = {
    scheme: parsed.scheme,
    url,
    hosts: parsed.hosts,
    path: parsed.path,
    username: config.username ?? parsed.username,
    password: config.password ?? parsed.password,
    logger: loggerOf(config),
  };
  // An option of another scheme is refused in the adapter's name, asked of the descriptor before options are parsed.
  const adapter = () => descriptor.describe({ ...base, options: {} }).adapter;
  const specs = [...COMMON_OPTIONS, ...descriptor.options];
  const options = parseOptions(specs, raw, { scheme: parsed.scheme, url, adapter });
  const resolved: ProviderConfig = { ...base, options };
  return { config: printAs(resolved, () => printableConfig(resolved, specs)), descriptor, telemetry: checkTelemetry(config.telemetry) };
}

const TELEMETRY_CHECKS: Readonly<Record<keyof TelemetryOptions, [test: (value: unknown) => boolean, wanted: string]>> = {
  tracing: [(value) => typeof value === 'boolean', 'true or false'],
  metrics: [(value) => typeof value === 'boolean', 'true or false'],
  tracerProvider: [(value) => typeof (value as { getTracer?: unknown })?.getTracer === 'function', 'an OpenTelemetry TracerProvider'],
  meterProvider: [(value) => typeof (value as { getMeter?: unknown })?.getMeter === 'function', 'an OpenTelemetry MeterProvider'],
};

/** The telemetry settings, checked: a misspelt key or a wrong value fails at configuration, not silently. */
function checkTelemetry(telemetry: TelemetryOptions | undefined): TelemetryOptions | undefined {
  if (telemetry === undefined) return undefined;
  if (typeof telemetry !== 'object' || telemetry === null) throw invalid('telemetry must be an object such as { tracing: false }');
  for (const [key, value] of Object.entries(telemetry)) {
    const check = TELEMETRY_CHECKS[key as keyof TelemetryOptions];
    if (check === undefined) throw invalid(`Unknown telemetry key "${key}". Known keys: ${Object.keys(TELEMETRY_CHECKS).join(', ')}`);
    if (value !== undefined && !check[0](value)) throw invalid(`telemetry.${key} must be ${check[1]}`);
  }
  return telemetry;
}

/** The configuration's logger, scoped and level-filtered; a wrong logger or level fails here. */
function loggerOf(config: JmsConfig): ScopedLogger | undefined {
  if (config.logger === undefined && config.logLevel === undefined) return undefined;
  try {
    const logger = scopedLogger(config.logger, config.logLevel ?? 'info');
    return logger === SILENT_LOGGER ? undefined : logger;
  } catch (error) {
    throw invalid((error as Error).message);
  }
}

/** Parses and checks a configuration into what an adapter takes. */
export function resolveProviderConfig(urlOrConfig?: string | JmsConfig): ProviderConfig {
  return resolve(urlOrConfig).config;
}

/**
 * The adapter for a URL or configuration, e.g. to read its capabilities. Its implementation and
 * broker client library are loaded on its first connect().
 */
export function resolveProvider(urlOrConfig?: string | JmsConfig): Provider {
  const { config, descriptor } = resolve(urlOrConfig);
  return new LazyProvider(descriptor, config);
}

/**
 * The one call an application makes to pick its broker: a URL (or a configuration object, or
 * nothing to use the JMS_URL environment variable, defaulting to the embedded `memory://`).
 * Bad configuration fails here, at once, with a JMSException whose code is ErrorCode.INVALID_CONFIGURATION.
 */
export function createConnectionFactory(urlOrConfig?: string | JmsConfig): ConnectionFactory {
  const { config, descriptor, telemetry } = resolve(urlOrConfig);
  const provider = new LazyProvider(descriptor, config);
  return new ClientConnectionFactory(provider, {
    clientId: config.options.clientId as string | undefined,
    username: config.username,
    password: config.password,
    prefetch: config.options.prefetch as number | undefined,
    redeliveryPolicy: redeliveryPolicyOf(config.options),
    hosts: config.hosts,
    reconnect: reconnectSettingsOf(config.options),
    telemetry: new ClientTelemetry({
      adapter: provider.adapter,
      server: config.hosts[0],
      url: config.url,
      logger: config.logger?.child('client'),
      options: telemetry,
    }),
  });
}

/** The reconnect settings the common options describe (defaulted and range-checked by their specs). */
function reconnectSettingsOf(options: OptionValues): ReconnectSettings {
  return {
    reconnect: options.reconnect as boolean,
    reconnectDelay: options.reconnectDelay as number,
    maxReconnectDelay: options.maxReconnectDelay as number,
    reconnectTimeout: options.reconnectTimeout as number,
    randomize: options.randomize as boolean,
  };
}

/** The redelivery policy the common options describe (already range-checked by their specs). */
function redeliveryPolicyOf(options: OptionValues): RedeliveryPolicy {
  return redeliveryPolicy({
    maxRedeliveries: options.maxRedeliveries as number | undefined,
    redeliveryDelay: options.redeliveryDelay as number | undefined,
    redeliveryBackoff: options.redeliveryBackoff as number | undefined,
    maxRedeliveryDelay: options.maxRedeliveryDelay as number | undefined,
    deadLetterQueue: options.deadLetterQueue as string | undefined,
  });
}
