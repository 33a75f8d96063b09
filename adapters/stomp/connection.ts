import net from 'node:net';
import stompit from 'stompit';
import { destinationOf, type Destination, type DestinationKind } from '../../src/api/destination.js';
import { ErrorCode } from '../../src/api/error-codes.js';
import {
  IllegalStateException,
  InvalidClientIDException,
  InvalidDestinationException,
  JMSException,
  JMSSecurityException,
} from '../../src/api/exceptions.js';
import type { ProviderConnectOptions, ProviderConnection, ProviderSession, ProviderSessionOptions } from '../../src/spi/public.js';
import type { StompDialect } from './dialect.js';
import { TEMPORARY_PREFIX } from './frames.js';
import { BrokerMessageIds } from './message-ids.js';
import { readBody, StompBrowser, StompSession, type IncomingFrame } from './session.js';

/** The part of stompit's Client this adapter uses; its published typings are narrower than the library. */
export interface StompClient {
  /** CONNECTED's headers, once connected. */
  readonly headers?: Record<string, string>;
  connect(headers: Record<string, string>, callback: (error: Error | null) => void): void;
  sendFrame(command: string, headers: Record<string, string>, options?: { onReceipt: () => void }): { end(body?: Buffer): void };
  setImplicitSubscription(id: string, ack: string, listener: (error: Error | null, frame: unknown) => void): unknown;
  getSubscription(id: string): { unsubscribe(): void } | undefined;
  disconnect(callback: (error: Error | null) => void): void;
  destroy(error?: Error): void;
  on(event: 'error', listener: (error: Error) => void): void;
  removeListener(event: 'error', listener: (error: Error) => void): void;
  setCommandHandler(command: string, handler: (frame: IncomingFrame) => void): void;
}

/**
 * stompit's own ERROR handler destroys the frame instead of the client when the frame has a
 * text/plain body (as RabbitMQ sends), which throws an uncaught error; this one ends the client.
 * stompit replaces all handlers on CONNECTED, so it is set before and after.
 */
function handleErrorFrames(client: StompClient): void {
  client.setCommandHandler('ERROR', (frame) => {
    const message = frame.headers.message ?? 'the broker sent an ERROR frame';
    void readBody(frame).then(
      (body) => client.destroy(new Error(body.length > 0 ? `${message}: ${body.toString('utf8').trim()}` : message)),
      () => client.destroy(new Error(message)),
    );
  });
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
   * `jms-json` (opt-in, ActiveMQ): subscriptions ask the broker to write Java MapMessages as XStream
   * JSON, decoded into MapMessages. Off by default: the broker needs XStream and Jettison for it, and
   * drops the connection on a Java ObjectMessage of a class it does not trust.
   */
  readonly transformation: 'jms-json' | null;
}

/** ERROR frames of a failed CONNECT, named by what went wrong. */
function connectError(error: Error, endpoint: StompEndpoint, clientId: string | null): JMSException {
  const message = error.message;
  if (/already connected|clientid|client id/i.test(message) && clientId !== null) {
    return new InvalidClientIDException(`Client id "${clientId}" is already in use on ${endpoint.url}: ${message}`, ErrorCode.CLIENT_ID_IN_USE, error);
  }
  if (/access refused|authenticat|password|login|credentials|not authorized/i.test(message)) {
    return new JMSSecurityException(`The broker at ${endpoint.url} refused the credentials: ${message}`, ErrorCode.ACCESS_REFUSED, error);
  }
  return new JMSException(`Cannot connect to the STOMP broker at ${endpoint.url}: ${message}`, ErrorCode.BROKER_UNAVAILABLE, error);
}

