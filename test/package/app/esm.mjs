// An ES module application: the main entry and jms-ts/inversify, one message through memory://.
import { Container } from 'inversify';
import { createConnectionFactory, isTextMessage } from 'jms-ts';
import { JMS_TOKENS, jmsModule } from 'jms-ts/inversify';

const container = new Container();
container.load(jmsModule('memory://esm'));
const factory = container.get(JMS_TOKENS.ConnectionFactory);
const connection = await factory.createConnection();
const session = await connection.createSession();
const queue = session.createQueue('esm');
await (await session.createProducer(queue)).send(session.createTextMessage('esm ok'));
await connection.start();
const received = await (await session.createConsumer(queue)).receive(5000);
await connection.close();
if (!isTextMessage(received) || received.getText() !== 'esm ok') throw new Error('ESM: no message');
if (typeof createConnectionFactory !== 'function') throw new Error('ESM: no createConnectionFactory');
console.log(received.getText());
