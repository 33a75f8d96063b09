// Run by on-demand-loading.test.ts in a child process: uses memory://, reports which packages were
// imported, then connects to amqp:// (refused at once) to show that the log does see a broker client.
import { readFileSync } from 'node:fs';
import { createConnectionFactory } from '../../../src/index.js';

const log = () => readFileSync(process.env.JMS_TEST_LOAD_LOG!, 'utf8').split('\n').filter(Boolean);

const connection = await createConnectionFactory('memory://on-demand').createConnection();
const session = await connection.createSession();
const queue = session.createQueue('q');
await (await session.createProducer(queue)).send(session.createTextMessage('hello'));
await connection.start();
const received = await (await session.createConsumer(queue)).receive(1000);
await connection.close();
const afterMemory = log();

const refused = await createConnectionFactory('amqp://127.0.0.1:1?connectTimeout=2000')
  .createConnection()
  .then(() => 'connected', (error: Error) => error.name);
console.log(JSON.stringify({ received: received?.getBody(String) ?? null, afterMemory, afterAmqp: log(), refused }));
