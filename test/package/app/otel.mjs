// With @opentelemetry/api and an SDK installed next to jms-ts: a send and a receive on memory://
// make a producer and a consumer span in one trace.
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { createConnectionFactory } from 'jms-ts';

const exporter = new InMemorySpanExporter();
const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const connection = await createConnectionFactory({ url: 'memory://otel', telemetry: { tracerProvider } }).createConnection();
const session = await connection.createSession();
const queue = session.createQueue('otel');
await (await session.createProducer(queue)).send(session.createTextMessage('traced'));
await connection.start();
await (await session.createConsumer(queue)).receive(5000);
await connection.close();
const spans = exporter.getFinishedSpans().map((span) => `${span.name}:${span.spanContext().traceId}`);
const [send, receive] = spans.map((text) => text.split(':'));
if (spans.length !== 2 || send[0] !== 'send otel' || receive[0] !== 'receive otel' || send[1] !== receive[1]) {
  throw new Error(`OpenTelemetry: expected a send and a receive span in one trace, got ${spans.join(', ')}`);
}
console.log('otel ok: send and receive spans in one trace');
