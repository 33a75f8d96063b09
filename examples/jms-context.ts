/**
 * The JMS 2.0 simplified API: one JMSContext holds the connection and session, producers are
 * fluent and bodies are sent and received directly.
 *
 *   npx tsx examples/jms-context.ts
 *   JMS_URL=stomp+rabbitmq://guest:guest@127.0.0.1:61614 npx tsx examples/jms-context.ts
 */
import { createConnectionFactory } from '../src/index.js';

const factory = createConnectionFactory(process.env.JMS_URL || 'memory://');
await using context = await factory.createContext(); // AUTO_ACKNOWLEDGE; closed at the end of the scope
const queue = context.createQueue(`examples.context.${process.pid}`);
const consumer = await context.createConsumer(queue); // starts the connection (autoStart)

await context.createProducer().setProperty('source', 'example').setJMSType('greeting').send(queue, 'hello, context');
console.log(`received body: ${await consumer.receiveBody<string>(String, 10_000)}`);

await context.createProducer().send(queue, { item: 'tea', quantity: 2 }); // a plain object becomes an ObjectMessage
console.log(`received object: ${JSON.stringify(await consumer.receiveBody<object>(Object, 10_000))}`);
