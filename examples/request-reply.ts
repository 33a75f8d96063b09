/**
 * Request/reply over a temporary queue: a service answers on the queue each request names in
 * JMSReplyTo, and matches the answer to the question by JMSCorrelationID.
 *
 *   npx tsx examples/request-reply.ts                         # the embedded broker
 *   JMS_URL=amqp://guest:guest@127.0.0.1:5672 npx tsx examples/request-reply.ts
 */
import { createConnectionFactory, isTextMessage } from '../src/index.js';

const factory = createConnectionFactory(process.env.JMS_URL || 'memory://');
const connection = await factory.createConnection();
try {
  const requests = `examples.uppercase.${process.pid}`;

  // The service: answers every request with its text in upper case.
  const serviceSession = await connection.createSession();
  const replier = await serviceSession.createProducer(null); // no fixed destination: each reply names its own
  const service = await serviceSession.createConsumer(serviceSession.createQueue(requests));
  service.setMessageListener(async (request) => {
    const replyTo = request.getJMSReplyTo();
    if (!isTextMessage(request) || replyTo === null) return;
    const reply = serviceSession.createTextMessage(request.getText()?.toUpperCase() ?? '');
    reply.setJMSCorrelationID(request.getJMSMessageID());
    await replier.send(replyTo, reply);
  });

  // The client: sends each question with a temporary queue to answer on.
  const clientSession = await connection.createSession();
  const replies = await clientSession.createTemporaryQueue();
  const answers = await clientSession.createConsumer(replies);
  const asker = await clientSession.createProducer(clientSession.createQueue(requests));
  await connection.start();

  for (const question of ['ping', 'hello world']) {
    const request = clientSession.createTextMessage(question);
    request.setJMSReplyTo(replies);
    await asker.send(request);
    const answer = await answers.receive(10_000);
    if (!isTextMessage(answer) || answer.getJMSCorrelationID() !== request.getJMSMessageID()) {
      throw new Error(`no answer to "${question}"`);
    }
    console.log(`asked "${question}", answered "${answer.getText()}"`);
  }
} finally {
  await connection.close();
}
