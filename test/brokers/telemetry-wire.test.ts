import { expect } from 'chai';
import amqp from 'amqplib';
import { SpanKind } from '@opentelemetry/api';
import { AcknowledgeMode, createConnectionFactory } from '../../src/index.js';
import { describeWithBroker, uniqueName } from '../support/brokers.js';
import { testTelemetry } from '../support/telemetry.js';
import { plainKafka } from './kafka-support.js';
import { deleteKeys, rawClient } from './redis-support.js';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN_ID = '00f067aa0ba902b7';

/**
 * Trace context meets plain clients of the broker: the `traceparent` jms-ts sends is an ordinary
 * AMQP header an amqplib consumer reads, and one an (OpenTelemetry-instrumented) amqplib producer
 * sends becomes the parent of jms-ts's consumer span; a plain message without one starts a trace.
 */
describeWithBroker('rabbitmqAmqp', 'trace context with plain amqplib clients', (url) => {
  let otel: ReturnType<typeof testTelemetry>;
  let plain: amqp.ChannelModel;
  let channel: amqp.Channel;

  beforeEach(async () => {
    otel = testTelemetry();
    plain = await amqp.connect(url);
    channel = await plain.createChannel();
  });

  afterEach(async () => {
    await plain.close();
    await otel.shutdown();
  });

  it('jms-ts writes traceparent as an AMQP header', async () => {
    const { queue, traceparent } = await sendTraced(url);
    const message = await channel.get(queue, { noAck: true });
    expect(message, 'the message').to.not.equal(false);
    expect(String((message as amqp.GetMessage).properties.headers!.traceparent)).to.equal(traceparent);
    await channel.deleteQueue(queue);
  });

  it('a plain producer\'s traceparent parents the consumer span; a plain message without one starts a trace', async () => {
    const queue = uniqueName('wire');
    await channel.assertQueue(queue, { durable: true });
    channel.sendToQueue(queue, Buffer.from('traced'), { headers: { traceparent: `00-${TRACE_ID}-${SPAN_ID}-01`, tracestate: 'vendor=abc' } });
    channel.sendToQueue(queue, Buffer.from('plain'));
    const connection = await createConnectionFactory({ url, telemetry: otel.options }).createConnection();
    try {
      await connection.start();
      const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
      const consumer = await session.createConsumer(session.createQueue(queue));
      const traced = await consumer.receive(10000);
      const untraced = await consumer.receive(10000);
      expect(traced?.propertyExists('traceparent')).to.equal(false);
      expect(untraced).to.not.equal(null);
    } finally {
      await connection.close();
    }
    const [fromTraced, fromPlain] = otel.spans().filter((span) => span.kind === SpanKind.CONSUMER);
    expect(fromTraced!.spanContext().traceId).to.equal(TRACE_ID);
    expect(fromTraced!.parentSpanContext?.spanId).to.equal(SPAN_ID);
    expect(fromTraced!.spanContext().traceState?.get('vendor'), 'tracestate kept').to.equal('abc');
    expect(fromPlain!.parentSpanContext).to.equal(undefined);
    expect(fromPlain!.spanContext().traceId).to.not.equal(TRACE_ID);
    await channel.deleteQueue(queue);
  });
});

/** Sends one traced message to a fresh queue; answers the queue's name and the send span's traceparent. */
async function sendTraced(url: string): Promise<{ queue: string; traceparent: string }> {
  const otel = testTelemetry();
  const queue = uniqueName('wire');
  const connection = await createConnectionFactory({ url, telemetry: otel.options }).createConnection();
  try {
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    await (await session.createProducer(session.createQueue(queue))).send(session.createTextMessage('x'));
  } finally {
    await connection.close();
  }
  const send = otel.spans().find((span) => span.kind === SpanKind.PRODUCER)!.spanContext();
  await otel.shutdown();
  return { queue, traceparent: `00-${send.traceId}-${send.spanId}-01` };
}

describeWithBroker('redis', 'trace context with plain node-redis clients', (url) => {
  it('traceparent is a field of the stream entry', async () => {
    const { queue, traceparent } = await sendTraced(url);
    const client = await rawClient(url);
    try {
      const entry = (await client.xRange(queue, '-', '+'))?.[0];
      expect(entry?.message.traceparent).to.equal(traceparent);
    } finally {
      await deleteKeys(client, queue);
      await client.close();
    }
  });
});

describeWithBroker('kafka', 'trace context with plain kafkajs clients', (url) => {
  it('traceparent is a record header', async () => {
    const { queue, traceparent } = await sendTraced(url);
    const kafka = plainKafka(url);
    const groupId = uniqueName('wire-reader');
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [queue], fromBeginning: true });
      const header = await new Promise<string | undefined>((resolve) => {
        void consumer.run({ eachMessage: async ({ message }) => resolve(message.headers?.traceparent?.toString()) });
      });
      expect(header).to.equal(traceparent);
    } finally {
      await consumer.disconnect();
      const admin = kafka.admin();
      await admin.connect();
      await admin.deleteGroups([groupId]).catch(() => undefined);
      await admin.disconnect();
    }
  });
});
