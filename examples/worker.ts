/**
 * A worker that takes jobs with `for await` and shuts down gracefully: on SIGINT or SIGTERM it
 * finishes the job in hand, acknowledges it, and closes everything (`await using`). Jobs not yet
 * taken stay on the queue for the next worker. Here it also stops by itself once the queue is
 * drained, so the example ends.
 *
 *   npx tsx examples/worker.ts
 *   JMS_URL=amqp://guest:guest@127.0.0.1:5672 npx tsx examples/worker.ts
 */
import { AcknowledgeMode, createConnectionFactory, isTextMessage } from '../src/index.js';

const factory = createConnectionFactory(process.env.JMS_URL || 'memory://');
await using connection = await factory.createConnection();
await using session = await connection.createSession(AcknowledgeMode.CLIENT_ACKNOWLEDGE);
const jobs = session.createQueue(`examples.jobs.${process.pid}`);

const producer = await session.createProducer(jobs);
const total = 3;
for (let n = 1; n <= total; n++) await producer.send(session.createTextMessage(`job ${n}`));

await using consumer = await session.createConsumer(jobs);
// Closing the consumer ends the `for await` loop after the job in hand.
const shutdown = (): void => void consumer.close();
process.once('SIGINT', shutdown).once('SIGTERM', shutdown);
await connection.start();

let done = 0;
try {
  for await (const job of consumer) {
    if (!isTextMessage(job)) throw new Error(`unexpected ${job.bodyKind} message`);
    await new Promise((resolve) => setTimeout(resolve, 50)); // the work
    await job.acknowledge(); // only a finished job is acknowledged
    console.log(`done: ${job.getText()}`);
    if (++done === total) shutdown();
  }
} finally {
  process.off('SIGINT', shutdown).off('SIGTERM', shutdown);
}
console.log(`worker stopped after ${done} jobs`);
