import { expect } from 'chai';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AcknowledgeMode, createConnectionFactory, type Connection, type Message, type TextMessage } from '../../../src/index.js';
import { calledBack, telemetryPerTest, type TestTelemetry } from '../../support/telemetry.js';

let broker = 0;

/** A started connection on a fresh embedded broker, traced into `otel`. */
async function open(otel: TestTelemetry, url = `memory://tracing-${++broker}`, tracing = true): Promise<Connection> {
  const factory = createConnectionFactory({ url, telemetry: { ...otel.options, tracing } });
  const connection = await factory.createConnection();
  await connection.start();
  return connection;
}

describe('tracing (OpenTelemetry spans on memory://)', () => {
  let otel: TestTelemetry;
  let connection: Connection;

  telemetryPerTest((fresh) => (otel = fresh), () => connection);

  it('a send makes a PRODUCER span with the messaging attributes, and receive() a CONSUMER span in the same trace', async () => {
    connection = await open(otel);
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const queue = session.createQueue('orders');
    const message = session.createTextMessage('tea');
    message.setJMSCorrelationID('order-7');
    await (await session.createProducer(queue)).send(message);
    const received = await (await session.createConsumer(queue)).receive(2000);
    expect(received).to.not.equal(null);

    const [send, receive] = otel.spans();
    expect(send.name).to.equal('send orders');
    expect(send.kind).to.equal(SpanKind.PRODUCER);
    expect(send.attributes).to.include({
      'messaging.system': 'jms',
      'messaging.destination.name': 'orders',
      'messaging.operation.type': 'send',
      'messaging.operation.name': 'send',
      'messaging.message.id': message.getJMSMessageID(),
      'messaging.message.conversation_id': 'order-7',
      'messaging.message.body.size': 3,
    });
    expect(receive.name).to.equal('receive orders');
    expect(receive.kind).to.equal(SpanKind.CONSUMER);
    expect(receive.attributes).to.include({ 'messaging.operation.type': 'receive', 'messaging.message.id': message.getJMSMessageID(), 'jms.message.delivery_count': 1 });
    expect(receive.spanContext().traceId).to.equal(send.spanContext().traceId);
    expect(receive.parentSpanContext?.spanId).to.equal(send.spanContext().spanId);
  });

  it('the trace context travels as traceparent but is not one of the received message\'s properties', async () => {
    connection = await open(otel);
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const queue = session.createQueue('props');
    const message = session.createTextMessage('x');
    message.setStringProperty('region', 'eu');
    await (await session.createProducer(queue)).send(message);
    expect(message.getPropertyNames(), 'the sent message is left as the application made it').to.deep.equal(['region']);
    const browsed: string[][] = [];
    for await (const seen of await session.createBrowser(queue)) browsed.push(seen.getPropertyNames());
    expect(browsed, 'a browsed message').to.deep.equal([['region']]);
    const received = (await (await session.createConsumer(queue)).receive(2000))!;
    expect(received.getPropertyNames().filter((name) => !name.startsWith('JMSX'))).to.deep.equal(['region']);
    expect(received.propertyExists('traceparent')).to.equal(false);
  });

  it('a listener runs inside its PROCESS span: its own spans and sends nest under it', async () => {
    connection = await open(otel);
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const replies = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const queue = session.createQueue('work');
    const out = replies.createQueue('done');
    const forward = await replies.createProducer(out);
    const consumer = await session.createConsumer(queue);
    const handled = calledBack<void>((done) =>
      consumer.setMessageListener(async (m: Message) => {
        otel.tracerProvider.getTracer('app').startActiveSpan('app work', (span) => span.end());
        await forward.send(replies.createTextMessage(`done ${(m as TextMessage).getText()}`));
        done();
      }),
    );
    await (await session.createProducer(queue)).send(session.createTextMessage('job'));
    await handled;
    await consumer.close();

    const byName = new Map(otel.spans().map((span) => [span.name, span]));
    const send = byName.get('send work')!;
    const processSpan = byName.get('process work')!;
    expect(processSpan.kind).to.equal(SpanKind.CONSUMER);
    expect(processSpan.parentSpanContext?.spanId).to.equal(send.spanContext().spanId);
    expect(byName.get('app work')!.parentSpanContext?.spanId, 'the application\'s span').to.equal(processSpan.spanContext().spanId);
    expect(byName.get('send done')!.parentSpanContext?.spanId, 'a send from the listener').to.equal(processSpan.spanContext().spanId);
    expect(new Set(otel.spans().map((span) => span.spanContext().traceId)).size, 'one trace').to.equal(1);
  });

  it('a listener that throws ends its span with an error status', async () => {
    connection = await open(otel, `memory://tracing-${++broker}?maxRedeliveries=0&deadLetterQueue=`);
    connection.setExceptionListener(() => undefined);
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const queue = session.createQueue('fails');
    const consumer = await session.createConsumer(queue);
    const thrown = calledBack<void>((done) =>
      consumer.setMessageListener(() => {
        setImmediate(done);
        throw new Error('no stock');
      }),
    );
    await (await session.createProducer(queue)).send(session.createTextMessage('x'));
    await thrown;
    await consumer.close();
    const processSpan = otel.spans().find((span) => span.name === 'process fails')!;
    expect(processSpan.status.code).to.equal(SpanStatusCode.ERROR);
    expect(processSpan.status.message).to.equal('no stock');
    expect(processSpan.events.map((event) => event.name)).to.include('exception');
  });

  it('with the global tracer provider, nothing is traced until an SDK is registered behind it', async () => {
    const url = `memory://tracing-${++broker}`;
    const global = createConnectionFactory(url); // no tracerProvider: the global one, still the API's no-op
    const sender = await global.createConnection();
    connection = await open(otel, url); // traced receiver: shows whether a message carried context
    try {
      const session = await sender.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
      const producer = await session.createProducer(session.createQueue('global'));
      await producer.send(session.createTextMessage('before'));
      trace.setGlobalTracerProvider(otel.tracerProvider);
      await producer.send(session.createTextMessage('after'));
      const consumer = await (await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE)).createConsumer(session.createQueue('global'));
      expect(await consumer.receive(2000)).to.not.equal(null);
      expect(await consumer.receive(2000)).to.not.equal(null);
    } finally {
      trace.disable();
      await sender.close();
    }
    const [send, before, after] = otel.spans();
    expect(send!.name, 'one send span: the one after the registration').to.equal('send global');
    expect(before!.parentSpanContext, 'the first message carried no context').to.equal(undefined);
    expect(after!.parentSpanContext?.spanId).to.equal(send!.spanContext().spanId);
  });

  for (const url of ['memory://', 'memory://?emulate=transactions']) {
    it(`a transacted send carries its span's context to the consumer (${url.includes('emulate') ? 'client-held sends' : 'native transaction'})`, async () => {
      connection = await open(otel, url.replace('memory://', `memory://tracing-${++broker}`));
      const session = await connection.createSession(AcknowledgeMode.SESSION_TRANSACTED);
      const queue = session.createQueue('tx');
      await (await session.createProducer(queue)).send(session.createTextMessage('x'));
      await session.commit();
      expect(await (await session.createConsumer(queue)).receive(2000)).to.not.equal(null);
      await session.commit();
      const [send, receive] = otel.spans();
      expect(send!.name).to.equal('send tx');
      expect(receive!.parentSpanContext?.spanId).to.equal(send!.spanContext().spanId);
    });
  }

  it('a message without trace context starts a new trace', async () => {
    const url = `memory://tracing-${++broker}`;
    const plain = await open(otel, url, false); // a producer without tracing: no traceparent on the message
    connection = await open(otel, url);
    const sender = await plain.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    await (await sender.createProducer(sender.createQueue('plain'))).send(sender.createTextMessage('x'));
    await plain.close();
    expect(otel.spans(), 'tracing: false makes no span').to.deep.equal([]);

    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const outer = otel.tracerProvider.getTracer('app').startSpan('outer');
    await otel.tracerProvider.getTracer('app').startActiveSpan('caller', async (caller) => {
      await (await session.createConsumer(session.createQueue('plain'))).receive(2000);
      caller.end();
    });
    outer.end();
    const receive = otel.spans().find((span) => span.name === 'receive plain')!;
    expect(receive.parentSpanContext, 'no parent: a root span').to.equal(undefined);
    const caller = otel.spans().find((span) => span.name === 'caller')!;
    expect(receive.spanContext().traceId).to.not.equal(caller.spanContext().traceId);
  });
});
