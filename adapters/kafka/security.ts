import { ErrorCode } from '../../src/api/error-codes.js';
import { JMSException, JMSSecurityException } from '../../src/api/exceptions.js';
import { tlsFailure, usesTls, type OptionSpec, type ProviderConfig } from '../../src/spi/public.js';

/**
 * Kafka's TLS and SASL settings: which mechanisms, and the rule that credentials are never
 * ignored (Kafka authenticates only through SASL). Light: the descriptor uses it without kafkajs.
 */

export const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

export const SASL_OPTION: OptionSpec = {
  name: 'sasl',
  kind: 'enum',
  values: SASL_MECHANISMS,
  description: 'SASL mechanism to authenticate with the URL\'s (or the connection\'s) user name and password, over TLS (`tls=true`) or plaintext.',
};

function invalid(text: string, url: string): JMSException {
  return new JMSException(`${text} in "${url}"`, ErrorCode.INVALID_CONFIGURATION);
}

const WITHOUT_SASL = 'Kafka authenticates only with SASL: give sasl=plain, sasl=scram-sha-256 or sasl=scram-sha-512, or no user name and password';

/** Refuses what the adapter would ignore: credentials without `sasl`, TLS options without `tls=true`. */
export function checkKafkaSecurity(config: ProviderConfig): void {
  usesTls(config);
  if (config.options.sasl === undefined && (config.username !== undefined || config.password !== undefined)) {
    throw invalid(`A user name or password was given, but ${WITHOUT_SASL}`, config.url);
  }
}

/** The credentials a connection authenticates with: the connection's own, else the configuration's. */
export interface KafkaCredentials {
  readonly username?: string;
  readonly password?: string;
}

/** kafkajs's `sasl` setting, or undefined without SASL; throws for credentials that would be ignored or missing. */
export function saslSettings(config: ProviderConfig, given: KafkaCredentials): { mechanism: SaslMechanism; username: string; password: string } | undefined {
  const mechanism = config.options.sasl as SaslMechanism | undefined;
  const username = given.username ?? config.username;
  const password = given.password ?? config.password;
  if (mechanism === undefined) {
    if (username !== undefined || password !== undefined) throw invalid(`A user name or password was given to createConnection, but ${WITHOUT_SASL}`, config.url);
    return undefined;
  }
  if (username === undefined || password === undefined) {
    throw new JMSSecurityException(`sasl=${mechanism} needs a user name and a password (in the URL or given to createConnection) for ${config.url}`, ErrorCode.ACCESS_REFUSED);
  }
  return { mechanism, username, password };
}

/** Why connecting to Kafka failed, in words: a TLS or SASL failure, or the broker not answering. */
export function kafkaConnectError(error: unknown, url: string, secure: boolean): JMSException {
  if (error instanceof JMSException) return error;
  const tls = tlsFailure(error, `Kafka at ${url}`);
  if (tls !== null) return tls;
  const name = (error as { name?: unknown })?.name;
  const message = (error as Error)?.message ?? String(error);
  if (name === 'KafkaJSSASLAuthenticationError' || /SASL|authenticat/i.test(message)) {
    const detail = /not supported by the server|does not support the requested SASL mechanism|UNSUPPORTED_SASL_MECHANISM/i.test(message)
      ? 'the broker does not offer this SASL mechanism on this listener (choose another sasl=)'
      : 'the broker refused the SASL user name or password';
    return new JMSSecurityException(`Cannot connect to Kafka at ${url}: ${detail} (${message})`, ErrorCode.ACCESS_REFUSED, error);
  }
  if (/Closed connection|ECONNRESET|socket hang up|disconnected|Connection timeout|Request timed out/i.test(message)) {
    const hint = secure ? 'is it a plaintext listener? drop tls=true' : 'is it a TLS or SASL listener? add tls=true or sasl=';
    return new JMSException(`Cannot connect to Kafka at ${url}: the broker closed or did not answer the connection (${hint}): ${message}`, ErrorCode.BROKER_UNAVAILABLE, error);
  }
  return new JMSException(`Cannot connect to Kafka at ${url}: ${message}`, ErrorCode.BROKER_UNAVAILABLE, error);
}
