import type { Destination } from '../../src/api/destination.js';
import { FeatureNotSupportedException, IllegalStateException, JMSException } from '../../src/api/exceptions.js';
import type { Delivery, Envelope } from '../../src/spi/public.js';
import type {
  DeliverySink,
  ProviderBrowser,
  ProviderSession,
  ProviderSubscription,
  SubscriptionSpec,
} from '../../src/spi/public.js';
import type { StompConnection } from './connection.js';
import { destinationPath, envelopeToFrame, frameToEnvelope } from './frames.js';
import { readBody, type IncomingFrame } from './incoming.js';
import { translateSelector } from './selector-translation.js';
import { StompTransaction } from './transaction.js';

class StompDelivery implements Delivery {
  constructor(
    readonly envelope: Envelope,
    readonly destination: Destination,
    readonly redelivered: boolean,
    readonly headers: Record<string, string>,
    readonly subscription: StompSubscription,
  ) {}

  get deliveryCount(): number | null {
    return null;
  }
}

/** The ACK/NACK headers of STOMP 1.2 (id) and 1.0/1.1 (message-id, subscription) at once. */
function ackHeaders(headers: Record<string, string>): Record<string, string> {
  return { id: headers.ack ?? headers['message-id']!, 'message-id': headers['message-id']!, subscription: headers.subscription! };
}

/** One SUBSCRIBE, with `client-individual` acks: each message is acknowledged on its own. */
class StompSubscription implements ProviderSubscription {
  private open = true;
  private readonly unacked = new Map<string, Record<string, string>>();

  constructor(
    private readonly connection: StompConnection,
    readonly id: string,
    private readonly sink: DeliverySink,
    private readonly destination: Destination,
    private readonly onClosed: (subscription: StompSubscription) => void,
  ) {}

  onFrame(error: Error | null, frame: IncomingFrame | undefined): void {
    if (!this.open) return;
    if (error || !frame) return; // the connection's loss is reported once, by the connection
    const headers = frame.headers;
    readBody(frame).then(
      (body) => {
        if (!this.open) return;
        let envelope: Envelope;
        try {
          envelope = frameToEnvelope(headers, body, this.connection.dialect);
        } catch (decodeError) {
          this.sink.fail(decodeError instanceof JMSException ? decodeError : new JMSException(String(decodeError)));
          return;
        }
        this.unacked.set(headers['message-id']!, headers);
        this.sink.deliver(new StompDelivery(envelope, this.destination, headers.redelivered === 'true', headers, this));
      },
      (readError: unknown) => this.sink.fail(new JMSException(`Cannot read a message from ${this.destination}: ${String(readError)}`)),
    );
  }

  ack(delivery: StompDelivery, transaction: StompTransaction | null): void {
    const messageId = delivery.headers['message-id']!;
    if (!this.open || !this.unacked.delete(messageId)) return;
    if (transaction === null) this.connection.post('ACK', ackHeaders(delivery.headers));
    // After ABORT the broker still counts the message as delivered and unacknowledged: a later commit acks it again.
    else transaction.ack(ackHeaders(delivery.headers), () => this.open && this.unacked.set(messageId, delivery.headers));
  }

  async close(): Promise<void> {
    if (!this.open) return;
    this.open = false;
    this.onClosed(this);
    if (!this.connection.isOpen) return;
    // RabbitMQ keeps what a cancelled subscription had not acknowledged: hand it back first.
    if (this.connection.dialect.nackOnClose) for (const headers of this.unacked.values()) this.connection.post('NACK', ackHeaders(headers));
    this.unacked.clear();
    this.connection.unsubscribeFrames(this.id);
  }
}

export class StompSession implements ProviderSession {
  private readonly subscriptions = new Set<StompSubscription>();
  private readonly transaction: StompTransaction | null;
  private closed = false;

  constructor(
    private readonly connection: StompConnection,
    transacted: boolean,
    private readonly onClose: () => void,
  ) {
    this.transaction = transacted ? new StompTransaction(connection) : null;
  }

