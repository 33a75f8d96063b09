import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { BROKERS, BROKERS_DIR, type BrokerKey } from './brokers.js';
import { FaultProxy } from './fault-proxy.js';

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('../../scripts/brokers.sh', import.meta.url));

/**
 * Crashes and restarts of a broker through scripts/brokers.sh, with the same state directory
 * (JMS_BROKERS_DIR) and port variables the test's broker URL came from, so CI and a private
 * development setup kill the same broker they test against, and never another one.
 */
export interface BrokerProcess {
  readonly broker: string;
  /** True on a reused system RabbitMQ, where `kill` closes the client connections instead of the process. */
  readonly closesConnectionsOnly: boolean;
  /** SIGKILL the broker process (a crash); on a reused system RabbitMQ, close all its connections. */
  kill(): Promise<void>;
  /** Starts it again on its data; resolves when it accepts connections. */
  restart(): Promise<void>;
}

/** The broker behind `key` when the script started it here (it has a pid file), else why not. */
export function brokerProcess(key: BrokerKey): BrokerProcess | string {
  const { broker } = BROKERS[key];
  const pidFile = `${BROKERS_DIR}/${broker}.pid`;
  // A reused system RabbitMQ is not killed: `kill` closes all its client connections instead.
  const reusedRabbit = broker === 'rabbitmq' && existsSync(`${BROKERS_DIR}/rabbitmq.reused`);
  if (!existsSync(pidFile) && !reusedRabbit) {
    return `${broker} was not started by scripts/brokers.sh in ${BROKERS_DIR} (killing a broker needs one of our own: set JMS_BROKERS_DIR and port variables of your own)`;
  }
  const script = async (action: string) => {
    await run('bash', [SCRIPT, action, broker], { env: { ...process.env, JMS_BROKERS_DIR: BROKERS_DIR }, timeout: 180000 });
  };
  return { broker, closesConnectionsOnly: reusedRabbit && !existsSync(pidFile), kill: () => script('kill'), restart: () => script('restart') };
}

/** `url` with its host list replaced by 127.0.0.1:port (one entry per port) and options appended. */
export function throughPorts(url: string, ports: readonly number[], options: Record<string, string | number> = {}): string {
  const match = /^([a-z+]+:\/\/)([^@/]*@)?([^/?]*)([^?]*)(\?.*)?$/.exec(url);
  if (!match) throw new Error(`Cannot rewrite the broker URL ${url}`);
  const [, scheme, credentials = '', , path = '', query = ''] = match;
  const extra = Object.entries(options).map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
  const joined = [query.replace(/^\?/, ''), ...extra].filter((part) => part !== '').join('&');
  return `${scheme}${credentials}${ports.map((port) => `127.0.0.1:${port}`).join(',')}${path}${joined ? `?${joined}` : ''}`;
}

/** The first host and port of a broker URL. */
export function firstHostOf(url: string, defaultPort: number): { host: string; port: number } {
  const hosts = /^[a-z+]+:\/\/(?:[^@/]*@)?([^/?]*)/.exec(url)![1]!;
  const [host, port] = hosts.split(',')[0]!.split(':');
  return { host: host!, port: port ? Number(port) : defaultPort };
}

/** A fault proxy in front of the broker of `url`. */
export async function proxyFor(url: string, defaultPort: number): Promise<FaultProxy> {
  const { host, port } = firstHostOf(url, defaultPort);
  const proxy = new FaultProxy(host, port);
  await proxy.start();
  return proxy;
}
