// Runs with @opentelemetry/* unresolvable (see hide-opentelemetry.mjs): jms-ts must work, quietly.
import { AcknowledgeMode, createConnectionFactory, type Message } from '../../../src/index.js';
import { loadOpenTelemetry } from '../../../src/client/telemetry/otel-loader.js';

const otelImport = await import('@opentelemetry/api').then(() => 'loaded', (error: { code?: string }) => error.code ?? 'failed');
const records: string[] = [];
const logger = { debug() {}, info: (_: object, message: string) => void records.push(message), warn() {}, error() {} };
const factory = createConnectionFactory({ url: 'memory://no-otel', logger });
const connection = await factory.createConnection();
await connection.start();
const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
const queue = session.createQueue('q');
await (await session.createProducer(queue)).send(session.createTextMessage('pulled'));
const pulled = await (await session.createConsumer(queue)).receive(2000);
const topic = session.createTopic('t');
const subscriber = await session.createConsumer(topic);
const heard = new Promise<Message>((resolve) => subscriber.setMessageListener(resolve));
await (await session.createProducer(topic)).send(session.createTextMessage('pushed'));
const pushed = await heard;
await connection.close();
const plain = await createConnectionFactory('memory://no-otel-plain').createConnection();
console.log(
  JSON.stringify({
    otelImport,
    loader: await loadOpenTelemetry(),
    pulled: (pulled as unknown as { getText(): string }).getText(),
    pushed: (pushed as unknown as { getText(): string }).getText(),
    properties: pulled!.getPropertyNames(),
    records,
    plainTelemetry: (plain as unknown as { telemetry: unknown }).telemetry,
  }),
);
await plain.close();
