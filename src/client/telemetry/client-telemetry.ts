import type { Destination } from '../../api/destination.js';
import type { JMSException } from '../../api/exceptions.js';
import type { TelemetryOptions } from '../../api/telemetry.js';
import type { Delivery, Envelope } from '../../spi/envelope.js';
import { SILENT_LOGGER, type ScopedLogger } from '../../spi/logging.js';
import type { PendingDelivery } from '../pending-delivery.js';
import { AttributeSets } from './attributes.js';
import type { Attributes, MeterProvider, TracerProvider } from '@opentelemetry/api';
import { MessagingMetrics, secondsSince } from './messaging-metrics.js';
import { loadOpenTelemetry } from './otel-loader.js';
import { MessagingSpans } from './spans.js';
import type { ConsumerFacts, ServerAddress } from './types.js';

const INSTRUMENTATION = 'jms-ts';
const VERSION = '0.1.0';

export interface TelemetrySettings {
  readonly adapter: string;
  /** The first broker host, for `server.address` and `server.port`. */
  readonly server?: ServerAddress;
  /** The redacted broker URL, for connection logs. */
  readonly url?: string;
  /** The client layer's logger (`jms-ts.client`), silent when none is configured. */
  readonly logger?: ScopedLogger;
  readonly options?: TelemetryOptions;
}

/** What the client layer sends through: the session's transaction. */
export interface Sender {
  send(destination: Destination, envelope: Envelope): Promise<void>;
}

/** A running listener's span and timing, ended when the listener returns or throws. */
export interface ListenerRun {
  run<T>(body: () => T): T;
  end(failure: unknown): void;
}

interface HandOut {
  readonly at: number;
  readonly attributes: Attributes;
}

/**
 * Logs, traces and metrics of one connection factory, in one place the client layer calls at a
 * handful of points (send, hand-out, listener, acknowledgement, commit, dead-lettering,
 * connection state). A factory with no logger and no OpenTelemetry installed has none: the
 * connection's `telemetry` is null and every hook is a skipped optional call.
 */
export class ClientTelemetry {
  readonly log: ScopedLogger;
  private spans: MessagingSpans | null = null;
  private metrics: MessagingMetrics | null = null;
  private readonly attributes: AttributeSets;
  private readonly handOuts = new WeakMap<Delivery, HandOut>();
  private loading: Promise<void> | null = null;
  private readonly commitAttributes: Attributes;

  constructor(private readonly settings: TelemetrySettings) {
    this.log = settings.logger ?? SILENT_LOGGER;
    this.attributes = new AttributeSets(settings.adapter, settings.server);
    this.commitAttributes = Object.freeze({ ...this.attributes.base, 'messaging.operation.name': 'commit' });
  }

  /** Loads OpenTelemetry (once) and answers this, or null when there is nothing to log, trace or measure. */
  async ready(): Promise<ClientTelemetry | null> {
    this.loading ??= this.load();
    await this.loading;
    return this.spans !== null || this.metrics !== null || this.log !== SILENT_LOGGER ? this : null;
  }

  private async load(): Promise<void> {
    const options = this.settings.options ?? {};
    if (options.tracing === false && options.metrics === false) return;
    const otel = await loadOpenTelemetry();
    if (otel === null) return;
    if (options.tracing !== false) {
      const given = options.tracerProvider as TracerProvider | undefined;
      const global = otel.trace.getTracerProvider();
      const provider = given ?? global;
      this.spans = new MessagingSpans(otel, provider.getTracer(INSTRUMENTATION, VERSION), this.attributes, given === undefined && global instanceof otel.ProxyTracerProvider ? global : null);
    }
    if (options.metrics !== false) {
      const provider = (options.meterProvider as MeterProvider | undefined) ?? otel.metrics.getMeterProvider();
      const meter = provider.getMeter(INSTRUMENTATION, VERSION);
      // The global MeterProvider is no proxy: without one registered by now, every meter is the no-op one for good.
      if (meter !== otel.createNoopMeter()) this.metrics = new MessagingMetrics(meter);
    }
  }

  /** Whether acknowledgements are measured (the provider connection is watched for them). */
  get measuresAcks(): boolean {
    return this.metrics !== null;
  }

  // --- producing ----------------------------------------------------------------------------

  /** Sends through `sender` inside a producer span, with the trace context in the message. */
  send(destination: Destination, envelope: Envelope, sender: Sender): Promise<void> {
    const spans = this.spans?.live ? this.spans : null;
    if (spans === null && this.metrics === null) return sender.send(destination, envelope); // nothing to add
    const span = spans?.startSend(destination, envelope);
    const start = performance.now();
    let sent: Promise<void>;
    try {
      sent = sender.send(destination, envelope);
    } catch (error) {
      sent = Promise.reject(error);
    }
    return sent.then(
      () => {
        if (span !== undefined) spans!.endSend(span, envelope);
        if (this.metrics !== null) {
          this.metrics.sent.add(1, this.attributes.metric(destination));
          this.metrics.operationDuration.record(secondsSince(start), this.attributes.metric(destination, 'send'));
        }
      },
      (error: unknown) => {
        if (span !== undefined) spans!.endSend(span, envelope, error);
        this.log.debug({ destination: String(destination), messageId: envelope.messageId, err: error }, 'A send failed');
        throw error;
      },
    );
  }

