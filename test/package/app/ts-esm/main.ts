// Strict TypeScript (ES modules) against the installed .d.ts: types narrow, no casts.
import { createConnectionFactory, isMapMessage, type ConnectionFactory, type Message } from 'jms-ts';
import { listCases, type ConformanceCase } from 'jms-ts/conformance';
import { JMS_TOKENS } from 'jms-ts/inversify';

const factory: ConnectionFactory = createConnectionFactory('memory://ts-esm');
await using connection = await factory.createConnection();
const session = await connection.createSession();
const queue = session.createQueue('ts-esm');
const order = session.createMapMessage();
order.setInt('quantity', 3);
await (await session.createProducer(queue)).send(order);
await connection.start();
const received: Message | null = await (await session.createConsumer(queue)).receive(5000);
if (!isMapMessage(received)) throw new Error('TypeScript ESM: no map message');
const quantity: number = received.getInt('quantity');
const first: ConformanceCase | undefined = listCases()[0];
console.log(`ts-esm ok: quantity ${quantity}, ${typeof JMS_TOKENS.ConnectionFactory}, first case ${first?.id}`);
