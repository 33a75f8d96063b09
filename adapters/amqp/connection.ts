import type { Channel, ChannelModel } from 'amqplib';
import { destinationOf, type Destination, type DestinationKind } from '../../src/api/destination.js';
import { ErrorCode } from '../../src/api/error-codes.js';
import { IllegalStateException, InvalidDestinationException, JMSException } from '../../src/api/exceptions.js';
import type { ProviderConnectOptions, ProviderConnection, ProviderSession, ProviderSessionOptions } from '../../src/spi/public.js';
import { duplicateClientId, replyCode, REPLY, toJmsException } from './errors.js';
import { AmqpSession } from './session.js';
import { clientIdLockQueue, durableQueueName, QUEUE_ARGUMENTS, TOPIC_EXCHANGE } from './topology.js';

/**
 * One AMQP connection. Declarations run on one topology channel; a check that may fail (RabbitMQ
 * closes the channel on 404 or 405) runs on a throwaway channel so nothing else is disturbed.
 */
export class AmqpConnection implements ProviderConnection {
  private topology: Promise<Channel> | null = null;
  private readonly declaredQueues = new Set<string>();
  private topicExchange: Promise<void> | null = null;
  /** Whether the topic exchange is known to exist (ensureTopicExchange succeeded). */
  private topicExchangeDeclared = false;
  private readonly sessions = new Set<AmqpSession>();
  private clientId: string | null = null;
  private temporaryTopics = 0;
  private closed = false;
  private markGone!: () => void;
  /** Resolves when the connection is gone (lost or closed): a channel close waiting on a dead socket gives up then. */
  readonly gone = new Promise<void>((resolve) => (this.markGone = resolve));

  constructor(
    private readonly model: ChannelModel,
    private readonly options: ProviderConnectOptions,
    /** The longest a close may wait for the broker's answers before the socket is dropped. */
    private readonly closeTimeout: number,
  ) {
    model.on('error', () => undefined); // 'close' follows and reports it
    // RabbitMQ stops reading from publishers under a memory or disk alarm, and says so.
    model.on('blocked', (reason: string) => options.onBlocked?.(true, reason));
    model.on('unblocked', () => options.onBlocked?.(false, null));
    model.on('close', (error?: Error) => {
      this.markGone();
      if (this.closed) return;
      this.closed = true;
      const reason = error ? error.message : 'closed by the broker';
      options.onConnectionLost(new JMSException(`Lost the AMQP connection: ${reason}`, ErrorCode.CONNECTION_LOST, error));
    });
  }

  get connectionId(): string {
    return this.options.connectionId;
  }

  /** Claims the client id: an exclusive queue only one connection can hold. */
  async setClientId(clientId: string): Promise<void> {
    try {
      await this.withThrowawayChannel((channel) => channel.assertQueue(clientIdLockQueue(clientId), { exclusive: true, autoDelete: true }));
    } catch (error) {
      if (replyCode(error) === REPLY.resourceLocked) throw duplicateClientId(clientId, error);
      throw toJmsException(error, `Cannot claim client id "${clientId}"`);
    }
    if (this.clientId !== null) await this.withTopology((channel) => channel.deleteQueue(clientIdLockQueue(this.clientId!)));
    this.clientId = clientId;
  }

  async createSession(options: ProviderSessionOptions): Promise<ProviderSession> {
    if (options.transacted) throw new IllegalStateException('The AMQP adapter has no native transactions; the client layer runs them');
    this.checkOpen();
    const session = new AmqpSession(this, () => this.sessions.delete(session));
    this.sessions.add(session);
    return session;
  }

  /** A new channel on this connection, with an error listener so a broker-closed channel never crashes the process. */
  async openChannel(): Promise<Channel> {
    this.checkOpen();
    try {
      const channel = await this.model.createChannel();
      channel.on('error', () => undefined); // the 'close' event and the failing call report it
      return channel;
    } catch (error) {
      throw toJmsException(error, 'Cannot open an AMQP channel');
    }
  }

  async openConfirmChannel(): Promise<Channel> {
    this.checkOpen();
    try {
      const channel = await this.model.createConfirmChannel();
      channel.on('error', () => undefined);
      return channel;
    } catch (error) {
      throw toJmsException(error, 'Cannot open an AMQP confirm channel');
    }
  }

  /** Runs `work` on a channel of its own and closes it, whatever happens. */
  async withThrowawayChannel<T>(work: (channel: Channel) => Promise<T>): Promise<T> {
    const channel = await this.openChannel();
    try {
      return await work(channel);
    } finally {
      await this.closeChannel(channel);
    }
  }

  /**
   * Closes a channel. amqplib never settles a channel close whose answer was lost with the
   * connection, so it also ends when the connection is gone.
   */
  closeChannel(channel: Channel): Promise<void> {
    return Promise.race([channel.close().catch(() => undefined), this.gone]);
  }

