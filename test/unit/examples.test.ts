import { expect } from 'chai';
import { pathToFileURL } from 'node:url';

/**
 * Runs an example program in this process on the embedded broker (each example runs its top
 * level when imported) and returns the lines it printed.
 */
async function runExample(file: string, env: Record<string, string> = {}): Promise<string[]> {
  const lines: string[] = [];
  const log = console.log;
  const saved = { ...process.env };
  Object.assign(process.env, { JMS_URL: 'memory://' }, env);
  console.log = (...args: unknown[]) => void lines.push(args.join(' '));
  try {
    await import(pathToFileURL(`examples/${file}`).href);
  } finally {
    console.log = log;
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
  return lines;
}

describe('examples run on memory://', () => {
  it('request-reply.ts answers each request on its temporary queue', async () => {
    expect(await runExample('request-reply.ts')).to.deep.equal([
      'asked "ping", answered "PING"',
      'asked "hello world", answered "HELLO WORLD"',
    ]);
  });

  it('transacted-pipeline.ts commits consume and produce together, and a rollback redelivers', async () => {
    expect(await runExample('transacted-pipeline.ts')).to.deep.equal([
      'rolled back tea; it will come again',
      'committed tea (redelivered: true)',
      'committed scones (redelivered: false)',
      'on the invoices queue: invoice: 2 x tea',
      'on the invoices queue: invoice: 12 x scones',
    ]);
  });

  it('durable-subscription.ts gets what was published while it was away', async () => {
    expect(await runExample('durable-subscription.ts')).to.deep.equal([
      'before the restart: tea 1.20',
      'after the restart: tea 1.25',
    ]);
  });

  it('jms-context.ts sends and receives bodies through a JMSContext', async () => {
    expect(await runExample('jms-context.ts')).to.deep.equal([
      'received body: hello, context',
      'received object: {"item":"tea","quantity":2}',
    ]);
  });

  it('worker.ts finishes its jobs and stops through its shutdown path', async () => {
    const before = process.listenerCount('SIGTERM');
    expect(await runExample('worker.ts')).to.deep.equal(['done: job 1', 'done: job 2', 'done: job 3', 'worker stopped after 3 jobs']);
    expect(process.listenerCount('SIGTERM'), 'signal handlers removed').to.equal(before);
  });

  it('observability.ts logs, traces a message from checkout to shipping in one trace, and counts it', async () => {
    expect(await runExample('observability.ts')).to.deep.equal([
      '[jms-ts.client] Connected to the broker',
      'shipping 2 x tea',
      '[jms-ts.client] Connection closed',
      'spans: checkout, process, send, ship in 1 trace',
      "send's parent: checkout; process's parent: send; ship's parent: process",
      'messaging.client.sent.messages 1, messaging.client.consumed.messages 1, jms.client.acknowledged.messages 1',
    ]);
  });

  it('conformance.ts runs a group of the suite and reports no failure', async () => {
    const lines = await runExample('conformance.ts', { JMS_CONFORMANCE_GROUP: 'messages-and-bodies' });
    expect(lines).to.deep.equal(['memory at memory://: 18 passed, 0 unsupported (refused as such), 0 failed']);
    expect(process.exitCode ?? 0).to.equal(0);
  });
});
