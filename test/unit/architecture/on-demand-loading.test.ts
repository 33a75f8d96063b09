import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));
const BROKER_CLIENTS = ['amqplib', 'kafkajs', 'stompit', '@redis/client', 'rocketmq-client-nodejs'];
const isClient = (specifier: string) => BROKER_CLIENTS.some((name) => specifier === name || specifier.startsWith(`${name}/`));

describe('adapters load on demand', function () {
  this.timeout(60000);

  it("importing jms-ts and using memory:// loads none of amqplib, kafkajs, stompit; amqp:// loads amqplib on connect", async () => {
    const logFile = join(mkdtempSync(join(tmpdir(), 'jms-loads-')), 'loads.txt');
    writeFileSync(logFile, '');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--import', here('./register-load-log.mjs'), here('./memory-only-program.mts')],
      { env: { ...process.env, JMS_TEST_LOAD_LOG: logFile, JMS_URL: '' } },
    );
    const result = JSON.parse(stdout.trim().split('\n').pop()!) as { received: string | null; afterMemory: string[]; afterAmqp: string[]; refused: string };
    expect(result.received).to.equal('hello');
    expect(result.afterMemory.filter(isClient)).to.deep.equal([]);
    // The log does see broker clients: connecting to amqp:// imported amqplib (the connection is refused).
    expect(result.afterAmqp.filter(isClient)).to.include('amqplib');
    expect(result.afterAmqp.filter(isClient)).to.not.include.members(['kafkajs', 'stompit', '@redis/client', 'rocketmq-client-nodejs']);
    expect(result.refused).to.equal('JMSException');
  });
});