  /** Runs a declaration on the shared topology channel, reopening it if the broker closed it. */
  async withTopology<T>(work: (channel: Channel) => Promise<T>): Promise<T> {
    if (this.topology === null) {
      const opening = this.openChannel();
      this.topology = opening;
      opening.then(
        (channel) => channel.on('close', () => this.topology === opening && (this.topology = null)),
        () => (this.topology = null),
      );
    }
    return work(await this.topology);
  }

  /**
   * Declares the durable queue behind a JMS queue, once per connection. A queue made elsewhere
   * without jms-ts's priority argument is used as it is (RabbitMQ refuses to redeclare it).
   */
  /** Whether a send to this destination needs nothing declared first. */
  isDeclared(destination: Destination): boolean {
    if (destination.kind === 'topic') return this.topicExchangeDeclared;
    return destination.temporary || this.declaredQueues.has(destination.name);
  }

  async ensureQueue(name: string): Promise<void> {
    if (this.declaredQueues.has(name)) return;
    if (name === '') throw new InvalidDestinationException('A queue name must not be empty');
    try {
      await this.withTopology((channel) => channel.assertQueue(name, { durable: true, arguments: { ...QUEUE_ARGUMENTS } }));
    } catch (error) {
      if (replyCode(error) !== REPLY.preconditionFailed) throw toJmsException(error, `Cannot declare queue "${name}"`);
      await this.withThrowawayChannel((channel) => channel.checkQueue(name)).catch((checkError: unknown) => {
        throw toJmsException(checkError, `Cannot use queue "${name}"`);
      });
    }
    this.declaredQueues.add(name);
  }

  /** The one exchange all topics go through. */
  ensureTopicExchange(): Promise<void> {
    this.topicExchange ??= this.withTopology(async (channel) => {
      await channel.assertExchange(TOPIC_EXCHANGE, 'direct', { durable: true });
      this.topicExchangeDeclared = true;
    }).catch((error: unknown) => {
      this.topicExchange = null;
      throw toJmsException(error, `Cannot declare exchange "${TOPIC_EXCHANGE}"`);
    });
    return this.topicExchange;
  }

  async createTemporaryDestination(kind: DestinationKind): Promise<Destination> {
    if (kind === 'topic') {
      // A temporary topic is a routing key no one else uses; subscribers bind their own queues to it.
      return destinationOf('topic', `jms.temp-topic.${this.connectionId}.${++this.temporaryTopics}`, true);
    }
    try {
      const reply = await this.withTopology((channel) => channel.assertQueue('', { exclusive: true, arguments: { ...QUEUE_ARGUMENTS } }));
      this.declaredQueues.add(reply.queue);
      return destinationOf('queue', reply.queue, true);
    } catch (error) {
      throw toJmsException(error, 'Cannot create a temporary queue');
    }
  }

  async deleteTemporaryDestination(destination: Destination): Promise<void> {
    if (destination.kind === 'topic') return;
    this.declaredQueues.delete(destination.name);
    await this.withTopology((channel) => channel.deleteQueue(destination.name)).catch((error: unknown) => {
      throw toJmsException(error, `Cannot delete temporary queue "${destination.name}"`);
    });
  }

  async unsubscribe(name: string): Promise<void> {
    const queue = durableQueueName(this.clientId, name);
    try {
      await this.withThrowawayChannel((channel) => channel.checkQueue(queue));
    } catch (error) {
      if (replyCode(error) === REPLY.notFound) {
        throw new InvalidDestinationException(`No durable subscription "${name}" for client id "${this.clientId ?? ''}"`, ErrorCode.NOT_FOUND, error);
      }
      throw toJmsException(error, `Cannot unsubscribe "${name}"`);
    }
    try {
      await this.withThrowawayChannel((channel) => channel.deleteQueue(queue, { ifUnused: true }));
    } catch (error) {
      if (replyCode(error) === REPLY.preconditionFailed) {
        throw new IllegalStateException(`Durable subscription "${name}" has an active consumer; close it before unsubscribing`, ErrorCode.IN_USE, error);
      }
      throw toJmsException(error, `Cannot unsubscribe "${name}"`);
    }
  }

  get currentClientId(): string | null {
    return this.clientId;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // A link that went silent (no loss noticed yet) cannot answer: the socket is dropped after closeTimeout.
    const timer = setTimeout(() => this.dropSocket(), this.closeTimeout);
    try {
      await Promise.all([...this.sessions].map((session) => session.close()));
      this.closed = true;
      await Promise.race([this.model.close().catch(() => undefined), this.gone]);
    } finally {
      clearTimeout(timer);
      this.closed = true;
      this.markGone();
    }
  }

  private dropSocket(): void {
    const stream = (this.model as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream;
    stream?.destroy();
    this.markGone();
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  checkOpen(): void {
    if (this.closed) throw new IllegalStateException('The AMQP connection is closed');
  }
}
