import net from 'node:net';
import tls from 'node:tls';
import { ErrorCode } from '../../src/api/error-codes.js';
import { InvalidClientIDException, JMSException, JMSSecurityException } from '../../src/api/exceptions.js';
import { sniFor, tlsFailure } from '../../src/spi/public.js';
import { guardFrames, type StompFrameLimits } from './frame-guard.js';
import './stompit-hardening.js';
import { readBody, type IncomingFrame } from './incoming.js';
import type { FrameWriter } from './receipts.js';
import type { ScopedLogger } from '../../src/spi/public.js';

/** Opening the socket and stompit's Client for a STOMP connection, and the handlers it runs with. */

type CommandHandler = (this: unknown, frame: IncomingFrame, done: () => void) => void;

/** What a subscription gets: each MESSAGE frame, or the error that ended the connection. */
export type FrameListener = (error: Error | null, frame: IncomingFrame | undefined) => void;

/**
 * The part of stompit's Client this adapter uses: CONNECT and reading frames. Once connected,
 * frames are written by the adapter's FrameWriter straight to the socket.
 */
export interface StompClient {
  /** CONNECTED's headers, once connected. */
  readonly headers?: Record<string, string>;
  connect(headers: Record<string, string>, callback: (error: Error | null) => void): void;
  destroy(error?: Error): void;
  on(event: 'error', listener: (error: Error) => void): void;
  removeListener(event: 'error', listener: (error: Error) => void): void;
  setCommandHandlers(handlers: Record<string, CommandHandler>): void;
}

/**
 * Our RECEIPT, ERROR and MESSAGE handlers go into every handler table stompit installs (it
 * installs a new one on CONNECTED); stompit keeps only CONNECTED. Receipts go to the writer,
 * messages to the listener of their subscription id (none: the subscription has just closed).
 * An ERROR that belongs to sends fails them and leaves the connection open, as the broker does,
 * unless `countsSends()` (ActiveMQ's predicted message ids, message-ids.ts: a refused SEND takes no
 * number, so the count would drift); any other ends the client (stompit's own handler would throw
 * on RabbitMQ's text/plain bodies).
 */
/**
 * RabbitMQ tells of a connection it is closing (an operator's close_connection, a node shutting
 * down: AMQP 320 CONNECTION_FORCED) in an ERROR frame just before the socket closes.
 */
const CONNECTION_CLOSING = /connection_closing|server_initiated_close|CONNECTION_FORCED/;

export function installHandlers(client: StompClient, writer: FrameWriter, listeners: ReadonlyMap<string, FrameListener>, countsSends: () => boolean): void {
  const install = client.setCommandHandlers.bind(client);
  const onError: CommandHandler = (frame) => {
    const message = frame.headers.message ?? 'the broker sent an ERROR frame';
    const receiptId = frame.headers['receipt-id'];
    void readBody(frame).then(
      (body) => {
        const error = new Error(body.length > 0 ? `${message}: ${body.toString('utf8').trim()}` : message);
        if (CONNECTION_CLOSING.test(error.message)) {
          client.destroy(error); // a loss: sends in doubt are re-sent after a reconnect, not failed as refused
          return;
        }
        const failure = new JMSException(`The broker refused a send: ${error.message}`, ErrorCode.BROKER_ERROR, error);
        if (!writer.failSends(receiptId, failure) || countsSends()) client.destroy(error);
      },
      () => client.destroy(new Error(message)),
    );
  };
  const onReceipt: CommandHandler = (frame, done) => {
    if (writer.isOurs(frame)) writer.onReceipt(frame, done);
    else client.destroy(new Error(`unexpected RECEIPT ${frame.headers['receipt-id'] ?? ''}`));
  };
  const onMessage: CommandHandler = (frame, done) => {
    const listener = listeners.get(frame.headers.subscription ?? '');
    if (listener === undefined) frame.resume();
    else listener(null, frame);
    done();
  };
  client.setCommandHandlers = (handlers) => install({ ...handlers, RECEIPT: onReceipt, ERROR: onError, MESSAGE: onMessage });
  client.setCommandHandlers({});
}

