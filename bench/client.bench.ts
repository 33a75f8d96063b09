import { AcknowledgeMode, createConnectionFactory, resolveProvider, type Message, type TextMessage } from '../src/index.js';
import { percentile, type BenchResult } from './results.js';

/**
 * Broker-neutral figures through the public API: send+receive throughput with one producer and
 * one consumer (AUTO_ACKNOWLEDGE, `size`-byte TextMessages), and request/reply latency.
 */
export async function runClientBench(url: string, options: { messages?: number; size?: number; roundTrips?: number } = {}): Promise<BenchResult[]> {
  const messages = options.messages ?? 200_000;
  const roundTrips = options.roundTrips ?? 2000;
  const body = 'x'.repeat(options.size ?? 100);
  const factory = createConnectionFactory(url);
  const connection = await factory.createConnection();
  try {
    await connection.start();
    const tag = `bench.${process.pid}.${Date.now()}`;

    // Throughput: the consumer's listener counts; the producer sends as fast as sends resolve.
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const receiving = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const queue = session.createQueue(`${tag}.throughput`);
    const consumer = await receiving.createConsumer(queue);
    const producer = await session.createProducer(queue);
    let received = 0;
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    consumer.setMessageListener(() => {
      if (++received === messages) finish();
    });
    const started = performance.now();
    for (let i = 0; i < messages; i++) await producer.send(session.createTextMessage(body));
    await finished;
    const seconds = (performance.now() - started) / 1000;
    await consumer.close();

    // Request/reply: a responder answers on the request's JMSReplyTo; the requester times each round trip.
    const responder = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const requests = await responder.createConsumer(responder.createQueue(`${tag}.requests`));
    const replier = await responder.createProducer(null);
    requests.setMessageListener(async (request: Message) => {
      const reply = responder.createTextMessage((request as TextMessage).getText());
      reply.setJMSCorrelationID(request.getJMSMessageID());
      await replier.send(request.getJMSReplyTo()!, reply);
    });
    const requester = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    // A broker without temporary queues gets an ordinary reply queue of this run.
    const replyQueue = resolveProvider(url).capabilities.temporaryQueues === 'unsupported'
      ? requester.createQueue(`${tag}.replies`)
      : await requester.createTemporaryQueue();
    const replies = await requester.createConsumer(replyQueue);
    const requestProducer = await requester.createProducer(requester.createQueue(`${tag}.requests`));
    const latencies: number[] = [];
    for (let i = 0; i < roundTrips; i++) {
      const request = requester.createTextMessage(body);
      request.setJMSReplyTo(replyQueue);
      const t0 = performance.now();
      await requestProducer.send(request);
      const reply = await replies.receive(10_000);
      if (reply === null) throw new Error(`no reply to request ${i} within 10 s`);
      latencies.push(performance.now() - t0);
    }
    latencies.sort((a, b) => a - b);
    return [
      { name: `send+receive ${body.length}-byte text, AUTO_ACK`, ours_per_s: messages / seconds },
      { name: 'request/reply round trip', p50_ms: percentile(latencies, 50), p99_ms: percentile(latencies, 99) },
    ];
  } finally {
    await connection.close();
  }
}
