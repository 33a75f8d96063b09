import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import tls from 'node:tls';
import type { AddressInfo } from 'node:net';
import { brokerUrl } from './brokers.js';

/** The test CA's directory (scripts/brokers.sh keeps the certificates it made there), or undefined. */
export function tlsDirectory(): string | undefined {
  const ca = brokerUrl('tlsCa');
  return ca === undefined ? undefined : dirname(ca);
}

/** A file of the test CA's directory: ca.pem, client.pem, client.key, client-encrypted.key, other-ca.pem, expired.pem ... */
export function tlsFile(name: string): string {
  const dir = tlsDirectory();
  if (dir === undefined) throw new Error('JMS_TEST_TLS_CA is not set: run `npm run brokers -- up`');
  return join(dir, name);
}

/** The URL with query options set (a value) or removed (undefined); the rest kept as written. */
export function withOptions(url: string, changes: Record<string, string | undefined>): string {
  const at = url.indexOf('?');
  const base = at < 0 ? url : url.slice(0, at);
  const query = new URLSearchParams(at < 0 ? '' : url.slice(at + 1));
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) query.delete(key);
    else query.set(key, value);
  }
  const text = query.toString();
  return text === '' ? base : `${base}?${text}`;
}

/** The URL with another host:port (and the same user-info, path and options). */
export function withPort(url: string, port: number): string {
  return url.replace(/@?(127\.0\.0\.1|localhost):\d+/, (match) => match.replace(/\d+$/, String(port)));
}

/** The port of a URL's first host. */
export function portOf(url: string): number {
  const match = /(?:127\.0\.0\.1|localhost):(\d+)/.exec(url);
  if (!match) throw new Error(`no 127.0.0.1 port in ${url}`);
  return Number(match[1]);
}

/**
 * A TLS server on loopback with the test CA's expired certificate: every handshake with a client
 * that checks certificates fails. Returns its port and how to stop it.
 */
export async function expiredCertificateServer(): Promise<{ port: number; close(): Promise<void> }> {
  const server = tls.createServer({ key: readFileSync(tlsFile('expired.key')), cert: readFileSync(tlsFile('expired.pem')) }, (socket) => socket.destroy());
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