function openSocket(endpoint: StompEndpoint): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: endpoint.host, port: endpoint.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${endpoint.connectTimeout} ms`));
    }, endpoint.connectTimeout);
    socket.once('connect', () => {
      clearTimeout(timer);
      // stompit leaves Nagle on: a send waiting for its receipt would then take ~45 ms.
      socket.setNoDelay(true);
      resolve(socket);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** One STOMP connection; its sessions share it, each subscription with its own id. */
export class StompConnection implements ProviderConnection {
  client!: StompClient;
  /** The ids ActiveMQ gives this connection's SENDs (message-ids.ts). */
  messageIds!: BrokerMessageIds;
  private readonly pending = new Set<(error: JMSException) => void>();
  private readonly sessions = new Set<StompSession>();
  private clientId: string | null;
  private temporaries = 0;
  private ids = 0;
  private closed = false;
  private replacing = false;

  private constructor(
    readonly dialect: StompDialect,
    private readonly endpoint: StompEndpoint,
    private readonly options: ProviderConnectOptions,
  ) {
    this.clientId = options.clientId;
  }

  static async open(dialect: StompDialect, endpoint: StompEndpoint, options: ProviderConnectOptions): Promise<StompConnection> {
    const connection = new StompConnection(dialect, endpoint, options);
    await connection.attach();
    return connection;
  }

  get connectionId(): string {
    return this.options.connectionId;
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /** The SUBSCRIBE header asking ActiveMQ for Java MapMessages as JSON, when the URL opts in. */
  get transformationHeader(): Record<string, string> {
    return this.endpoint.transformation === null ? {} : { transformation: this.endpoint.transformation };
  }

  /** A fresh id for a subscription or transaction on this connection. */
  nextId(prefix: string): string {
    return `${prefix}-${++this.ids}`;
  }

  private async attach(): Promise<void> {
    const { endpoint } = this;
    let socket: net.Socket;
    try {
      socket = await openSocket(endpoint);
    } catch (error) {
      throw new JMSException(`Cannot reach the STOMP broker at ${endpoint.url}: ${(error as Error).message}`, ErrorCode.BROKER_UNAVAILABLE, error);
    }
    const client = new stompit.Client(socket) as unknown as StompClient;
    const messageIds = new BrokerMessageIds(client);
    // stompit emits 'error' more than once as a connection dies; the listeners below report it once.
    client.on('error', () => undefined);
    const headers: Record<string, string> = { host: endpoint.vhost, 'heart-beat': '0,0', 'accept-version': '1.2' };
    const username = this.options.username ?? endpoint.username;
    const password = this.options.password ?? endpoint.password;
    if (username !== undefined) headers.login = username;
    if (password !== undefined) headers.passcode = password;
    if (this.clientId !== null) headers['client-id'] = this.clientId;
    await new Promise<void>((resolve, reject) => {
      client.connect(headers, (error) => (error ? reject(connectError(error, endpoint, this.clientId)) : resolve()));
      handleErrorFrames(client);
    }).catch((error: unknown) => {
      socket.destroy();
      throw error;
    });
    handleErrorFrames(client);
    if (this.clientId !== null && this.dialect.claimsClientIdWithQueue) await this.claimClientId(client, socket, this.clientId);
    if (this.dialect.brokerMessageIds) await messageIds.learn(client, client.headers ?? {}, this.clientId !== null, endpoint.connectTimeout);
    client.on('error', (error: Error) => this.lost(client, error));
    socket.on('close', () => this.lost(client, new Error('the socket closed')));
    this.client = client;
    this.messageIds = messageIds;
  }

  /** An exclusive, auto-deleted queue per client id: a second connection's claim is refused by the broker. */
  private claimClientId(client: StompClient, socket: net.Socket, clientId: string): Promise<void> {
    const id = 'client-id-claim';
    client.setImplicitSubscription(id, 'auto', (_error, frame) => (frame as IncomingFrame | undefined)?.resume());
    return new Promise<void>((resolve, reject) => {
      const refused = (error: Error) => {
        socket.destroy();
        reject(new InvalidClientIDException(`Client id "${clientId}" is already in use on ${this.endpoint.url}: ${error.message}`, ErrorCode.CLIENT_ID_IN_USE, error));
      };
      client.on('error', refused);
      const claim = { destination: `/queue/jmsts.client-id.${clientId}`, id, ack: 'auto', exclusive: 'true', 'auto-delete': 'true', durable: 'false' };
      client.sendFrame('SUBSCRIBE', claim).end();
      // RabbitMQ refuses the claim after the SUBSCRIBE: the receipt of a later frame says it was not.
      client.sendFrame('SEND', { destination: '/topic/jmsts.client-id-claimed', 'content-length': '0' }, {
        onReceipt: () => {
          client.removeListener('error', refused);
          resolve();
        },
      }).end(Buffer.alloc(0));
    });
  }

  /** The broker or the network ended the connection: fail what waits and tell the client layer once. */
  private lost(client: StompClient, error: Error): void {
    if (this.closed || this.replacing || client !== this.client) return;
    this.closed = true;
    // ActiveMQ ends the connection without an ERROR frame when a transformation fails: say what may have caused it.
    const hint = this.endpoint.transformation === null ? '' : ' (with transformation=jms-json, ActiveMQ drops the connection when it lacks XStream and Jettison, or meets a Java ObjectMessage of a class it does not trust)';
    const failure = new JMSException(`Lost the STOMP connection to ${this.endpoint.url}: ${error.message}${hint}`, ErrorCode.CONNECTION_LOST, error);
    for (const reject of this.pending) reject(failure);
    this.pending.clear();
    this.options.onConnectionLost(failure);
  }

  /** Sends a frame and resolves when the broker's RECEIPT for it arrives. */
  request(command: string, headers: Record<string, string>, body?: Buffer): Promise<void> {
    return this.requestReceipt(command, headers, body).received;
  }

  /**
   * Sends a frame asking for a RECEIPT. `forget` drops the wait for a receipt that will never come
   * (RabbitMQ's for a SEND in an aborted transaction), here and in stompit's table of receipts.
   */
  requestReceipt(command: string, headers: Record<string, string>, body?: Buffer): { received: Promise<void>; forget(): void } {
    this.checkOpen();
    let forget = (): void => undefined;
    const received = new Promise<void>((resolve, reject) => {
      this.pending.add(reject);
      const frameHeaders = { ...headers };
      const client = this.client;
      client.sendFrame(command, frameHeaders, {
        onReceipt: () => {
          this.pending.delete(reject);
          resolve();
        },
      }).end(body);
      forget = () => {
        this.pending.delete(reject);
        // stompit 1.0 has no API to cancel a receipt; it stores the callback under the id it set on the headers.
        const receipts = (client as unknown as { _receipts?: Record<string, unknown> })._receipts;
        if (receipts && frameHeaders.receipt !== undefined) delete receipts[frameHeaders.receipt];
      };
    });
    return { received, forget: () => forget() };
  }

  /** Sends a frame without waiting for anything (ACK, NACK, BEGIN, a SEND inside an ActiveMQ transaction). */
  post(command: string, headers: Record<string, string>, body?: Buffer): void {
    if (this.closed) return;
    this.client.sendFrame(command, headers).end(body);
  }

  /** The client id travels in the CONNECT frame, so changing it means connecting again (no session exists yet). */
  async setClientId(clientId: string): Promise<void> {
    const previous = this.client;
    const previousId = this.clientId;
    this.clientId = clientId;
    this.replacing = true;
    try {
      await this.attach();
    } catch (error) {
      this.clientId = previousId;
      throw error;
    } finally {
      this.replacing = false;
    }
    await this.disconnect(previous);
  }

  async createSession(options: ProviderSessionOptions): Promise<ProviderSession> {
    if (options.transacted && this.dialect.capabilities.transactions !== 'native') {
      throw new IllegalStateException(`${this.dialect.adapter} runs transactions in the client layer`);
    }
    this.checkOpen();
    const session = new StompSession(this, options.transacted, () => this.sessions.delete(session));
    this.sessions.add(session);
    return session;
  }

  async createTemporaryDestination(kind: DestinationKind): Promise<Destination> {
    this.checkOpen();
    return destinationOf(kind, `${TEMPORARY_PREFIX}${this.connectionId}.${++this.temporaries}`, true);
  }

  /** STOMP cannot delete a destination; the broker removes inactive ones (see scripts/brokers/activemq.xml). */
  async deleteTemporaryDestination(): Promise<void> {}

  /** Browses a queue with ActiveMQ's `browser:true` subscription. */
  async browse(path: string, selector: string | null): Promise<StompBrowser> {
    const id = this.nextId('browse');
    const browser = new StompBrowser(this, id);
    this.client.setImplicitSubscription(id, 'auto', (error, frame) => browser.onFrame(error, frame as IncomingFrame | undefined));
    const headers: Record<string, string> = { destination: path, id, ack: 'auto', browser: 'true', ...this.transformationHeader };
    if (selector !== null) headers.selector = selector;
    await this.request('SUBSCRIBE', headers);
    return browser;
  }

  /**
   * ActiveMQ answers an UNSUBSCRIBE of an unknown durable subscription as if it had worked, so each
   * durable subscription leaves one marker message in a queue of its own, which unsubscribe checks.
   */
  private registryPath(name: string): string {
    return `/queue/jmsts.registry.${encodeURIComponent(this.clientId ?? '')}.${encodeURIComponent(name)}`;
  }

  private async markers(name: string): Promise<number> {
    const browser = await this.browse(this.registryPath(name), null);
    let count = 0;
    while ((await browser.next()) !== null) count++;
    await browser.close();
    return count;
  }

  async recordDurable(name: string): Promise<void> {
    if ((await this.markers(name)) > 0) return;
    await this.request('SEND', { destination: this.registryPath(name), persistent: 'true', 'content-length': '0' }, Buffer.alloc(0));
  }

  async unsubscribe(name: string): Promise<void> {
    if (this.dialect.capabilities.durableSubscriptions === 'unsupported' || (await this.markers(name)) === 0) {
      throw new InvalidDestinationException(`No durable subscription "${name}" for client id "${this.clientId ?? ''}"`);
    }
    await this.request('UNSUBSCRIBE', { id: this.nextId('unsubscribe'), 'activemq.subscriptionName': name });
    await this.takeMarker(name);
  }

  /** Consumes the subscription's marker: an auto-ack subscription that ends at the first message. */
  private async takeMarker(name: string): Promise<void> {
    const id = this.nextId('registry');
    const taken = new Promise<void>((resolve) => {
      this.client.setImplicitSubscription(id, 'auto', (_error, frame) => {
        (frame as IncomingFrame | undefined)?.resume();
        resolve();
      });
    });
    await this.request('SUBSCRIBE', { destination: this.registryPath(name), id, ack: 'auto', [this.dialect.prefetchHeader]: '1' });
    await taken;
    this.client.getSubscription(id)?.unsubscribe();
  }

  private disconnect(client: StompClient): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        client.destroy();
        resolve();
      }, 2000);
      client.disconnect(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.all([...this.sessions].map((session) => session.close()));
    this.closed = true;
    await this.disconnect(this.client);
  }

  checkOpen(): void {
    if (this.closed) throw new IllegalStateException('The STOMP connection is closed');
  }
}
