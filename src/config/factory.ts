import type { ConnectionFactory } from '../api/connection.js';
import { JMSException } from '../api/exceptions.js';
import { ClientConnectionFactory } from '../client/index.js';
import type { Provider, ProviderConfig } from '../spi/provider.js';
import { descriptorFor } from './registry.js';
import { INVALID_CONFIGURATION, parseBrokerUrl, redactUrl } from './url.js';

/** Everything that chooses and configures a broker; a URL string is the short form. */
export interface JmsConfig {
  /** e.g. `memory://`, `amqp://guest:guest@127.0.0.1:5672/`, `kafka://127.0.0.1:9092`. */
  url: string;
  username?: string;
  password?: string;
  clientId?: string;
  /** Adapter options; the same names are accepted in the URL query. */
  options?: Record<string, string | number | boolean>;
}

/** Options every adapter accepts; the client layer uses them. */
const COMMON_OPTIONS = ['clientId', 'prefetch'] as const;

/** The environment variable that names the broker when no URL is given. */
export const JMS_URL_VARIABLE = 'JMS_URL';

function normalise(urlOrConfig: string | JmsConfig | undefined): JmsConfig {
  if (urlOrConfig === undefined) return { url: process.env[JMS_URL_VARIABLE] || 'memory://' };
  return typeof urlOrConfig === 'string' ? { url: urlOrConfig } : urlOrConfig;
}

/** Parses and checks a configuration into what an adapter factory takes. */
export function resolveProviderConfig(urlOrConfig?: string | JmsConfig): ProviderConfig {
  const config = normalise(urlOrConfig);
  if (typeof config.url !== 'string' || config.url.trim() === '') {
    throw new JMSException('No broker URL given: pass one or set JMS_URL (e.g. memory://)', INVALID_CONFIGURATION);
  }
  const url = redactUrl(config.url);
  const parsed = parseBrokerUrl(config.url);
  const descriptor = descriptorFor(parsed.scheme, url);
  const options: Record<string, string> = { ...parsed.query };
  for (const [key, value] of Object.entries(config.options ?? {})) options[key] = String(value);
  if (config.clientId !== undefined) options.clientId = config.clientId;

  const allowed = new Set<string>([...COMMON_OPTIONS, ...descriptor.options]);
  const unknown = Object.keys(options).filter((key) => !allowed.has(key));
  if (unknown.length > 0) {
    throw new JMSException(
      `Unknown option${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')} for ${parsed.scheme}: URLs ("${url}"). Known options: ${[...allowed].sort().join(', ')}`,
      INVALID_CONFIGURATION,
    );
  }
  if (options.prefetch !== undefined && !/^[1-9]\d*$/.test(options.prefetch)) {
    throw new JMSException(`Option prefetch must be a positive integer, got "${options.prefetch}" in "${url}"`, INVALID_CONFIGURATION);
  }
  return {
    scheme: parsed.scheme,
    url,
    hosts: parsed.hosts,
    path: parsed.path,
    username: config.username ?? parsed.username,
    password: config.password ?? parsed.password,
    options,
  };
}

/** The adapter for a URL or configuration, e.g. to read its capabilities. */
export function resolveProvider(urlOrConfig?: string | JmsConfig): Provider {
  const config = resolveProviderConfig(urlOrConfig);
  return descriptorFor(config.scheme, config.url).create(config);
}

/**
 * The one call an application makes to pick its broker: a URL (or a configuration object, or
 * nothing to use the JMS_URL environment variable, defaulting to the embedded `memory://`).
 * Bad configuration fails here, at once, with a JMSException whose code is InvalidConfiguration.
 */
export function createConnectionFactory(urlOrConfig?: string | JmsConfig): ConnectionFactory {
  const config = resolveProviderConfig(urlOrConfig);
  const provider = descriptorFor(config.scheme, config.url).create(config);
  return new ClientConnectionFactory(provider, {
    clientId: config.options.clientId,
    username: config.username,
    password: config.password,
    prefetch: config.options.prefetch !== undefined ? Number(config.options.prefetch) : undefined,
  });
}
