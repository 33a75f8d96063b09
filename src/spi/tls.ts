import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import { ErrorCode } from '../api/error-codes.js';
import { JMSException, JMSSecurityException } from '../api/exceptions.js';
import type { OptionSpec, OptionValue } from './options.js';
import type { ProviderConfig } from './provider.js';

/**
 * TLS for every networked adapter, with one set of options: the specs an adapter's descriptor
 * lists, the check that TLS options are not given to a plaintext connection, the Node TLS options
 * they describe (files read at each connect, so renewed certificates are picked up), and the
 * handshake failures named so a person understands them.
 */

/** The TLS options, for a descriptor's `options`. */
export const TLS_OPTIONS: readonly OptionSpec[] = [
  { name: 'tls', kind: 'boolean', description: 'Connect over TLS (`amqps:` and `rediss:` always do). The broker\'s certificate is verified against the system CAs, or `tlsCa`.' },
  { name: 'tlsCa', kind: 'pem', description: 'CA certificates to trust instead of the system ones (PEM).' },
  { name: 'tlsCert', kind: 'pem', description: 'Client certificate for mutual TLS (PEM), with `tlsKey`.' },
  { name: 'tlsKey', kind: 'pem', secret: true, description: 'Private key of `tlsCert` (PEM); never printed.' },
  { name: 'tlsPassphrase', kind: 'string', secret: true, description: 'Passphrase of an encrypted `tlsKey`; never printed.' },
  { name: 'tlsServername', kind: 'string', description: 'The name the broker\'s certificate must carry (and SNI), when it is not the host of the URL.' },
  {
    name: 'tlsRejectUnauthorized',
    kind: 'boolean',
    default: true,
    description: '`false` accepts any broker certificate (a warning is printed once): for tests only.',
  },
];

const TLS_DETAIL_OPTIONS = ['tlsCa', 'tlsCert', 'tlsKey', 'tlsPassphrase', 'tlsServername'] as const;

function invalid(text: string, config: ProviderConfig): JMSException {
  return new JMSException(`${text} in "${config.url}"`, ErrorCode.INVALID_CONFIGURATION);
}

/**
 * Whether a configuration connects over TLS: its scheme says so (`secureSchemes`, e.g. amqps) or
 * `tls=true`. Throws for TLS options given to a plaintext connection (they would be ignored), for a
 * `tls=false` on a TLS scheme, and for a key without a certificate or the reverse.
 */
export function usesTls(config: ProviderConfig, secureSchemes: readonly string[] = []): boolean {
  const { options } = config;
  const bySchema = secureSchemes.includes(config.scheme);
  if (bySchema && options.tls === false) throw invalid(`tls=false contradicts the ${config.scheme}: scheme`, config);
  const enabled = bySchema || options.tls === true;
  if (!enabled) {
    const given: string[] = TLS_DETAIL_OPTIONS.filter((name) => options[name] !== undefined);
    if (options.tlsRejectUnauthorized === false) given.push('tlsRejectUnauthorized');
    if (given.length > 0) {
      throw invalid(`${given.join(', ')} given for a connection without TLS (add tls=true${secureSchemes.length > 0 ? ` or use ${secureSchemes[0]}:` : ''})`, config);
    }
  }
  if ((options.tlsCert === undefined) !== (options.tlsKey === undefined)) {
    throw invalid('tlsCert and tlsKey go together: mutual TLS needs the certificate and its private key', config);
  }
  if (options.tlsPassphrase !== undefined && options.tlsKey === undefined) throw invalid('tlsPassphrase given without tlsKey', config);
  return enabled;
}

async function loadPem(name: string, value: OptionValue | undefined, config: ProviderConfig): Promise<Buffer | undefined> {
  if (value === undefined) return undefined;
  if (value instanceof Uint8Array) return Buffer.from(value);
  try {
    return await readFile(String(value));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new JMSException(`Cannot read the ${name} file "${String(value)}" (${reason}) for ${config.url}`, ErrorCode.INVALID_CONFIGURATION, error);
  }
}

let warnedInsecure = false;

/**
 * The Node TLS options of a configuration, or null without TLS: trust, client certificate and
 * `servername` when `tlsServername` is given (the host and, for a host name, SNI are the client
 * library's to set: see `sniFor`). PEM files are read now, at each connect.
 * `tlsRejectUnauthorized=false` warns once per process.
 */
