import type { Context, ProxyTracerProvider, Span, Tracer, TracerProvider } from '@opentelemetry/api';
import type { Destination } from '../../api/destination.js';
import type { Delivery, Envelope } from '../../spi/envelope.js';
import type { AttributeSets } from './attributes.js';
import type { Otel } from './otel-loader.js';
import type { ConsumerFacts } from './types.js';
import { extractTraceContext, injectTraceContext } from './trace-context.js';


/**
 * The spans of the OpenTelemetry messaging semantic conventions: a PRODUCER span per send that
 * puts its context into the message, and a CONSUMER span per delivery (`receive` for receive()
 * and iteration, `process` around a listener) whose parent is the context the message carries.
 */
export class MessagingSpans {
  private readonly noopProvider: TracerProvider;

  constructor(
    private readonly otel: Otel,
    private readonly tracer: Tracer,
    private readonly attributes: AttributeSets,
    /** The global provider when no provider was given: tracing waits until an SDK is registered behind it. */
    private readonly globalProvider: ProxyTracerProvider | null,
  ) {
    this.noopProvider = new otel.ProxyTracerProvider().getDelegate();
  }

  /**
   * Whether spans are made now: always with a given provider; with the global one, once an SDK
   * is registered. Until then nothing is allocated per message (the API alone costs nothing).
   */
  get live(): boolean {
    return this.globalProvider === null || this.globalProvider.getDelegate() !== this.noopProvider;
  }

  /** Starts the send span as a child of the active context and writes its context into the envelope. */
  startSend(destination: Destination, envelope: Envelope): Span {
    const { otel } = this;
    const span = this.tracer.startSpan(
      `send ${spanTarget(destination)}`,
      { kind: otel.SpanKind.PRODUCER, attributes: this.attributes.span(destination, 'send') },
      otel.context.active(),
    );
    const context = span.spanContext();
    if (otel.trace.isSpanContextValid(context)) injectTraceContext(context, envelope);
    if (span.isRecording()) describeMessage(span, envelope);
    return span;
  }

  /** Ends a send span; its message id is the one the broker kept (a provider may rename it while sending). */
  endSend(span: Span, envelope: Envelope, error?: unknown): void {
    if (envelope.messageId !== null) span.setAttribute('messaging.message.id', envelope.messageId);
    if (error !== undefined) this.failed(span, error);
    span.end();
  }

  /** A receive span: the moment a message was handed to the application. */
  received(consumer: ConsumerFacts, delivery: Delivery, deliveryCount: number): void {
    const span = this.startConsumer('receive', consumer, delivery, deliveryCount);
    span.end();
  }

  /** A process span around a listener, and the context the listener runs in. */
  startProcess(consumer: ConsumerFacts, delivery: Delivery, deliveryCount: number): { span: Span; context: Context } {
    const parent = extractTraceContext(this.otel, delivery.envelope);
    const span = this.startConsumer('process', consumer, delivery, deliveryCount, parent);
    return { span, context: this.otel.trace.setSpan(parent, span) };
  }

  runIn<T>(context: Context, body: () => T): T {
    return this.otel.context.with(context, body);
  }

  endProcess(span: Span, failure: unknown): void {
    if (failure !== null) this.failed(span, failure);
    span.end();
  }

  private startConsumer(operation: 'receive' | 'process', consumer: ConsumerFacts, delivery: Delivery, deliveryCount: number, parent?: Context): Span {
    const { envelope } = delivery;
    const span = this.tracer.startSpan(
      `${operation} ${spanTarget(consumer.destination)}`,
      { kind: this.otel.SpanKind.CONSUMER, attributes: this.attributes.span(consumer.destination, operation) },
      parent ?? extractTraceContext(this.otel, envelope),
    );
    if (span.isRecording()) {
      describeMessage(span, envelope);
      if (envelope.messageId !== null) span.setAttribute('messaging.message.id', envelope.messageId);
      if (consumer.subscriptionName !== null) span.setAttribute('messaging.destination.subscription.name', consumer.subscriptionName);
      span.setAttribute('jms.message.delivery_count', deliveryCount);
      if (delivery.telemetryAttributes !== undefined) span.setAttributes(delivery.telemetryAttributes());
    }
    return span;
  }

  private failed(span: Span, error: unknown): void {
    const exception = error instanceof Error ? error : new Error(String(error));
    span.recordException(exception);
    span.setAttribute('error.type', (error as { code?: string })?.code ?? exception.name);
    span.setStatus({ code: this.otel.SpanStatusCode.ERROR, message: exception.message });
  }
}

function describeMessage(span: Span, envelope: Envelope): void {
  // From the text itself where there is one: reading `body` would encode a text the adapter may never need as bytes.
  span.setAttribute('messaging.message.body.size', envelope.bodyText !== undefined ? Buffer.byteLength(envelope.bodyText) : envelope.body.byteLength);
  if (envelope.correlationId !== null) span.setAttribute('messaging.message.conversation_id', envelope.correlationId);
}

/** The destination in a span name: temporary ones are `(temporary)`, as the conventions ask (their names are unique). */
function spanTarget(destination: Destination): string {
  return destination.temporary ? '(temporary)' : destination.name;
}
