/**
 * One side of the crash-under-load test, run as its own process: `producer` sends N persistent
 * messages to each of two queues; `consumer` reads one queue with CLIENT_ACKNOWLEDGE and the other
 * with a transacted session. Neither handles a connection loss: the library recovers. Prints JSON
 * lines: `{"progress":n}` while consuming and `{"result":{...}}` at the end.
 *
 * Usage: tsx crash-worker.ts producer|consumer URL QUEUE_ACK QUEUE_TX COUNT
 */
import {
  AcknowledgeMode,
  createConnectionFactory,
  DeliveryMode,
  ErrorCode,
  JMSException,
  TransactionRolledBackException,
  type Connection,
  type Message,
  type TextMessage,
} from '../../src/index.js';

const [role, url, queueAck, queueTx, countText] = process.argv.slice(2) as [string, string, string, string, string];
const count = Number(countText);
const BATCH = 50;
const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);

function watch(connection: Connection): { downtimes: number[] } {
  const downtimes: number[] = [];
  void (async () => {
    for await (const event of connection.status()) {
      if (event.type === 'reconnected') downtimes.push(event.downtimeMs ?? 0);
      if (process.env.JMS_FAULT_VERBOSE) process.stderr.write(`${role} ${event.type} ${event.attempt} ${event.error?.message ?? ''}\n`);
    }
  })();
  connection.setExceptionListener((error) => print({ exception: error.message }));
  return { downtimes };
}

async function produce(): Promise<void> {
  // A connection per queue: its re-sends are the only way that queue gets an unflagged repeat.
  const sendAll = async (queueName: string) => {
    const connection = await createConnectionFactory(url).createConnection();
    const { downtimes } = watch(connection);
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const producer = await session.createProducer(session.createQueue(queueName));
    producer.setDeliveryMode(DeliveryMode.PERSISTENT);
    let inFlight = 0;
    let failed: JMSException | null = null;
    let wake: (() => void) | null = null;
    for (let i = 0; i < count; i++) {
      while (inFlight >= 100) await new Promise<void>((resolve) => (wake = resolve));
      if (failed) throw failed;
      inFlight++;
      producer.sendAsync(session.createTextMessage(String(i)), {
        onCompletion: () => {
          inFlight--;
          wake?.();
        },
        onException: (_m, error) => {
          failed = error;
          inFlight--;
          wake?.();
        },
      });
    }
    await producer.close();
    if (failed) throw failed;
    const stats = { ...connection.getRecoveryStats(), downtimes };
    await connection.close();
    return stats;
  };
  const [clientAcknowledge, transacted] = await Promise.all([sendAll(queueAck), sendAll(queueTx)]);
  print({ result: { clientAcknowledge, transacted } });
}

interface Tally {
  /** Times each message was taken (acknowledged, or committed, or in a commit whose outcome is unknown). */
  readonly taken: Map<number, number>;
  /** Repeats that did not say JMSRedelivered. */
  unflaggedRepeats: number;
  redeliveredRepeats: number;
  rolledBack: number;
  inDoubt: number;
}

function tally(): Tally {
  return { taken: new Map(), unflaggedRepeats: 0, redeliveredRepeats: 0, rolledBack: 0, inDoubt: 0 };
}

function take(t: Tally, messages: readonly Message[]): void {
  for (const message of messages) {
    const id = Number((message as TextMessage).getText());
    const times = t.taken.get(id) ?? 0;
    if (times > 0) {
      if (message.getJMSRedelivered()) t.redeliveredRepeats++;
      else t.unflaggedRepeats++;
    }
    t.taken.set(id, times + 1);
  }
}

async function consume(): Promise<void> {
  const connection = await createConnectionFactory(url).createConnection();
  const { downtimes } = watch(connection);
  const acked = tally();
  const committed = tally();
  let lastProgress = 0;
  const progress = () => {
    const n = acked.taken.size + committed.taken.size;
    if (n - lastProgress >= 200 || n === 2 * count) {
      lastProgress = n;
      print({ progress: n, clientAcknowledge: acked.taken.size, transacted: committed.taken.size });
    }
  };
  const clientAck = async () => {
    const session = await connection.createSession(AcknowledgeMode.CLIENT_ACKNOWLEDGE);
    const consumer = await session.createConsumer(session.createQueue(queueAck));
    let batch: Message[] = [];
    while (acked.taken.size < count) {
      const message = await consumer.receive(1000);
      if (message !== null) batch.push(message);
      if (batch.length >= BATCH || (message === null && batch.length > 0)) {
        await batch[batch.length - 1]!.acknowledge();
        take(acked, batch);
        batch = [];
        progress();
      }
    }
  };
  const transacted = async () => {
    const session = await connection.createSession(AcknowledgeMode.SESSION_TRANSACTED);
    const consumer = await session.createConsumer(session.createQueue(queueTx));
    let batch: Message[] = [];
    while (committed.taken.size < count) {
      const message = await consumer.receive(1000);
      if (message !== null) batch.push(message);
      if (batch.length >= BATCH || (message === null && batch.length > 0)) {
        try {
          await session.commit();
          take(committed, batch);
        } catch (error) {
          if (error instanceof TransactionRolledBackException) committed.rolledBack++;
          else if (error instanceof JMSException && error.code === ErrorCode.TRANSACTION_IN_DOUBT) {
            // Taken or not: if not, the messages come back flagged, and count as flagged repeats.
            committed.inDoubt++;
            take(committed, batch);
          } else throw error;
        }
        batch = [];
        progress();
      }
    }
  };
  await connection.start();
  await Promise.all([clientAck(), transacted()]);
  const summary = (t: Tally) => ({
    distinct: t.taken.size,
    missing: count - t.taken.size,
    unflaggedRepeats: t.unflaggedRepeats,
    redeliveredRepeats: t.redeliveredRepeats,
    rolledBack: t.rolledBack,
    inDoubt: t.inDoubt,
  });
  print({ result: { clientAcknowledge: summary(acked), transacted: summary(committed), ...connection.getRecoveryStats(), downtimes } });
  await connection.close();
}

try {
  await (role === 'producer' ? produce() : consume());
  process.exit(0);
} catch (error) {
  print({ error: (error as Error).stack ?? String(error) });
  process.exit(1);
}