  private path(destination: Destination): string {
    return destinationPath(destination);
  }

  private queueHeaders(destination: Destination): Record<string, string> {
    return destination.kind === 'queue' && !destination.temporary ? { ...this.connection.dialect.queueHeaders } : {};
  }

  /**
   * On ActiveMQ the envelope's message id becomes the one the broker gives this SEND, which the
   * producer then reports: every client sees the same JMSMessageID (message-ids.ts).
   */
  send(destination: Destination, envelope: Envelope): Promise<void> {
    this.checkOpen();
    const brokerId = envelope.messageId === null ? null : this.connection.messageIds.next();
    // With brokerNamesIt no message id header goes out, so the envelope needs no copy with the broker's id.
    const { headers, body } = envelopeToFrame(envelope, this.path(destination), this.connection.dialect, Date.now(), {
      brokerNamesIt: brokerId !== null,
      javaMaps: this.connection.transformationHeader.transformation === 'jms-json',
    });
    // Object.assign would set a header named __proto__ as the prototype (the header lost); a spread defines it.
    const frameHeaders = Object.hasOwn(headers, '__proto__') ? { ...this.queueHeaders(destination), ...headers } : Object.assign(this.queueHeaders(destination), headers);
    // The frame is counted now, in this call, and written in call order: the broker's count matches the id predicted above.
    const sent = this.transaction === null ? this.connection.send(frameHeaders, body) : this.transaction.send(frameHeaders, body);
    if (brokerId !== null) envelope.messageId = brokerId;
    return sent;
  }

  async subscribe(spec: SubscriptionSpec, sink: DeliverySink): Promise<ProviderSubscription> {
    this.checkOpen();
    const { connection } = this;
    const id = connection.nextId('sub');
    const headers: Record<string, string> = {
      ...this.queueHeaders(spec.destination),
      destination: this.path(spec.destination),
      id,
      ack: 'client-individual',
      [connection.dialect.prefetchHeader]: String(spec.prefetch),
      ...connection.transformationHeader,
    };
    if (spec.selector !== null) headers.selector = translateSelector(spec.selector);
    if (spec.noLocal) headers['activemq.noLocal'] = 'true';
    if (spec.durable) {
      headers['activemq.subscriptionName'] = spec.subscriptionName!;
      await connection.recordDurable(spec.subscriptionName!);
    }
    const subscription = new StompSubscription(connection, id, sink, spec.destination, (s) => this.subscriptions.delete(s));
    connection.listen(id, (error, frame) => subscription.onFrame(error, frame));
    // The receipt means the broker has the subscription: messages sent after this reach it.
    await connection.request('SUBSCRIBE', headers);
    this.subscriptions.add(subscription);
    return subscription;
  }

  async acknowledge(deliveries: readonly Delivery[]): Promise<void> {
    for (const delivery of deliveries) if (delivery instanceof StompDelivery) delivery.subscription.ack(delivery, this.transaction);
  }

  async commit(): Promise<void> {
    this.checkOpen();
    if (this.transaction === null) throw new IllegalStateException('The session is not transacted');
    await this.transaction.commit();
  }

  async rollback(): Promise<void> {
    this.checkOpen();
    if (this.transaction === null) throw new IllegalStateException('The session is not transacted');
    await this.transaction.rollback();
  }

  async browse(queue: Destination, selector: string | null): Promise<ProviderBrowser> {
    this.checkOpen();
    const { dialect } = this.connection;
    if (dialect.capabilities.browsing === 'unsupported') {
      throw new FeatureNotSupportedException(dialect.adapter, 'queue browsing', 'the broker has no STOMP browser');
    }
    return this.connection.browse(this.path(queue), selector === null ? null : translateSelector(selector));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.onClose();
    // An open transaction ends with the session: its sends are dropped, its acks undone.
    await this.transaction?.rollback().catch(() => undefined);
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
  }

  private checkOpen(): void {
    if (this.closed) throw new IllegalStateException('The session is closed');
    this.connection.checkOpen();
  }
}
