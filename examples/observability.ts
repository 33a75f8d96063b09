/**
 * Logs, traces and metrics: jms-ts logs to the application's logger, and with OpenTelemetry
 * installed traces each send and each delivery (the listener runs inside its span, so the
 * application's own spans nest under it) and counts messages. A real application registers the
 * OpenTelemetry SDK once (e.g. `@opentelemetry/sdk-node`) and needs no `telemetry` option; this
 * one hands jms-ts its providers so it can print what they collected.
 *
 *   npx tsx examples/observability.ts
 *   JMS_URL=kafka://127.0.0.1:9092 npx tsx examples/observability.ts
 */
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { createConnectionFactory, isTextMessage, type Logger } from '../src/index.js';

// What an SDK setup does: a context manager, so spans follow async calls.
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
const spans = new InMemorySpanExporter();
const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
class Reader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}
const metrics = new Reader();
const meterProvider = new MeterProvider({ readers: [metrics] });

// Any logger with debug/info/warn/error(fields, message): pino, bunyan, or this one.
const line = (fields: object, message: string) => console.log(`[${(fields as { namespace: string }).namespace}] ${message}`);
const logger: Logger = { debug() {}, info: line, warn: line, error: line };

const factory = createConnectionFactory({ url: process.env.JMS_URL || 'memory://', logger, telemetry: { tracerProvider, meterProvider } });
const connection = await factory.createConnection();
const tracer = tracerProvider.getTracer('shop');
try {
  const session = await connection.createSession();
  const orders = session.createQueue(`examples.orders.${process.pid}`);
  const consumer = await session.createConsumer(orders);
  const shipped = new Promise<void>((resolve) => {
    consumer.setMessageListener((message) => {
      // Runs inside jms-ts's `process` span: this span is its child, in the checkout's trace.
      tracer.startActiveSpan('ship', (span) => {
        if (isTextMessage(message)) console.log(`shipping ${message.getText()}`);
        span.end();
      });
      resolve();
    });
  });
  await connection.start();
  const producer = await session.createProducer(orders);
  await tracer.startActiveSpan('checkout', async (checkout) => {
    await producer.send(session.createTextMessage('2 x tea')); // its `send` span is the checkout's child
    checkout.end();
  });
  await shipped;
  await consumer.close();
} finally {
  await connection.close();
}

const finished = spans.getFinishedSpans();
const traces = new Set(finished.map((span) => span.spanContext().traceId));
const parentOf = (name: string) => finished.find((span) => span.spanContext().spanId === finished.find((s) => s.name.startsWith(name))?.parentSpanContext?.spanId)?.name.split(' ')[0];
console.log(`spans: ${finished.map((span) => span.name.split(' ')[0]).sort().join(', ')} in ${traces.size} trace`);
console.log(`send's parent: ${parentOf('send')}; process's parent: ${parentOf('process')}; ship's parent: ${parentOf('ship')}`);
const { resourceMetrics } = await metrics.collect();
const counted = resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics).filter((metric) => metric.descriptor.name.endsWith('.messages'));
console.log(counted.map((metric) => `${metric.descriptor.name} ${metric.dataPoints.reduce((sum, point) => sum + (point.value as number), 0)}`).join(', '));
