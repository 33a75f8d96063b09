import net from 'node:net';
import stompit from 'stompit';
import { destinationOf, type Destination, type DestinationKind } from '../../src/api/destination.js';
import { ErrorCode } from '../../src/api/error-codes.js';
import { IllegalStateException, InvalidClientIDException, JMSException } from '../../src/api/exceptions.js';
import type { ProviderConnectOptions, ProviderConnection, ProviderSession, ProviderSessionOptions } from '../../src/spi/public.js';
import type { StompDialect } from './dialect.js';
import { StompBrowser } from './browser.js';
import { DurableRegistry } from './durable-registry.js';
import { TEMPORARY_PREFIX } from './frames.js';
import { connectError, installHandlers, openSocket, type FrameListener, type StompClient, type StompEndpoint } from './client.js';
import { BrokerMessageIds } from './message-ids.js';
import { FrameWriter } from './receipts.js';
import { StompSession } from './session.js';
import { forwardStompEvents } from './logging.js';

/** One STOMP connection; its sessions share it, each subscription with its own id. */
export class StompConnection implements ProviderConnection {
  client!: StompClient;
  private writer!: FrameWriter;
  /** The ids ActiveMQ gives this connection's SENDs (message-ids.ts). */
  messageIds!: BrokerMessageIds;
  private readonly registry = new DurableRegistry(this, () => this.clientId);
  /** Subscription id → who takes its MESSAGE frames. */
  private readonly listeners = new Map<string, FrameListener>();
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
      if (error instanceof JMSException) throw error;
      throw new JMSException(`Cannot reach the STOMP broker at ${endpoint.url}: ${(error as Error).message}`, ErrorCode.BROKER_UNAVAILABLE, error);
    }
    const client = new stompit.Client(socket) as unknown as StompClient;
    const writer = new FrameWriter(socket);
    const messageIds = new BrokerMessageIds(writer);
    installHandlers(client, writer, this.listeners, () => messageIds.known);
    // stompit emits 'error' more than once as a connection dies; the listeners below report it once.
    client.on('error', () => undefined);
    if (endpoint.log) forwardStompEvents(client, socket, endpoint.log, this.options.connectionId);
    const headers: Record<string, string> = { host: endpoint.vhost, 'heart-beat': `${endpoint.heartbeat},${endpoint.heartbeat}`, 'accept-version': '1.2' };
    const username = this.options.username ?? endpoint.username;
    const password = this.options.password ?? endpoint.password;
    if (username !== undefined) headers.login = username;
    if (password !== undefined) headers.passcode = password;
    if (this.clientId !== null) headers['client-id'] = this.clientId;
    await new Promise<void>((resolve, reject) => {
      // A peer that accepts the socket and never answers CONNECT fails the connect in time.
      const timer = setTimeout(() => reject(new JMSException(`Cannot connect to the STOMP broker at ${endpoint.url}: no CONNECTED frame within ${endpoint.connectTimeout} ms`, ErrorCode.BROKER_UNAVAILABLE)), endpoint.connectTimeout);
      client.connect(headers, (error) => {
        clearTimeout(timer);
        if (error) reject(connectError(error, endpoint, this.clientId));
        else resolve();
      });
    }).catch((error: unknown) => {
      socket.destroy();
      throw error;
    });
    if (this.clientId !== null && this.dialect.claimsClientIdWithQueue) await this.claimClientId(client, writer, socket, this.clientId);
    if (this.dialect.brokerMessageIds) {
      const wire = { writer, listen: (id: string, listener: FrameListener) => this.listeners.set(id, listener), unlisten: (id: string) => this.listeners.delete(id) };
      await messageIds.learn(wire, client.headers ?? {}, this.clientId !== null, endpoint.connectTimeout);
    }
    client.on('error', (error: Error) => this.lost(client, error));
    socket.on('close', () => this.lost(client, new Error('the socket closed')));
    this.client = client;
    this.writer = writer;
    this.messageIds = messageIds;
  }

  /** An exclusive, auto-deleted queue per client id: a second connection's claim is refused by the broker. */
  private claimClientId(client: StompClient, writer: FrameWriter, socket: net.Socket, clientId: string): Promise<void> {
    const id = 'client-id-claim';
    this.listeners.set(id, (_error, frame) => frame?.resume());
    return new Promise<void>((resolve, reject) => {
      const refused = (error: Error) => {
        socket.destroy();
        reject(new InvalidClientIDException(`Client id "${clientId}" is already in use on ${this.endpoint.url}: ${error.message}`, ErrorCode.CLIENT_ID_IN_USE, error));
      };
      client.on('error', refused);
      const claim = { destination: `/queue/jmsts.client-id.${clientId}`, id, ack: 'auto', exclusive: 'true', 'auto-delete': 'true', durable: 'false' };
      writer.post('SUBSCRIBE', claim);
      // RabbitMQ refuses the claim after the SUBSCRIBE: the receipt of a later frame says it was not.
      writer.request('SEND', { destination: '/topic/jmsts.client-id-claimed', 'content-length': '0' }, Buffer.alloc(0)).received.then(() => {
        client.removeListener('error', refused);
        resolve();
      }, refused);
    });
  }

  /** The broker or the network ended the connection: fail what waits and tell the client layer once. */
  private lost(client: StompClient, error: Error): void {
    if (this.closed || this.replacing || client !== this.client) return;
    this.closed = true;
    // ActiveMQ ends the connection without an ERROR frame when a transformation fails: say what may have caused it.
    const hint = this.endpoint.transformation === null ? '' : ' (with transformation=jms-json, ActiveMQ drops the connection when it lacks XStream and Jettison, or meets a Java ObjectMessage of a class it does not trust)';
    const failure = new JMSException(`Lost the STOMP connection to ${this.endpoint.url}: ${error.message}${hint}`, ErrorCode.CONNECTION_LOST, error);
    this.writer.failAll(failure);
    for (const listener of [...this.listeners.values()]) listener(failure, undefined);
    this.options.onConnectionLost(failure);
  }

  /** Sends a frame and resolves when the broker's RECEIPT for it arrives. */
  request(command: string, headers: Record<string, string>, body?: Buffer): Promise<void> {
    return this.requestReceipt(command, headers, body).received;
  }

  /**
   * Sends a frame asking for a RECEIPT. `forget` drops the wait for a receipt that will never come
   * (RabbitMQ's for a SEND in an aborted transaction).
   */
  requestReceipt(command: string, headers: Record<string, string>, body?: Buffer): { received: Promise<void>; forget(): void } {
    this.checkOpen();
    return this.writer.request(command, headers, body);
  }

  /** A SEND outside a transaction: resolves when a (coalesced) receipt confirms it. */
  send(headers: Record<string, string>, body: Buffer): Promise<void> {
    this.checkOpen();
    return this.writer.send(headers, body);
  }

  /** Routes the MESSAGE frames of subscription `id` to `listener` (set before the SUBSCRIBE goes out). */
  listen(id: string, listener: FrameListener): void {
    this.listeners.set(id, listener);
  }

  /** UNSUBSCRIBE; frames still in flight for the subscription are read and dropped. */
  unsubscribeFrames(id: string): void {
    if (!this.listeners.delete(id)) return;
    this.post('UNSUBSCRIBE', { id });
  }

  /** Sends a frame without waiting for anything (ACK, NACK, BEGIN, a SEND inside an ActiveMQ transaction). */
  post(command: string, headers: Record<string, string>, body?: Buffer): void {
    if (this.closed) return;
    this.writer.post(command, headers, body);
  }

  /** The client id travels in the CONNECT frame, so changing it means connecting again (no session exists yet). */
  async setClientId(clientId: string): Promise<void> {
    const previous = this.client;
    const previousWriter = this.writer;
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
    await this.disconnect(previous, previousWriter);
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
  browse(path: string, selector: string | null): Promise<StompBrowser> {
    return StompBrowser.open(this, path, selector);
  }

  recordDurable(name: string): Promise<void> {
    return this.registry.record(name);
  }

  unsubscribe(name: string): Promise<void> {
    return this.registry.unsubscribe(name);
  }

  /** DISCONNECT, and the socket ends when its receipt arrives (or after 2 s). */
  private disconnect(client: StompClient, writer: FrameWriter): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        client.destroy();
        resolve();
      };
      const timer = setTimeout(done, 2000);
      writer.request('DISCONNECT', {}).received.then(done, done);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.all([...this.sessions].map((session) => session.close()));
    this.closed = true;
    await this.disconnect(this.client, this.writer);
  }

  checkOpen(): void {
    if (this.closed) throw new IllegalStateException('The STOMP connection is closed');
  }
}
