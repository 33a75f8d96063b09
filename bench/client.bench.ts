import { AcknowledgeMode, createConnectionFactory, DeliveryMode, resolveProvider, type Message, type TextMessage } from '../src/index.js';
import { percentile, type BenchResult } from './results.js';

/**
 * Broker-neutral figures through the public API: send+receive throughput with one producer and
 * one consumer (AUTO_ACKNOWLEDGE, `size`-byte TextMessages). Request/reply: measureRequestReply.
 */
export async function runClientBench(url: string, options: { messages?: number; size?: number } = {}): Promise<BenchResult[]> {
  const messages = options.messages ?? 200_000;
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

    return [{ name: `send+receive ${body.length}-byte text, AUTO_ACK`, ours_per_s: messages / seconds }];
  } finally {
    await connection.close();
  }
}

export interface Latency {
  p50_ms: number;
  p99_ms: number;
}

/**
 * Request/reply through the public API in one delivery mode: a responder answers on the
 * request's JMSReplyTo in the request's mode; the requester times each round trip from send
 * until the reply is received.
 */
export async function measureRequestReply(url: string, mode: DeliveryMode, roundTrips: number, size = 100): Promise<Latency> {
  const body = 'x'.repeat(size);
  const connection = await createConnectionFactory(url).createConnection();
  try {
    await connection.start();
    const tag = `bench.rr.${process.pid}.${Date.now()}`;
    const responder = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const requests = await responder.createConsumer(responder.createQueue(`${tag}.requests`));
    const replier = await responder.createProducer(null);
    requests.setMessageListener(async (request: Message) => {
      const reply = responder.createTextMessage((request as TextMessage).getText());
      reply.setJMSCorrelationID(request.getJMSMessageID());
      await replier.send(request.getJMSReplyTo()!, reply, { deliveryMode: request.getJMSDeliveryMode() });
    });
    const requester = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    // A broker without temporary queues gets an ordinary reply queue of this run.
    const replyQueue = resolveProvider(url).capabilities.temporaryQueues === 'unsupported'
      ? requester.createQueue(`${tag}.replies`)
      : await requester.createTemporaryQueue();
    const replies = await requester.createConsumer(replyQueue);
    const requestProducer = await requester.createProducer(requester.createQueue(`${tag}.requests`));
    const latencies: number[] = [];
    // The first round trips warm up the JIT and the connection: run, not counted.
    const warmup = warmupOf(roundTrips);
    for (let i = -warmup; i < roundTrips; i++) {
      const request = requester.createTextMessage(body);
      request.setJMSReplyTo(replyQueue);
      const t0 = performance.now();
      await requestProducer.send(request, { deliveryMode: mode });
      const reply = await replies.receive(10_000);
      if (reply === null) throw new Error(`no reply to request ${i} within 10 s`);
      if (i >= 0) latencies.push(performance.now() - t0);
    }
    return latencyOf(latencies);
  } finally {
    await connection.close();
  }
}

/** Uncounted round trips before a latency run: a tenth of it, at most 1,000. */
export function warmupOf(roundTrips: number): number {
  return Math.min(1000, Math.ceil(roundTrips / 10));
}

export function latencyOf(latencies: number[]): Latency {
  latencies.sort((a, b) => a - b);
  return { p50_ms: percentile(latencies, 50), p99_ms: percentile(latencies, 99) };
}
