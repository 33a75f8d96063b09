import type { FrameListener } from './client.js';
import type { FrameWriter } from './receipts.js';

/** What the probe needs of a connection that is not yet in use: writing frames, and taking MESSAGEs. */
export interface ProbeWire {
  readonly writer: FrameWriter;
  listen(id: string, listener: FrameListener): void;
  unlisten(id: string): void;
}

/**
 * ActiveMQ ignores a STOMP client's `message-id` and names each SEND itself: the n-th SEND of a
 * STOMP connection becomes `<connection id>:-1:1:<n>` (activemq-stomp's ProtocolConverter gives
 * every STOMP connection one session, -1, with one producer, 1, and counts its SENDs from 1).
 * Counting this connection's SENDs therefore tells, while a SEND is written, the id that every
 * client, Java's included, will see as JMSMessageID; jms-ts then reports that id as its own.
 *
 * A SEND the broker refuses before naming it (a bad header value) takes no number, but it is
 * answered with an ERROR frame; while ids are known, that ends this adapter's connection (see
 * installHandlers in client.ts), so the count cannot drift.
 *
 * The connection id is CONNECTED's `session` header when no client id was given; with a client id
 * that header is the client id, and one message sent to a temporary queue of the connection shows
 * the broker's id instead.
 */
export class BrokerMessageIds {
  private connectionId: string | null = null;

  /** `writer` counts every SEND of the connection in call order, which is wire order. */
  constructor(private readonly writer: FrameWriter) {}

  private get sends(): number {
    return this.writer.sendCount;
  }

  /** True when ids are predicted: a refused SEND must then end the connection. */
  get known(): boolean {
    return this.connectionId !== null;
  }

  /** The id the broker will give the next SEND, or null while the connection id is unknown. */
  next(): string | null {
    return this.connectionId === null ? null : `${this.connectionId}:-1:1:${this.sends + 1}`;
  }

  /** Learns the connection id from CONNECTED's headers or, failing that, from a message sent to itself. */
  async learn(wire: ProbeWire, connected: Readonly<Record<string, string>>, withClientId: boolean, timeout: number): Promise<void> {
    const session = connected.session;
    if (!withClientId && session !== undefined && /^ID:.+:\d+$/.test(session)) {
      this.connectionId = session;
      return;
    }
    const id = await probe(wire, timeout);
    const match = id === null ? null : /^(ID:.+):-1:1:(\d+)$/.exec(id);
    // Any other form (another broker version) leaves ids unknown: jms-ts's own then travel in a header.
    if (match !== null && Number(match[2]) === this.sends) this.connectionId = match[1]!;
  }
}

/** The broker's id of one empty message this connection sends to a temporary queue of its own. */
function probe(wire: ProbeWire, timeout: number): Promise<string | null> {
  const id = 'jmsts-message-id-probe';
  const destination = '/temp-queue/jmsts.message-id-probe';
  return new Promise((resolve) => {
    const timer = setTimeout(() => done(null), timeout);
    const done = (messageId: string | null) => {
      clearTimeout(timer);
      wire.unlisten(id);
      wire.writer.post('UNSUBSCRIBE', { id });
      resolve(messageId);
    };
    wire.listen(id, (_error, frame) => {
      frame?.resume();
      done(frame?.headers['message-id'] ?? null);
    });
    wire.writer.post('SUBSCRIBE', { destination, id, ack: 'auto' });
    wire.writer.post('SEND', { destination, 'content-length': '0' }, Buffer.alloc(0));
  });
}