  // --- consuming ----------------------------------------------------------------------------

  /** A message was handed to the application: counted, timed until its ack, and for receive() traced. */
  handedOut(consumer: ConsumerFacts, pending: PendingDelivery, forListener: boolean): void {
    const { delivery } = pending;
    if (this.metrics !== null) {
      const attributes = this.attributes.metric(consumer.destination);
      this.metrics.consumed.add(1, attributes);
      if (pending.redelivered) this.metrics.redelivered.add(1, attributes);
      this.handOuts.set(delivery, { at: performance.now(), attributes });
    }
    if (pending.redelivered && this.log.enabled('debug')) {
      this.log.debug({ destination: String(consumer.destination), messageId: delivery.envelope.messageId, deliveryCount: pending.deliveryCount }, 'Redelivering a message');
    }
    if (!forListener && this.spans?.live) this.spans.received(consumer, delivery, pending.deliveryCount);
  }

  /** A listener is about to run for this message: its process span and duration. */
  listener(consumer: ConsumerFacts, pending: PendingDelivery): ListenerRun | undefined {
    const spans = this.spans?.live ? this.spans : null;
    if (spans === null && this.metrics === null && this.log === SILENT_LOGGER) return undefined;
    const started = spans?.startProcess(consumer, pending.delivery, pending.deliveryCount);
    const start = performance.now();
    return {
      run: started === undefined ? (body) => body() : (body) => spans!.runIn(started.context, body),
      end: (failure) => {
        if (started !== undefined) spans!.endProcess(started.span, failure);
        this.metrics?.processDuration.record(secondsSince(start), this.attributes.metric(consumer.destination, 'process'));
        if (failure !== null) {
          this.log.warn(
            { destination: String(consumer.destination), messageId: pending.delivery.envelope.messageId, deliveryCount: pending.deliveryCount, err: failure },
            'A message listener failed; the redelivery policy decides what becomes of the message',
          );
        }
      },
    };
  }

  /** The broker has the acknowledgement of these deliveries. */
  acknowledged(deliveries: readonly Delivery[]): void {
    const metrics = this.metrics;
    if (metrics === null) return;
    for (const delivery of deliveries) {
      const handOut = this.handOuts.get(delivery);
      if (handOut === undefined) continue; // never shown to the application (expired, filtered out)
      this.handOuts.delete(delivery);
      metrics.acknowledged.add(1, handOut.attributes);
      metrics.receiveToAck.record(secondsSince(handOut.at), handOut.attributes);
    }
  }

  /** A performance.now() reading for a commit's duration, when metrics are on. */
  commitStarted(): number {
    return performance.now();
  }

  committed(start: number): void {
    this.metrics?.operationDuration.record(secondsSince(start), this.commitAttributes);
  }

  /** A message ran out of redeliveries and was moved to `queue` (or dropped when null). */
  deadLettered(destination: Destination, envelope: Envelope, queue: string | null, deliveryCount: number, failure: unknown): void {
    this.metrics?.deadLettered.add(1, this.attributes.metric(destination));
    this.log.warn(
      { destination: String(destination), messageId: envelope.messageId, deliveryCount, deadLetterQueue: queue, err: failure },
      queue === null ? 'A message ran out of redeliveries and was dropped (no dead-letter queue)' : `A message ran out of redeliveries and was moved to queue://${queue}`,
    );
  }

  // --- connection state -----------------------------------------------------------------------

  connectionOpened(connectionId: string, clientId: string | null): void {
    this.metrics?.connections.add(1, { ...this.attributes.base, 'jms.connection.state': 'open' });
    this.log.info({ url: this.settings.url, adapter: this.settings.adapter, connectionId, clientId }, 'Connected to the broker');
  }

  /** The link to the broker broke; the connection recovers it when reconnect is on. */
  linkLost(connectionId: string, error: JMSException): void {
    this.log.warn({ url: this.settings.url, connectionId, code: error.code, err: error }, 'The link to the broker was lost');
  }

  /** The connection is lost for good (reconnect off, or recovery gave up). */
  connectionLost(connectionId: string, error: JMSException): void {
    this.metrics?.connections.add(-1, { ...this.attributes.base, 'jms.connection.state': 'open' });
    this.metrics?.connections.add(1, { ...this.attributes.base, 'jms.connection.state': 'lost' });
    this.log.error({ url: this.settings.url, connectionId, code: error.code, err: error }, 'Lost the connection to the broker');
  }

  connectionClosed(connectionId: string, wasLost: boolean): void {
    this.metrics?.connections.add(-1, { ...this.attributes.base, 'jms.connection.state': wasLost ? 'lost' : 'open' });
    this.log.info({ url: this.settings.url, connectionId }, 'Connection closed');
  }
}

