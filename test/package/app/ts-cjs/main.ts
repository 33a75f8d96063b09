// Strict TypeScript compiled to CommonJS (this folder's package.json says commonjs, so nodenext
// emits require()): the installed .d.ts type-check it and require('jms-ts') runs it.
import { AcknowledgeMode, createConnectionFactory, isTextMessage, type TextMessage } from 'jms-ts';
import { jmsModule } from 'jms-ts/inversify';

async function main(): Promise<void> {
  const connection = await createConnectionFactory('memory://ts-cjs').createConnection();
  try {
    const session = await connection.createSession(true, AcknowledgeMode.SESSION_TRANSACTED);
    const queue = session.createQueue('ts-cjs');
    await (await session.createProducer(queue)).send(session.createTextMessage('ts-cjs ok'));
    await session.commit();
    await connection.start();
    const received = await (await session.createConsumer(queue)).receive(5000);
    if (!isTextMessage(received)) throw new Error('TypeScript CommonJS: no text message');
    const text: TextMessage = received;
    await session.commit();
    console.log(`${text.getText()} (require: ${typeof require}, jmsModule: ${typeof jmsModule})`);
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
