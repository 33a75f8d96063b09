import type { CompletionListener, MessageProducer, SendOptions } from '../api/connection.js';
import type { DeliveryMode } from '../api/constants.js';
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
import type { ProducerHost } from './hosts.js';
import { AsyncCompletions } from './async-completions.js';
import { SendSettings } from './send-settings.js';

function isDestination(value: unknown): value is Destination {
  return typeof value === 'object' && value !== null && 'kind' in value && 'name' in value && !(value instanceof AbstractMessage);
}

/**
 * A MessageProducer: sets the send headers on the caller's message (as JMS requires), encodes it
 * once, and hands it to the session. Features the adapter cannot give are refused when asked for.
 */
export class ClientProducer implements MessageProducer {
  private closed = false;
  /** Async sends waiting for their completion, in send order. */
  private readonly completions: AsyncCompletions;

  constructor(
    private readonly host: ProducerHost,
    private readonly destination: Destination | null,
    /** Shared with the JMSProducer that owns this producer, if any. */
    readonly settings: SendSettings = new SendSettings(host.features),
  ) {
    // What a CompletionListener throws goes to the ExceptionListener.
    this.completions = new AsyncCompletions((error) => this.host.reportError(error));
  }

  private checkOpen(): void {
    if (this.closed) throw new IllegalStateException('The producer is closed');
    this.host.checkOpen();
  }

  getDestination(): Destination | null {
    this.checkOpen();
    return this.destination;
  }

  setDeliveryMode(mode: DeliveryMode): void { this.checkOpen(); this.settings.deliveryMode = mode; }
  getDeliveryMode(): DeliveryMode { this.checkOpen(); return this.settings.deliveryMode; }
  setPriority(priority: number): void { this.checkOpen(); this.settings.priority = priority; }
  getPriority(): number { this.checkOpen(); return this.settings.priority; }
  setTimeToLive(ms: number): void { this.checkOpen(); this.settings.timeToLive = ms; }
  getTimeToLive(): number { this.checkOpen(); return this.settings.timeToLive; }
  setDeliveryDelay(ms: number): void { this.checkOpen(); this.settings.deliveryDelay = ms; }
  getDeliveryDelay(): number { this.checkOpen(); return this.settings.deliveryDelay; }
  setDisableMessageID(value: boolean): void { this.checkOpen(); this.settings.disableMessageId = value; }
  getDisableMessageID(): boolean { this.checkOpen(); return this.settings.disableMessageId; }
  setDisableMessageTimestamp(value: boolean): void { this.checkOpen(); this.settings.disableTimestamp = value; }
  getDisableMessageTimestamp(): boolean { this.checkOpen(); return this.settings.disableTimestamp; }

  send(messageOrDestination: Message | Destination, messageOrOptions?: Message | SendOptions, maybeOptions?: SendOptions): Promise<void> {
    try {
      const [destination, message, options] = this.resolve(messageOrDestination, messageOrOptions, maybeOptions);
      const envelope = this.prepare(destination, message, options);
      const sent = this.host.send(destination, envelope);
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
    const sent = this.host.send(destination, envelope);
    adoptProviderId(message, envelope);
    // Start sending at once (pipelined); complete in send order. A listener that throws cannot
    // hold back the callbacks of later sends. The session waits for a busy producer's sends.
    const first = this.completions.empty;
    this.completions.add(sent, message, listener);
    if (first) this.host.trackAsyncSend(this, this.completions.idle());
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
    this.settings.stamp(message, destination, options, () => this.host.nextMessageId());
    return messageToEnvelope(message, this.host.connectionId);
  }

  /** Called by the session when it closes. */
  markClosed(): void {
    this.closed = true;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.completions.idle();
    this.host.producerClosed(this);
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
