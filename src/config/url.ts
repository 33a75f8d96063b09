import { ErrorCode } from '../api/error-codes.js';
import { JMSException } from '../api/exceptions.js';

/** A broker URL split into its parts: `scheme://[user[:password]@]host[:port][,host[:port]...][/path][?query]`. */
export interface ParsedUrl {
  readonly scheme: string;
  readonly username?: string;
  readonly password?: string;
  readonly hosts: readonly { readonly host: string; readonly port: number | null }[];
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
}

/** The code of every configuration error (kept for compatibility: ErrorCode.INVALID_CONFIGURATION). */
export const INVALID_CONFIGURATION = ErrorCode.INVALID_CONFIGURATION;

function invalid(url: string, why: string): JMSException {
  return new JMSException(`Invalid broker URL "${redactUrl(url)}": ${why}`, INVALID_CONFIGURATION);
}

/**
 * Parses a broker URL. Written by hand rather than with WHATWG `URL` because Kafka URLs list
 * several hosts (`kafka://a:9092,b:9092`), which `URL` refuses.
 */
export function parseBrokerUrl(url: string): ParsedUrl {
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(\?[^#]*)?$/i.exec(url.trim());
  if (!match) throw invalid(url, 'expected scheme://[user:password@]host[:port][/path][?option=value]');
  const [, scheme, authority, rawPath, rawQuery] = match;
  // An '@' after the host list means a password with an unencoded / ? or #: the URL cannot be
  // split safely, and no part of it may be echoed (it could be the password).
  if (`${rawPath}${rawQuery ?? ''}`.includes('@')) {
    throw invalid(
      url,
      "it has an '@' after the host: percent-encode / ? # % @ : in a user name or password (e.g. %2F for /), and @ in an option value as %40",
    );
  }
  const at = authority.lastIndexOf('@');
  const userInfo = at >= 0 ? authority.slice(0, at) : undefined;
  const hostList = at >= 0 ? authority.slice(at + 1) : authority;

  let username: string | undefined;
  let password: string | undefined;
  if (userInfo !== undefined) {
    const colon = userInfo.indexOf(':');
    username = decode(url, colon >= 0 ? userInfo.slice(0, colon) : userInfo, 'the user name');
    if (colon >= 0) password = decode(url, userInfo.slice(colon + 1), 'the password');
  }

  const hosts = hostList === '' ? [] : hostList.split(',').map((part) => parseHost(url, part));
  const path = decode(url, rawPath.replace(/^\//, ''));
  const query: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawQuery ?? '')) {
    if (key in query) throw invalid(url, `option "${key}" is given twice`);
    query[key] = value;
  }
  return { scheme: scheme.toLowerCase(), username, password, hosts, path, query };
}

function parseHost(url: string, part: string): { host: string; port: number | null } {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d*))?$/i.exec(part);
  if (!match) throw invalid(url, `"${part}" is not a host[:port]`);
  const [, host, portText] = match;
  if (portText === undefined || portText === '') return { host: host.replace(/^\[|\]$/g, ''), port: null };
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw invalid(url, `port "${portText}" is not between 1 and 65535`);
  return { host: host.replace(/^\[|\]$/g, ''), port };
}

/** Percent-decodes a part of the URL; `secret` names a part that must not be echoed (the password). */
function decode(url: string, text: string, secret?: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw invalid(url, secret === undefined ? `"${text}" is not valid percent-encoding` : `${secret} is not valid percent-encoding (write % as %25)`);
  }
}

/** Query options whose values are secrets: shown as `***`. */
const SECRET_QUERY_KEYS = /^(tlsPassphrase|password|passphrase)$/i;

/**
 * The URL with any password (and any secret option value) replaced by `***`, safe for messages and
 * logs. Everything up to the last '@' is user-info: a password with an unencoded '@', '/', '?' or
 * '#' is hidden whole, never cut at the character that ended a naive match.
 */
export function redactUrl(url: string): string {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)(.*)$/is.exec(url.trim());
  if (!match) return url.includes('@') || url.includes(':') ? '(an unparseable URL, not shown: it may hold a password)' : url;
  const [, prefix, rest] = match;
  const at = rest.lastIndexOf('@');
  let shown = rest;
  if (at >= 0) {
    const userInfo = rest.slice(0, at);
    const colon = userInfo.indexOf(':');
    const user = colon >= 0 ? userInfo.slice(0, colon) : userInfo;
    // A user name holding / ? # is part of a mangled URL: hide it too rather than guess.
    const safeUser = /[/?#]/.test(user) ? '***' : user;
    shown = `${safeUser}${colon >= 0 ? ':***' : ''}@${rest.slice(at + 1)}`;
  }
  return prefix + shown.replace(/([?&])([^=&#]*)=([^&#]*)/g, (whole, sep: string, key: string) => (SECRET_QUERY_KEYS.test(key) ? `${sep}${key}=***` : whole));
}
