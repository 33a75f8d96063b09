// A CommonJS application: require() of every entry point (Node >= 20.19 loads the ES module build).
const { createConnectionFactory, isTextMessage, AcknowledgeMode } = require('jms-ts');
const { jmsModule } = require('jms-ts/inversify');
const { listCases } = require('jms-ts/conformance');

async function main() {
  if (typeof jmsModule !== 'function' || listCases().length === 0) throw new Error('CommonJS: entry points incomplete');
  const connection = await createConnectionFactory('memory://cjs').createConnection();
  const session = await connection.createSession(AcknowledgeMode.CLIENT_ACKNOWLEDGE);
  const queue = session.createQueue('cjs');
  await (await session.createProducer(queue)).send(session.createTextMessage('cjs ok'));
  await connection.start();
  const received = await (await session.createConsumer(queue)).receive(5000);
  await received.acknowledge();
  await connection.close();
  if (!isTextMessage(received) || received.getText() !== 'cjs ok') throw new Error('CommonJS: no message');
  console.log(received.getText());
}
main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
