/**
 * A durable subscription survives its subscriber: what is published while the subscriber is
 * away waits for it, and it gets it when it comes back with the same client id and name.
 * The example ends by removing the subscription (unsubscribe), so nothing is left behind.
 *
 *   npx tsx examples/durable-subscription.ts
 *   JMS_URL=kafka://127.0.0.1:9092 npx tsx examples/durable-subscription.ts
 */
import { createConnectionFactory, isTextMessage, type Connection } from '../src/index.js';

const factory = createConnectionFactory(process.env.JMS_URL || 'memory://');
const clientId = `examples-audit-${process.pid}`;
const topicName = `examples.prices.${process.pid}`;
const subscription = 'audit';

/** The subscriber's process, started and stopped at will: the same client id each time. */
async function subscriber(): Promise<Connection> {
  return factory.createConnection({ clientId });
}

async function publish(text: string): Promise<void> {
  const connection = await factory.createConnection();
  try {
    const session = await connection.createSession();
    await (await session.createProducer(session.createTopic(topicName))).send(session.createTextMessage(text));
  } finally {
    await connection.close();
  }
}

// First run: subscribe durably, read one price, stop.
let connection = await subscriber();
let session = await connection.createSession();
let consumer = await session.createDurableConsumer(session.createTopic(topicName), subscription);
await connection.start();
await publish('tea 1.20');
const first = await consumer.receive(10_000);
console.log(`before the restart: ${isTextMessage(first) ? first.getText() : 'nothing'}`);
await connection.close();

// Published while nobody is connected: the subscription keeps it.
await publish('tea 1.25');

// The restart: the same client id and subscription name find the message waiting.
connection = await subscriber();
try {
  session = await connection.createSession();
  consumer = await session.createDurableConsumer(session.createTopic(topicName), subscription);
  await connection.start();
  const missed = await consumer.receive(10_000);
  if (!isTextMessage(missed)) throw new Error('the message published during the restart was lost');
  console.log(`after the restart: ${missed.getText()}`);
  await consumer.close();
  await session.unsubscribe(subscription); // remove the durable subscription: nothing is left behind
} finally {
  await connection.close();
}
