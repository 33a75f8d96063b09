/**
 * A share-group consumer for kafka-share.test.ts, run as a child process:
 * `node --import tsx kafka-share-worker.ts URL QUEUE COUNT`. It receives COUNT messages with
 * CLIENT_ACKNOWLEDGE, acknowledges none, prints their texts on one line and blocks its event loop,
 * waiting to be killed: a consumer that crashed while it held acquired messages.
 */
import { writeSync } from 'node:fs';
import { AcknowledgeMode, createConnectionFactory, type TextMessage } from '../../src/index.js';

const [url, queue, count] = process.argv.slice(2);
const connection = await createConnectionFactory(url!).createConnection();
const session = await connection.createSession(AcknowledgeMode.CLIENT_ACKNOWLEDGE);
const consumer = await session.createConsumer(session.createQueue(queue!));
await connection.start();
const texts: string[] = [];
while (texts.length < Number(count)) {
  const message = (await consumer.receive(30000)) as TextMessage | null;
  if (message === null) throw new Error(`only ${texts.length} messages arrived`);
  texts.push(message.getText()!);
}
writeSync(1, `held ${texts.join(',')}\n`);
for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
