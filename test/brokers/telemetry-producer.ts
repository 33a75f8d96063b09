// The producer process of the cross-process trace test: sends `count` messages to a queue from
// inside an application span, traced into an in-memory exporter, and prints its spans as JSON.
import { context, trace } from '@opentelemetry/api';
import { AcknowledgeMode, createConnectionFactory } from '../../src/index.js';
import { testTelemetry } from '../support/telemetry.js';

const [url, queueName, count] = process.argv.slice(2);
const otel = testTelemetry();
const connection = await createConnectionFactory({ url: url!, telemetry: otel.options }).createConnection();
const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
const producer = await session.createProducer(session.createQueue(queueName!));
const checkout = otel.tracerProvider.getTracer('shop').startSpan('checkout');
await context.with(trace.setSpan(context.active(), checkout), async () => {
  for (let i = 0; i < Number(count); i++) await producer.send(session.createTextMessage(`order ${i}`));
});
checkout.end();
await connection.close();
const spans = otel.spans().map((span) => ({ name: span.name, kind: span.kind, traceId: span.spanContext().traceId, spanId: span.spanContext().spanId, attributes: span.attributes }));
console.log(JSON.stringify(spans));
await otel.shutdown();