export async function tlsConnectionOptions(config: ProviderConfig, secureSchemes: readonly string[] = []): Promise<ConnectionOptions | null> {
  if (!usesTls(config, secureSchemes)) return null;
  const { options } = config;
  const [ca, cert, key] = await Promise.all([
    loadPem('tlsCa', options.tlsCa, config),
    loadPem('tlsCert', options.tlsCert, config),
    loadPem('tlsKey', options.tlsKey, config),
  ]);
  const rejectUnauthorized = options.tlsRejectUnauthorized !== false;
  if (!rejectUnauthorized && !warnedInsecure) {
    warnedInsecure = true;
    process.emitWarning('tlsRejectUnauthorized=false: the broker\'s TLS certificate is not verified; anyone on the network path can read and change the traffic', {
      type: 'SecurityWarning',
      code: 'JMS_TLS_UNVERIFIED',
    });
  }
  const servername = options.tlsServername as string | undefined;
  return {
    ...(servername !== undefined ? { servername } : {}),
    rejectUnauthorized,
    ...(ca ? { ca } : {}),
    ...(cert ? { cert } : {}),
    ...(key ? { key } : {}),
    ...(options.tlsPassphrase !== undefined ? { passphrase: options.tlsPassphrase as string } : {}),
  };
}

/** The default of every adapter's maximum frame (or response) size: 64 MiB, amqplib's own default. */
export const DEFAULT_MAX_FRAME_SIZE = 64 * 1024 * 1024;

/** `{ servername: host }` for a host name; nothing for an IP address, which is not a valid SNI name (Node then checks the certificate's IP entries). */
export function sniFor(host: string): { servername?: string } {
  return isIP(host) === 0 ? { servername: host } : {};
}

/** Handshake failures by OpenSSL/Node code: what went wrong, in words, and whether it is about trust. */
const TLS_FAILURES: readonly { codes: RegExp; text: string; security: boolean }[] = [
  {
    codes: /UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_GET_ISSUER_CERT|CERT_SIGNATURE_FAILURE|CERT_UNTRUSTED/,
    text: "the broker's TLS certificate is not signed by a trusted CA (give the broker's CA with tlsCa)",
    security: true,
  },
  { codes: /CERT_HAS_EXPIRED/, text: "the broker's TLS certificate has expired", security: true },
  { codes: /CERT_NOT_YET_VALID/, text: "the broker's TLS certificate is not valid yet", security: true },
  {
    codes: /ERR_TLS_CERT_ALTNAME_INVALID|HOSTNAME_MISMATCH/,
    text: "the broker's TLS certificate is not for this host name (set tlsServername to the name it carries)",
    security: true,
  },
  {
    codes: /CERTIFICATE_REQUIRED|ALERT_BAD_CERTIFICATE|ALERT_UNKNOWN_CA|ALERT_HANDSHAKE_FAILURE|ALERT_CERTIFICATE_UNKNOWN|ALERT_ACCESS_DENIED/,
    text: 'the broker refused the TLS handshake (it may require a client certificate it trusts: tlsCert and tlsKey)',
    security: true,
  },
  {
    codes: /WRONG_VERSION_NUMBER|PACKET_LENGTH_TOO_LONG|UNKNOWN_PROTOCOL|RECORD_LAYER_FAILURE|ERR_SSL_HTTP_REQUEST|WRONG_SSL_VERSION/,
    text: 'the port does not speak TLS (is it a plaintext port? drop tls=true, or use the broker\'s TLS port)',
    security: false,
  },
  { codes: /BAD_DECRYPT|ERR_OSSL_EVP_BAD_DECRYPT|bad decrypt/i, text: 'the private key (tlsKey) cannot be decrypted: wrong or missing tlsPassphrase', security: true },
  { codes: /KEY_VALUES_MISMATCH/, text: 'tlsKey is not the private key of tlsCert', security: false },
  { codes: /NO_START_LINE|PEM_read|ERR_OSSL_PEM|BAD_BASE64_DECODE|ASN1/, text: 'a TLS file or value is not PEM (tlsCa, tlsCert, tlsKey)', security: false },
];

/** The text of an error and its causes (kafkajs and amqplib wrap the socket's error). */
function describeChain(error: unknown): string {
  const parts: string[] = [];
  for (let cause = error, depth = 0; cause !== undefined && cause !== null && depth < 5; depth++) {
    const { code, message, reason } = cause as { code?: unknown; message?: unknown; reason?: unknown };
    parts.push(`${typeof code === 'string' ? code : ''} ${typeof message === 'string' ? message : ''} ${typeof reason === 'string' ? reason : ''}`);
    cause = (cause as { cause?: unknown; originalError?: unknown }).cause ?? (cause as { originalError?: unknown }).originalError;
  }
  return parts.join(' ');
}

/**
 * A TLS handshake failure named in words: JMSSecurityException for trust failures (unknown CA,
 * expired or misnamed certificate, a refused client certificate, a bad key passphrase), JMSException
 * for a port that does not speak TLS or unreadable PEM. Null when `error` is not a TLS failure.
 */
export function tlsFailure(error: unknown, where: string): JMSException | null {
  if (error instanceof JMSException) return null;
  const text = describeChain(error);
  const failure = TLS_FAILURES.find((candidate) => candidate.codes.test(text));
  if (failure === undefined) return null;
  const message = `Cannot connect to ${where} over TLS: ${failure.text}`;
  return failure.security
    ? new JMSSecurityException(message, ErrorCode.ACCESS_REFUSED, error)
    : new JMSException(message, ErrorCode.BROKER_UNAVAILABLE, error);
}
