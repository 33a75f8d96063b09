import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SpanKind } from '@opentelemetry/api';
import { AcknowledgeMode, createConnectionFactory, type Message } from '../../src/index.js';
import { describeWithBroker, uniqueName, type BrokerKey } from '../support/brokers.js';
import { testTelemetry } from '../support/telemetry.js';

const PRODUCER = fileURLToPath(new URL('./telemetry-producer.ts', import.meta.url));

interface ProducedSpan {
  readonly name: string;
  readonly kind: SpanKind;
  readonly traceId: string;
  readonly spanId: string;
  readonly attributes: Record<string, unknown>;
}

const SYSTEMS: Record<BrokerKey, string> = { rabbitmqAmqp: 'rabbitmq', activemqStomp: 'activemq', rabbitmqStomp: 'rabbitmq', kafka: 'kafka', redis: 'redis', rocketmq: 'rocketmq' };

/**
 * One trace across two processes on each real broker: the producer process sends three messages
 * inside its `checkout` span; this process receives the first with receive() and the others with a
 * listener. Every consumer span is the child of its message's send span, in the checkout's trace.
 */
for (const key of Object.keys(SYSTEMS) as BrokerKey[]) {
  describeWithBroker(key, `a trace from a producer process to a consumer process (${key})`, (url) => {
    it('the consumer spans are children of the producer spans, in one trace, with the messaging attributes', async () => {
      const otel = testTelemetry();
      const queueName = uniqueName('traced');
      const connection = await createConnectionFactory({ url, telemetry: otel.options }).createConnection();
      try {
        const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
        const consumer = await session.createConsumer(session.createQueue(queueName)); // subscribed before the sends
        await connection.start();
        const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', PRODUCER, url, queueName, '3'], { env: process.env });
        const produced = JSON.parse(stdout.trim().split('\n').pop()!) as ProducedSpan[];
        const sends = produced.filter((span) => span.kind === SpanKind.PRODUCER);
        const checkout = produced.find((span) => span.name === 'checkout')!;
        expect(sends.map((span) => span.name)).to.deep.equal([`send ${queueName}`, `send ${queueName}`, `send ${queueName}`]);
        expect(sends[0]!.attributes).to.include({ 'messaging.system': SYSTEMS[key], 'messaging.destination.name': queueName, 'messaging.operation.type': 'send' });

        const first = await consumer.receive(20000);
        expect(first, 'the first message').to.not.equal(null);
        expect(first!.propertyExists('traceparent'), 'trace context is not an application property').to.equal(false);
        const rest = await new Promise<Message[]>((resolve) => {
          const got: Message[] = [];
          consumer.setMessageListener((message) => {
            otel.tracerProvider.getTracer('shop').startSpan('ship').end();
            if (got.push(message) === 2) setImmediate(() => resolve(got));
          });
        });
        await consumer.close();

        const consumed = otel.spans().filter((span) => span.kind === SpanKind.CONSUMER);
        expect(consumed.map((span) => span.name)).to.deep.equal([`receive ${queueName}`, `process ${queueName}`, `process ${queueName}`]);
        for (const [i, span] of consumed.entries()) {
          expect(span.spanContext().traceId, `consumer span ${i}: the checkout's trace`).to.equal(checkout.traceId);
          expect(span.parentSpanContext?.spanId, `consumer span ${i}: child of its send`).to.equal(sends[i]!.spanId);
          expect(span.attributes).to.include({ 'messaging.system': SYSTEMS[key], 'messaging.destination.name': queueName });
          if (key === 'kafka') expect(span.attributes, 'Kafka\'s own attributes').to.include({ 'messaging.destination.partition.id': '0', 'messaging.kafka.offset': i });
        }
        const ships = otel.spans().filter((span) => span.name === 'ship');
        expect(ships.map((span) => span.parentSpanContext?.spanId), 'the listener\'s own spans nest under its process span').to.deep.equal(
          consumed.slice(1).map((span) => span.spanContext().spanId),
        );
        expect(rest.map((message) => message.getJMSMessageID())).to.deep.equal(consumed.slice(1).map((span) => span.attributes['messaging.message.id']));
      } finally {
        await connection.close();
        await otel.shutdown();
      }
    });
  });
}
