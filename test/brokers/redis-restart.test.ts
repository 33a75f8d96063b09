import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { AcknowledgeMode, createConnectionFactory, type JMSException, type TextMessage } from '../../src/index.js';
import { brokerUrl, reportMissing, uniqueName } from '../support/brokers.js';
import { rawClient } from './redis-support.js';

const REDIS_SERVER = '/usr/bin/redis-server';

/** A port the kernel says is free. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** A private redis-server with an append-only file, so this test may stop it without disturbing anyone. */
async function startServer(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(REDIS_SERVER, ['--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--appendonly', 'yes', '--save', ''], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (/Ready to accept connections/.test(seen)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${seen.slice(-500)}`)));
  });
  return child;
}

describe('redis adapter when the server restarts', function () {
  this.timeout(60000);
  if (!brokerUrl('redis') || !existsSync(REDIS_SERVER)) {
    reportMissing('redis restart', 'has redis-server', `${REDIS_SERVER} not installed: run \`npm run brokers -- up redis\``);
    return;
  }
  let child: ChildProcess | null = null;
  let dir = '';
  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('with reconnect=false, reports the lost connection to the ExceptionListener, and a new connection gets the persistent message', async () => {
    dir = mkdtempSync(join(tmpdir(), 'jmsts-redis-'));
    const port = await freePort();
    child = await startServer(port, dir);
    const url = `redis://127.0.0.1:${port}/0`;
    const queue = uniqueName('restart');
    const connection = await createConnectionFactory(`${url}?reconnect=false`).createConnection();
    const lost = new Promise<JMSException>((resolve) => connection.setExceptionListener(resolve));
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    await (await session.createProducer(session.createQueue(queue))).send(session.createTextMessage('kept'));

    const admin = await rawClient(url);
    await admin.sendCommand(['SHUTDOWN']).catch(() => undefined); // the server writes its AOF and exits
    admin.destroy();
    await new Promise((resolve) => (child!.exitCode !== null ? resolve(null) : child!.once('exit', resolve)));
    const error = await lost;
    expect(error.message).to.match(/Lost the Redis connection/);
    await connection.close();

    child = await startServer(port, dir);
    const again = await createConnectionFactory(url).createConnection();
    try {
      const next = await again.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
      const consumer = await next.createConsumer(next.createQueue(queue));
      await again.start();
      const message = (await consumer.receive(10000)) as TextMessage | null;
      expect(message?.getText()).to.equal('kept');
    } finally {
      await again.close();
    }
  });
});
