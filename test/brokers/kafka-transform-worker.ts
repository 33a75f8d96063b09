/**
 * A consume-transform-produce program for kafka-exactly-once.test.ts, run as a child process:
 * `node --import tsx kafka-transform-worker.ts URL CLIENT_ID INPUT OUTPUT COUNT [HANG_AT]`.
 * It takes COUNT messages from queue INPUT, each in a transaction of its own that sends
 * "<text> transformed" to queue OUTPUT and commits. With HANG_AT = i, message i is consumed and its
 * output sent but not committed: the worker prints "uncommitted" and waits to be killed.
 */
import { AcknowledgeMode, createConnectionFactory, type TextMessage } from '../../src/index.js';

const [url, clientId, input, output, count, hangAt] = process.argv.slice(2);
const connection = await createConnectionFactory(url!).createConnection({ clientId: clientId! });
const session = await connection.createSession(AcknowledgeMode.SESSION_TRANSACTED);
const consumer = await session.createConsumer(session.createQueue(input!));
const producer = await session.createProducer(session.createQueue(output!));
await connection.start();
for (let i = 0; i < Number(count); i++) {
  const message = (await consumer.receive(30000)) as TextMessage | null;
  if (message === null) throw new Error(`no input message ${i} within 30 s`);
  await producer.send(session.createTextMessage(`${message.getText()} transformed`));
  if (hangAt !== undefined && i === Number(hangAt)) {
    console.log('uncommitted');
    setInterval(() => undefined, 60000); // stay alive: the test kills this process here, between send and commit
    await new Promise(() => undefined);
  }
  await session.commit();
  console.log(`committed ${message.getText()}`);
}
await connection.close();
