import { execFile } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { inspect, promisify } from 'node:util';
import { expect } from 'chai';
import '../../../src/index.js';
import { resolveProviderConfig } from '../../../src/config/index.js';
import { createConnectionFactory, type JmsConfig } from '../../../src/index.js';
import { expectNoSecret, passwords, printedError } from '../../support/secrets.js';

/**
 * Secrets are never printed: a property-based run over generated passwords (every printable ASCII
 * character, raw and percent-encoded in the URL) through every error path of configuration and
 * connecting, util.inspect and JSON.stringify of the configuration, factory and connection, and the
 * CLI's output. TLS passphrases and private keys likewise.
 */

const SCHEMES = ['amqp', 'amqps', 'stomp', 'stomp+activemq', 'stomp+rabbitmq', 'kafka', 'redis', 'rediss', 'memory'];
/** Variants of a URL that reach the different configuration errors (and one that is valid). */
const VARIANTS = ['', '?bogus=1', '?connectTimeout=abc', '?tls=false&tlsCa=/tmp/ca.pem', '#fragment'];
const HARMLESS = 'Harmless1';

function url(scheme: string, password: string, variant: string, port = 1): string {
  const query = scheme === 'kafka' && variant === '' ? '?sasl=plain' : variant;
  return `${scheme}://alice:${password}@127.0.0.1:${port}/${query}`;
}

