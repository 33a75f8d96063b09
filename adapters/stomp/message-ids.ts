import type { StompClient } from './connection.js';
import type { IncomingFrame } from './session.js';

/**
 * ActiveMQ ignores a STOMP client's `message-id` and names each SEND itself: the n-th SEND of a
 * STOMP connection becomes `<connection id>:-1:1:<n>` (activemq-stomp's ProtocolConverter gives
 * every STOMP connection one session, -1, with one producer, 1, and counts its SENDs from 1).
 * Counting this connection's SENDs therefore tells, while a SEND is written, the id that every
 * client, Java's included, will see as JMSMessageID; jms-ts then reports that id as its own.
 *
 * A SEND the broker refuses before naming it (a bad header value) takes no number, but it is
 * answered with an ERROR frame, which ends this adapter's connection: the count cannot drift.
 *
 * The connection id is CONNECTED's `session` header when no client id was given; with a client id
 * that header is the client id, and one message sent to a temporary queue of the connection shows
 * the broker's id instead.
 */
export class BrokerMessageIds {
  private sends = 0;
  private connectionId: string | null = null;

  /** Counts every SEND `client` writes, whoever writes it: each one takes a number from the broker. */
  constructor(client: StompClient) {
    const sendFrame = client.sendFrame.bind(client);
    client.sendFrame = (command, headers, options) => {
      if (command === 'SEND') this.sends++;
      return sendFrame(command, headers, options);
    };
  }

  /** The id the broker will give the next SEND, or null while the connection id is unknown. */
  next(): string | null {
    return this.connectionId === null ? null : `${this.connectionId}:-1:1:${this.sends + 1}`;
  }

  /** Learns the connection id from CONNECTED's headers or, failing that, from a message sent to itself. */
  async learn(client: StompClient, connected: Readonly<Record<string, string>>, withClientId: boolean, timeout: number): Promise<void> {
    const session = connected.session;
    if (!withClientId && session !== undefined && /^ID:.+:\d+$/.test(session)) {
      this.connectionId = session;
      return;
    }
    const id = await probe(client, timeout);
    const match = id === null ? null : /^(ID:.+):-1:1:(\d+)$/.exec(id);
    // Any other form (another broker version) leaves ids unknown: jms-ts's own then travel in a header.
    if (match !== null && Number(match[2]) === this.sends) this.connectionId = match[1]!;
  }
}

/** The broker's id of one empty message this connection sends to a temporary queue of its own. */
function probe(client: StompClient, timeout: number): Promise<string | null> {
  const id = 'jmsts-message-id-probe';
  const destination = '/temp-queue/jmsts.message-id-probe';
  return new Promise((resolve) => {
    const timer = setTimeout(() => done(null), timeout);
    const done = (messageId: string | null) => {
      clearTimeout(timer);
      client.getSubscription(id)?.unsubscribe();
      resolve(messageId);
    };
    client.setImplicitSubscription(id, 'auto', (_error, frame) => {
      const message = frame as IncomingFrame | undefined;
      message?.resume();
      done(message?.headers['message-id'] ?? null);
    });
    client.sendFrame('SUBSCRIBE', { destination, id, ack: 'auto' }).end();
    client.sendFrame('SEND', { destination, 'content-length': '0' }).end(Buffer.alloc(0));
  });
}
