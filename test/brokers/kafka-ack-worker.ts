/**
 * A consumer for kafka-ack-crash.test.ts, run as a child process:
 * `node --import tsx kafka-ack-worker.ts URL QUEUE MODE FREEZE_AT`, MODE one of auto, dups_ok,
 * client (jms-ts) or kafkajs (kafkajs `eachMessage` with its default auto-commit, for comparison).
 * It consumes queue QUEUE with a listener. At the FREEZE_AT-th message (client: once FREEZE_AT
 * acknowledge() calls have resolved) it prints "frozen" and blocks its event loop, so nothing more
 * reaches Kafka from it, and waits to be killed: a crash in the middle of consuming at full speed.
 */
import { writeSync } from 'node:fs';
import { Kafka, logLevel } from 'kafkajs';
import { AcknowledgeMode, createConnectionFactory, type Message } from '../../src/index.js';

const [url, queue, mode, freezeAt] = process.argv.slice(2);
const limit = Number(freezeAt);

function freeze(): never {
  writeSync(1, 'frozen\n');
  for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}

if (mode === 'kafkajs') {
  const kafka = new Kafka({ clientId: 'ack-worker', brokers: [new URL(url!).host], logLevel: logLevel.NOTHING });
  // The group jms-ts uses for the queue, so the test reads both the same way.
  const consumer = kafka.consumer({ groupId: `jms.queue.${queue}` });
  await consumer.connect();
  await consumer.subscribe({ topics: [queue!], fromBeginning: true });
  let handled = 0;
  await consumer.run({ eachMessage: async () => void (++handled === limit && freeze()) });
} else {
  const modes: Record<string, AcknowledgeMode> = {
    auto: AcknowledgeMode.AUTO_ACKNOWLEDGE,
    dups_ok: AcknowledgeMode.DUPS_OK_ACKNOWLEDGE,
    client: AcknowledgeMode.CLIENT_ACKNOWLEDGE,
  };
  const connection = await createConnectionFactory(url!).createConnection();
  const session = await connection.createSession(modes[mode!]!);
  const consumer = await session.createConsumer(session.createQueue(queue!));
  let handled = 0;
  if (mode === 'client') {
    consumer.setMessageListener(async (message: Message) => {
      await message.acknowledge();
      if (++handled === limit) freeze();
    });
  } else {
    consumer.setMessageListener(() => void (++handled === limit && freeze()));
  }
  await connection.start();
}
