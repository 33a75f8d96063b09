import type { MessageListener } from '../api/connection.js';
import type { Destination, Queue } from '../api/destination.js';
import type { JMSException } from '../api/exceptions.js';
import type { Message } from '../api/message.js';
import type { RedeliveryPolicy } from '../api/redelivery.js';
import type { Envelope } from '../spi/envelope.js';
import type { ProviderBrowser } from '../spi/provider.js';
import type { Features } from './features.js';
import type { PendingDelivery } from './pending-delivery.js';

/**
 * The narrow interfaces between the session and the objects it makes: each side sees only what
 * it calls, so neither reaches into the other's state.
 */

/** What a consumer needs of its session (and, through it, of the connection). */
export interface ConsumerHost {
  /** The connection is started: messages may be handed out. */
  readonly started: boolean;
  /** The connection to the broker was lost: do not talk to the provider any more. */
  readonly lost: boolean;
  checkOpen(): void;
  /** Turns a buffered delivery into the application's message, recording it per the ack mode. */
  handOut(consumer: SessionConsumer, pending: PendingDelivery, forListener: boolean): Message | null;
  /** Consumes a delivery the application never sees (expired, filtered out). */
  discard(pending: PendingDelivery): void;
  reportError(error: unknown): void;
  /** A consumer with a listener has messages: run the session's listeners. */
  listenerReady(): void;
  /** Resolves when no listener of the session runs for `consumer`. */
  listenerIdle(consumer: SessionConsumer): Promise<void>;
  /** A receive() waits on a stopped connection; `stillWaiting` tells later whether it still does. */
  waitingWhileStopped(stillWaiting: () => boolean): void;
  consumerClosed(consumer: SessionConsumer): void;
}

/** What the session (its ack ledger and listener pump) needs of a consumer. */
export interface SessionConsumer {
  readonly destination: Destination;
  readonly subscriptionName: string | null;
  readonly closed: boolean;
  /** Decides redelivery and dead-lettering of this consumer's messages. */
  readonly redeliveryPolicy: RedeliveryPolicy;
  /** The listener to run for this consumer's messages, or null. */
  currentListener(): MessageListener | null;
  /** The next message that may be handed out now, or null. */
  takeReady(): PendingDelivery | null;
  /** Deliveries handed back (recover, rollback, a failed listener), ahead of the rest. */
  requeue(items: PendingDelivery[]): void;
  /** Messages may be available, or the connection started. */
  wake(): void;
  /** The connection was lost: fail waiting receives and stop. */
  abandon(error: JMSException): void;
  close(): Promise<void>;
}

/** What a producer needs of its session. */
export interface ProducerHost {
  readonly features: Features;
  readonly connectionId: string;
  checkOpen(): void;
  /** Sends now, or as part of the session's transaction. */
  send(destination: Destination, envelope: Envelope): Promise<void>;
  /** The latest async-send completion of `producer`; close and commit wait for it. */
  trackAsyncSend(producer: object, completion: Promise<void>): void;
  nextMessageId(): string;
  reportError(error: unknown): void;
  producerClosed(producer: object): void;
}

/** What a browser needs of its session. */
export interface BrowserHost {
  readonly features: Features;
  checkOpen(): void;
  browse(queue: Queue, selector: string | null): Promise<ProviderBrowser>;
  browserClosed(browser: object): void;
}