/** What creating a factory for the configuration prints: its error, or the factory and configuration printed. */
function printedConfiguration(config: string | JmsConfig): string {
  try {
    const factory = createConnectionFactory(config);
    const resolved = resolveProviderConfig(config);
    return [inspect(factory, { depth: Infinity }), JSON.stringify(factory), inspect(resolved, { depth: Infinity }), JSON.stringify(resolved), String(factory)].join('\n');
  } catch (error) {
    return printedError(error);
  }
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function printedConnect(config: string | JmsConfig, credentials?: { username: string; password: string }): Promise<string> {
  try {
    const connection = await createConnectionFactory(config).createConnection(credentials);
    await connection.close();
    return 'connected';
  } catch (error) {
    return printedError(error);
  }
}

describe('secrets are never printed', function () {
  this.timeout(120000);
  const generated = passwords(200);

  it(`in configuration errors and printed configurations: ${generated.length} passwords × raw and encoded × ${SCHEMES.length} schemes × ${VARIANTS.length} URL variants`, () => {
    let cases = 0;
    for (const scheme of SCHEMES) {
      for (const variant of VARIANTS) {
        const reference = printedConfiguration(url(scheme, HARMLESS, variant));
        for (const password of generated) {
          for (const written of [password, encodeURIComponent(password)]) {
            expectNoSecret(printedConfiguration(url(scheme, written, variant)), password, reference, `${scheme} URL${variant}`);
            cases++;
          }
          // The password as its own configuration key is never in the URL at all.
          expectNoSecret(printedConfiguration({ url: url(scheme, HARMLESS, variant).replace(`:${HARMLESS}`, ''), password }), password, reference, `${scheme} config.password`);
          cases++;
        }
      }
    }
    expect(cases).to.be.greaterThan(20000);
  });

  it('in connect errors of every networked adapter (a refused port), in the URL, the configuration and createConnection', async () => {
    const port = await closedPort();
    const few = generated.filter((_, i) => i % 8 === 0);
    for (const scheme of ['amqp', 'stomp', 'stomp+rabbitmq', 'redis', 'kafka']) {
      const sample = scheme === 'kafka' ? few.slice(0, 3) : few;
      const options = scheme === 'kafka' ? '?sasl=plain' : '?connectTimeout=2000';
      const base = `${scheme}://alice@127.0.0.1:${port}/${options}`;
      const reference = await printedConnect(url(scheme, HARMLESS, '', port).replace(/\/$/, `/${options}`));
      for (const password of sample) {
        expectNoSecret(await printedConnect(url(scheme, encodeURIComponent(password), '', port).replace(/\/$/, `/${options}`)), password, reference, `${scheme} connect`);
        expectNoSecret(await printedConnect({ url: base, password }), password, reference, `${scheme} connect (config.password)`);
        expectNoSecret(await printedConnect(base, { username: 'alice', password }), password, reference, `${scheme} createConnection(user, password)`);
      }
    }
  });

  it('in util.inspect and JSON.stringify of a factory (a connection holding credentials: tls-failures.test.ts)', () => {
    const factory = createConnectionFactory({ url: 'amqp://alice:Pr1nt-Me-N0t@127.0.0.1:1/', password: 'N0r-Th1s-One' });
    for (const printed of [inspect(factory, { depth: Infinity }), JSON.stringify(factory), `${String(factory)}`]) {
      expect(printed).to.not.include('Pr1nt-Me-N0t');
      expect(printed).to.not.include('N0r-Th1s-One');
    }
    expect(JSON.stringify(factory)).to.include('***');
  });

  it('refuses credentials on memory://, which has no users, without printing them', async () => {
    expect(() => createConnectionFactory('memory://x?clientId=a').toString()).to.not.throw();
    expect(() => createConnectionFactory({ url: 'memory://x', password: 'Pr1nt-Me-N0t' })).to.throw(/has no users/);
    const error = await createConnectionFactory('memory://x')
      .createConnection({ username: 'alice', password: 'Pr1nt-Me-N0t' })
      .then(() => null, (e: unknown) => e as Error);
    expect(error?.message).to.match(/has no users/).and.not.include('Pr1nt-Me-N0t');
  });

  it('for TLS passphrases (URL, encoded, and options object) and private keys given as PEM', () => {
    const key = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7SeCrEtKeYbOdY\n-----END PRIVATE KEY-----\n';
    const reference = printedConfiguration('amqps://127.0.0.1:1/?tlsPassphrase=Harmless1&bogus=1');
    for (const passphrase of generated) {
      const encoded = encodeURIComponent(passphrase);
      for (const variant of ['', '&bogus=1', '&connectTimeout=abc']) {
        expectNoSecret(printedConfiguration(`amqps://127.0.0.1:1/?tlsKey=/tmp/k.pem&tlsCert=/tmp/c.pem&tlsPassphrase=${encoded}${variant}`), passphrase, reference, `tlsPassphrase in the URL${variant}`);
        expectNoSecret(
          printedConfiguration({ url: `kafka://127.0.0.1:1/?tls=true${variant}`, options: { tlsPassphrase: passphrase, tlsKey: key, tlsCert: key } }),
          passphrase,
          reference,
          `tlsPassphrase in the options object${variant}`,
        );
      }
    }
    const printed = printedConfiguration({ url: 'stomp://127.0.0.1:1/?tls=true', options: { tlsKey: key, tlsCert: Buffer.from(key) } });
    expect(printed).to.not.include('MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7SeCrEtKeYbOdY');
    expect(printed).to.include('<');
  });

  it('in the CLI output', async function () {
    const port = await closedPort();
    const main = fileURLToPath(new URL('../../../src/cli/main.ts', import.meta.url));
    const run = promisify(execFile);
    const cli = async (target: string): Promise<string> => {
      const result = await run(process.execPath, ['--import', 'tsx', main, 'send', '--url', target, '--queue', 'q', 'hello']).catch((error: { stdout: string; stderr: string }) => error);
      return `${result.stdout}\n${result.stderr}`;
    };
    const reference = await cli(`amqp://alice:${HARMLESS}@127.0.0.1:${port}/?connectTimeout=2000`);
    expect(reference).to.match(/Cannot connect/);
    for (const password of ['Xq7@Wvz/Rtk?Zkm#Lm1', 'Kw%Zq9%Jx', 'alpha:beta@gamma/delta', 'Spaces and "Quotes"']) {
      expectNoSecret(await cli(`amqp://alice:${password}@127.0.0.1:${port}/?connectTimeout=2000`), password, reference, 'jms send (raw password)');
      expectNoSecret(await cli(`stomp://alice:${encodeURIComponent(password)}@127.0.0.1:${port}/?connectTimeout=2000`), password, reference, 'jms send (encoded password)');
    }
  });
});
