import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { Partitioners } from 'kafkajs';
import { describeWithBroker, uniqueName } from '../support/brokers.js';
import { committedOffset, groupMode, plainAdmin, plainKafka } from './kafka-support.js';

const WORKER = fileURLToPath(new URL('./kafka-ack-worker.ts', import.meta.url));

/** Runs the worker until it prints "frozen", then kills it with SIGKILL. */
async function crashWorker(args: string[]): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (text) => text === 'frozen' && resolve());
    void exited.then((code) => reject(new Error(`The worker exited with ${code} before it froze: ${stderr}`)));
  });
  child.kill('SIGKILL');
  await exited;
}

/**
 * How many messages a consumer killed with SIGKILL in the middle of consuming gets again, per
 * acknowledge mode: the worker freezes at its n-th message and is killed; what the group committed
 * by then is where the next consumer starts, so n - committed messages are delivered again.
 * The counts depend on timing and are printed; what is asserted holds whatever the timing:
 * nothing is committed before its listener finished, and CLIENT_ACKNOWLEDGE loses no resolved ack.
 */
describeWithBroker('kafka', 'kafka acknowledgements across a SIGKILL', (brokerUrl) => {
  // Consumer groups: what this suite looks at (share-group queues: kafka-share.test.ts).
  const url = groupMode(brokerUrl);
  const kafka = plainKafka(url);
  const admin = plainAdmin(kafka);

  /** A queue holding `count` 1 KiB messages, so kafkajs's fetches hold about a thousand each. */
  async function filledQueue(count: number): Promise<string> {
    const queue = uniqueName('ack-crash');
    await admin.createTopics({ topics: [{ topic: queue, numPartitions: 1 }], waitForLeaders: true });
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    try {
      for (let sent = 0; sent < count; sent += 1000) {
        await producer.send({ topic: queue, acks: -1, messages: Array.from({ length: Math.min(1000, count - sent) }, (_, i) => ({ value: `m${sent + i} `.padEnd(1024, 'x') })) });
      }
    } finally {
      await producer.disconnect();
    }
    return queue;
  }

  /** Crashes a worker at its `freezeAt`-th message; returns how many it would get again. */
  async function redeliveredAfterCrash(mode: string, total: number, freezeAt: number): Promise<number> {
    const queue = await filledQueue(total);
    await crashWorker([url, queue, mode, String(freezeAt)]);
    const committed = Math.max(0, await committedOffset(admin, `jms.queue.${queue}`, queue));
    const redelivered = freezeAt - committed;
    console.log(`      ${mode}: killed at message ${freezeAt}, committed ${committed}: ${redelivered} delivered again`);
    return redelivered;
  }

  for (const mode of ['auto', 'dups_ok', 'kafkajs']) {
    it(`${mode}: commits only messages whose listener finished`, async function () {
      this.timeout(60000);
      // The message the worker froze in never finished, so it is always delivered again.
      expect(await redeliveredAfterCrash(mode, 20000, 10500)).to.be.at.least(1);
    });
  }

  it('client: every acknowledge() that resolved survives the crash', async function () {
    this.timeout(60000);
    expect(await redeliveredAfterCrash('client', 300, 200)).to.equal(0);
  });
});
