// CommonJS on a real broker: require('jms-ts'), then the adapter is imported on the first
// connect (on demand) and must share the one copy of the library require() loaded.
const { createConnectionFactory, isTextMessage } = require('jms-ts');

async function main() {
  const url = process.argv[2];
  const connection = await createConnectionFactory(url).createConnection();
  try {
    const session = await connection.createSession();
    const queue = await session.createTemporaryQueue();
    await (await session.createProducer(queue)).send(session.createTextMessage('cjs on a broker'));
    await connection.start();
    const received = await (await session.createConsumer(queue)).receive(15000);
    if (!isTextMessage(received)) throw new Error('CommonJS on a broker: no text message');
    console.log(`${received.getText()} (${connection.getMetaData().providerName})`);
  } finally {
    await connection.close();
  }
}
main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
