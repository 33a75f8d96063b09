import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { AcknowledgeMode, createConnectionFactory } from '../../src/index.js';
import { describeWithBroker, uniqueName } from '../support/brokers.js';
import { committedOffset, groupMembers, groupMode, plainAdmin, plainKafka, readAll, until } from './kafka-support.js';

const WORKER = fileURLToPath(new URL('./kafka-transform-worker.ts', import.meta.url));

/** Runs the transform worker; resolves when it prints `line`, or exits 0 when `line` is null. */
function runWorker(args: string[], line: string | null): Promise<{ kill(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const kill = async () => {
    child.kill('SIGKILL');
    await exited;
  };
  return new Promise((resolve, reject) => {
    if (line !== null) {
      createInterface({ input: child.stdout }).on('line', (text) => {
        if (text === line) resolve({ kill });
      });
    } else {
      child.stdout.resume();
    }
    void exited.then((code) => {
      if (line === null && code === 0) resolve({ kill });
      else reject(new Error(`The worker exited with ${code}: ${stderr}`));
    });
  });
}

/**
 * Exactly once on the real broker: a consume-transform-produce program is killed with SIGKILL
 * after it consumed a message and sent its output but before it committed. The transaction it
 * left open never becomes visible, and the restarted program (same client id, so the same
 * transactional id, which fences the dead producer) does that message again.
 */
describeWithBroker('kafka', 'kafka transactions: exactly once across a crash', (brokerUrl) => {
  // Consumer groups: what this suite looks at (share-group queues: kafka-share.test.ts).
  const url = groupMode(brokerUrl);
  const kafka = plainKafka(url);
  const admin = plainAdmin(kafka);

  it('delivers each output once (read_committed) and advances the input offsets once', async function () {
    this.timeout(120000);
    // The shortest session timeout the broker allows: the dead process's group memberships expire sooner.
    const target = `${url}&sessionTimeout=6000`;
    const input = uniqueName('eos-in');
    const output = uniqueName('eos-out');
    const clientId = uniqueName('eos-worker');
    const inputs = ['m0', 'm1', 'm2', 'm3', 'm4', 'm5'];

    const connection = await createConnectionFactory(target).createConnection();
    try {
      const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
      const producer = await session.createProducer(session.createQueue(input));
      for (const text of inputs) await producer.send(session.createTextMessage(text));
    } finally {
      await connection.close();
    }

    // Run 1 commits m0..m2, then sends m3's output and is killed before committing.
    const crashed = await runWorker([target, clientId, input, output, '6', '3'], 'uncommitted');
    await crashed.kill();
    const queueGroup = `jms.queue.${input}`;
    expect(await committedOffset(admin, queueGroup, input)).to.equal(3);

    // The dead process still holds its client id until its group session times out.
    await until('the crashed worker to lose its client id', async () => (await groupMembers(admin, `jms.client-id.${clientId}`)).length === 0);
    await runWorker([target, clientId, input, output, '3'], null);

    expect(await committedOffset(admin, queueGroup, input)).to.equal(6);
    expect(await readAll(kafka, admin, output, 'read_committed')).to.deep.equal(inputs.map((text) => `${text} transformed`));
    // The log does hold the crashed attempt's record: only its aborted transaction hides it.
    const raw = await readAll(kafka, admin, output, 'read_uncommitted');
    expect(raw.filter((value) => value === 'm3 transformed')).to.have.length(2);
  });
});
