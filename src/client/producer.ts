import type { CompletionListener, MessageProducer, SendOptions } from '../api/connection.js';
import {
  DEFAULT_DELIVERY_DELAY,
  DEFAULT_PRIORITY,
  DEFAULT_TIME_TO_LIVE,
  DeliveryMode,
} from '../api/constants.js';
import type { Destination } from '../api/destination.js';
import { ErrorCode } from '../api/error-codes.js';
import {
  IllegalArgumentException,
  IllegalStateException,
  InvalidDestinationException,
  JMSException,
  MessageFormatException,
} from '../api/exceptions.js';
import type { Message } from '../api/message.js';
import { messageToEnvelope } from '../codec/index.js';
import { AbstractMessage } from '../message/index.js';
import type { Envelope } from '../spi/envelope.js';
import type { ClientSession } from './session.js';

function isDestination(value: unknown): value is Destination {
  return typeof value === 'object' && value !== null && 'kind' in value && 'name' in value && !(value instanceof AbstractMessage);
}

/**
 * A MessageProducer: sets the send headers on the caller's message (as JMS requires), encodes it
 * once, and hands it to the session. Features the adapter cannot give are refused when asked for.
 */
export class ClientProducer implements MessageProducer {
  private deliveryMode: DeliveryMode = DeliveryMode.PERSISTENT;
  private priority = DEFAULT_PRIORITY;
  private timeToLive = DEFAULT_TIME_TO_LIVE;
  private deliveryDelay = DEFAULT_DELIVERY_DELAY;
  private disableMessageId = false;
  private disableTimestamp = false;
  private closed = false;
  /** Completions of async sends, in send order. */
  private completions: Promise<void> = Promise.resolve();

  constructor(
    private readonly session: ClientSession,
    private readonly destination: Destination | null,
  ) {}

  private checkOpen(): void {
    if (this.closed) throw new IllegalStateException('The producer is closed');
    this.session.checkOpen();
  }

  getDestination(): Destination | null {
    this.checkOpen();
    return this.destination;
  }

  setDeliveryMode(mode: DeliveryMode): void {
    this.checkOpen();
    this.deliveryMode = checkDeliveryMode(mode);
  }
  getDeliveryMode(): DeliveryMode { this.checkOpen(); return this.deliveryMode; }

  setPriority(priority: number): void {
    this.checkOpen();
    this.priority = this.checkPriority(priority);
  }
  getPriority(): number { this.checkOpen(); return this.priority; }

  setTimeToLive(ms: number): void {
    this.checkOpen();
    this.timeToLive = this.checkTimeToLive(ms);
  }
  getTimeToLive(): number { this.checkOpen(); return this.timeToLive; }

  setDeliveryDelay(ms: number): void {
    this.checkOpen();
    if (!Number.isSafeInteger(ms) || ms < 0) throw new IllegalArgumentException(`Delivery delay must be a whole number of ms >= 0, got ${ms}`);
    if (ms > 0) this.session.features.require('deliveryDelay', 'delivery delay');
    this.deliveryDelay = ms;
  }
  getDeliveryDelay(): number { this.checkOpen(); return this.deliveryDelay; }

  setDisableMessageID(value: boolean): void { this.checkOpen(); this.disableMessageId = value; }
  getDisableMessageID(): boolean { this.checkOpen(); return this.disableMessageId; }
  setDisableMessageTimestamp(value: boolean): void { this.checkOpen(); this.disableTimestamp = value; }
  getDisableMessageTimestamp(): boolean { this.checkOpen(); return this.disableTimestamp; }

  private checkPriority(priority: number): number {
    if (!Number.isInteger(priority) || priority < 0 || priority > 9) {
      throw new IllegalArgumentException(`Priority must be a whole number from 0 to 9, got ${priority}`);
    }
    if (priority !== DEFAULT_PRIORITY) this.session.features.require('priority', `message priority ${priority}`);
    return priority;
  }

  private checkTimeToLive(ms: number): number {
    if (!Number.isSafeInteger(ms) || ms < 0) throw new IllegalArgumentException(`Time to live must be a whole number of ms >= 0, got ${ms}`);
    if (ms > 0) this.session.features.require('timeToLive', 'message time to live');
    return ms;
  }

  send(messageOrDestination: Message | Destination, messageOrOptions?: Message | SendOptions, maybeOptions?: SendOptions): Promise<void> {
    try {
      const [destination, message, options] = this.resolve(messageOrDestination, messageOrOptions, maybeOptions);
      const envelope = this.prepare(destination, message, options);
      const sent = this.session.sendEnvelope(destination, envelope);
      adoptProviderId(message, envelope);
      return sent;
    } catch (error) {
      return Promise.reject(error);
    }
  }