export interface StompEndpoint {
  readonly host: string;
  readonly port: number;
  /** The redacted URL, for messages. */
  readonly url: string;
  readonly vhost: string;
  readonly username?: string;
  readonly password?: string;
  readonly connectTimeout: number;
  /**
   * STOMP heart-beat in ms, asked for in both directions (0 = none): a connection the broker has
   * been silent on for about twice as long counts as lost.
   */
  readonly heartbeat: number;
  /**
   * `jms-json` (opt-in, ActiveMQ): subscriptions ask the broker to write Java MapMessages as XStream
   * JSON, decoded into MapMessages. Off by default: the broker needs XStream and Jettison for it, and
   * drops the connection on a Java ObjectMessage of a class it does not trust.
   */
  readonly transformation: 'jms-json' | null;
  /** The adapter's logger (`jms-ts.stomp`); silent without an application logger. */
  readonly log?: ScopedLogger;
  /** The largest frame and header block accepted from the broker (frame-guard.ts). */
  readonly limits: StompFrameLimits;
  /** Node TLS options when the connection uses TLS (`tls=true`), else null. */
  readonly tls: tls.ConnectionOptions | null;
}

/** ERROR frames of a failed CONNECT, named by what went wrong. */
export function connectError(error: Error, endpoint: StompEndpoint, clientId: string | null): JMSException {
  // TLS 1.3 brokers refuse a client certificate after the handshake: the alert arrives here.
  const tls = tlsFailure(error, `the STOMP broker at ${endpoint.url}`);
  if (tls !== null) return tls;
  const message = error.message;
  if (/already connected|clientid|client id/i.test(message) && clientId !== null) {
    return new InvalidClientIDException(`Client id "${clientId}" is already in use on ${endpoint.url}: ${message}`, ErrorCode.CLIENT_ID_IN_USE, error);
  }
  if (/access refused|authenticat|password|login|credentials|not authorized/i.test(message)) {
    return new JMSSecurityException(`The broker at ${endpoint.url} refused the credentials: ${message}`, ErrorCode.ACCESS_REFUSED, error);
  }
  if (/socket closed|ECONNRESET|the socket closed|unexpected end/i.test(message)) {
    const hint = endpoint.tls === null ? 'is it a TLS port? add tls=true' : 'is it a plaintext port? drop tls=true';
    return new JMSException(`Cannot connect to the STOMP broker at ${endpoint.url}: it closed the connection before CONNECTED (${hint})`, ErrorCode.BROKER_UNAVAILABLE, error);
  }
  return new JMSException(`Cannot connect to the STOMP broker at ${endpoint.url}: ${message}`, ErrorCode.BROKER_UNAVAILABLE, error);
}

/** A TCP (or TLS, handshake done) socket to the broker, within connectTimeout. */
export function openSocket(endpoint: StompEndpoint): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = endpoint.tls === null ? net.connect({ host: endpoint.host, port: endpoint.port }) : tls.connect({ host: endpoint.host, port: endpoint.port, ...sniFor(endpoint.host), ...endpoint.tls });
    let tcpOpen = false;
    socket.once('connect', () => (tcpOpen = true));
    const timer = setTimeout(() => {
      socket.destroy();
      // A plaintext STOMP port waits for a frame and never answers a TLS hello.
      const hint = endpoint.tls !== null && tcpOpen ? ': the TCP connection opened but no TLS handshake answer came (is it a plaintext port? drop tls=true)' : '';
      reject(new Error(`no answer within ${endpoint.connectTimeout} ms${hint}`));
    }, endpoint.connectTimeout);
    socket.once(endpoint.tls === null ? 'connect' : 'secureConnect', () => {
      clearTimeout(timer);
      // stompit leaves Nagle on: a send waiting for its receipt would then take ~45 ms.
      socket.setNoDelay(true);
      guardFrames(socket, endpoint.limits);
      resolve(socket);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(tlsFailure(error, `the STOMP broker at ${endpoint.url}`) ?? error);
    });
  });
}