  sendAsync(
    messageOrDestination: Message | Destination,
    messageOrListener: Message | CompletionListener,
    listenerOrOptions?: CompletionListener | SendOptions,
    maybeOptions?: SendOptions,
  ): void {
    const explicit = isDestination(messageOrDestination);
    const listener = (explicit ? listenerOrOptions : messageOrListener) as CompletionListener;
    const options = (explicit ? maybeOptions : listenerOrOptions) as SendOptions | undefined;
    if (!listener || typeof listener.onCompletion !== 'function' || typeof listener.onException !== 'function') {
      throw new IllegalArgumentException('sendAsync needs a CompletionListener with onCompletion and onException');
    }
    const [destination, message] = explicit
      ? this.resolve(messageOrDestination, messageOrListener as Message, options)
      : this.resolve(messageOrDestination as Message, options);
    const envelope = this.prepare(destination, message, options);
    const sent = this.session.sendEnvelope(destination, envelope);
    adoptProviderId(message, envelope);
    // Start sending at once (pipelined); complete in send order. A completion never rejects, so
    // one listener that throws cannot hold back the callbacks of later sends.
    const previous = this.completions;
    this.completions = sent.then(
      () => previous.then(() => this.complete(() => listener.onCompletion(message))),
      (error: unknown) =>
        previous.then(() =>
          this.complete(() => listener.onException(message, error instanceof JMSException ? error : new JMSException(String((error as Error)?.message ?? error), undefined, error))),
        ),
    );
    this.session.trackAsyncSend(this, this.completions);
  }

  /** Runs a CompletionListener callback; what it throws goes to the ExceptionListener. */
  private complete(callback: () => void): void {
    try {
      callback();
    } catch (error) {
      this.session.connection.reportError(error);
    }
  }

  private resolve(first: Message | Destination, second?: Message | SendOptions, third?: SendOptions): [Destination, Message, SendOptions | undefined] {
    this.checkOpen();
    if (isDestination(first)) {
      if (this.destination !== null) {
        throw new JMSException(`This producer sends to ${this.destination}; use send(message) without a destination`, ErrorCode.UNSUPPORTED_OPERATION);
      }
      return [first, checkMessage(second), third];
    }
    if (first === null || first === undefined) {
      if (this.destination === null && (second === undefined || second === null)) {
        throw new InvalidDestinationException('An anonymous producer needs a destination on each send');
      }
      throw new MessageFormatException('Cannot send a null message');
    }
    if (this.destination === null) {
      throw new JMSException('This producer has no destination: use send(destination, message)', ErrorCode.UNSUPPORTED_OPERATION);
    }
    return [this.destination, checkMessage(first), second as SendOptions | undefined];
  }

  private prepare(destination: Destination, message: AbstractMessage | Message, options: SendOptions | undefined) {
    const deliveryMode = options?.deliveryMode === undefined ? this.deliveryMode : checkDeliveryMode(options.deliveryMode);
    const priority = options?.priority === undefined ? this.priority : this.checkPriority(options.priority);
    const timeToLive = options?.timeToLive === undefined ? this.timeToLive : this.checkTimeToLive(options.timeToLive);
    const now = Date.now();
    message.setJMSDestination(destination);
    message.setJMSDeliveryMode(deliveryMode);
    message.setJMSPriority(priority);
    message.setJMSExpiration(timeToLive > 0 ? now + timeToLive : 0);
    message.setJMSDeliveryTime(now + this.deliveryDelay);
    message.setJMSTimestamp(this.disableTimestamp ? 0 : now);
    message.setJMSMessageID(this.disableMessageId ? null : this.session.connection.nextMessageId());
    return messageToEnvelope(message, this.session.connection.connectionId);
  }

  /** Called by the session when it closes. */
  markClosed(): void {
    this.closed = true;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.completions.catch(() => undefined);
    this.session.forgetProducer(this);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

/**
 * A provider whose broker names messages itself may put that name in the envelope while it sends
 * (STOMP on ActiveMQ): the message then reports the id every other client sees.
 */
function adoptProviderId(message: Message, envelope: Envelope): void {
  if (envelope.messageId !== message.getJMSMessageID()) message.setJMSMessageID(envelope.messageId);
}

function checkMessage(message: unknown): AbstractMessage {
  if (message === null || message === undefined) throw new MessageFormatException('Cannot send a null message');
  if (!(message instanceof AbstractMessage)) {
    throw new MessageFormatException('Only messages created by a jms-ts Session or JMSContext can be sent');
  }
  return message;
}

function checkDeliveryMode(mode: DeliveryMode): DeliveryMode {
  if (mode !== DeliveryMode.PERSISTENT && mode !== DeliveryMode.NON_PERSISTENT) {
    throw new IllegalArgumentException(`Delivery mode must be DeliveryMode.PERSISTENT (2) or NON_PERSISTENT (1), got ${String(mode)}`);
  }
  return mode;
}
