import type { Destination } from '../api/destination.js';
import { IllegalArgumentException, IllegalStateException, InvalidDestinationException } from '../api/exceptions.js';
import { compileEnvelopeSelector } from '../codec/index.js';
import { compileSelector } from '../selector/index.js';
import type { Envelope } from '../spi/envelope.js';
import type { SubscriptionSpec } from '../spi/provider.js';
import type { Features } from './features.js';

/** What the application asked for when it created a consumer. */
export interface SubscriptionRequest {
  readonly destination: Destination;
  readonly selector: string | null;
  readonly noLocal: boolean;
  /** Durable or shared subscription name, or null. */
  readonly subscriptionName: string | null;
  readonly durable: boolean;
  readonly shared: boolean;
}

/** What the plan needs to know of the connection. */
export interface PlanContext {
  readonly features: Features;
  readonly clientId: string | null;
  readonly connectionId: string;
  readonly prefetch: number;
  /** Whether this connection created the temporary destination. */
  ownsTemporary(destination: Destination): boolean;
}

/** What the client layer checks itself for a consumer, where the adapter only emulates a feature. */
export interface ConsumerEmulation {
  /** Messages failing it are acknowledged and dropped (emulated topic selectors, noLocal). */
  readonly accept: ((envelope: Envelope) => boolean) | null;
  /** Hold each message until its JMSDeliveryTime (emulated delivery delay). */
  readonly holdUntilDeliveryTime: boolean;
  /** Hand out the highest priority held first (emulated priority). */
  readonly byPriority: boolean;
}

export interface SubscriptionPlan {
  /** What the provider is asked to do. */
  readonly spec: SubscriptionSpec;
  /** What the client does on top. */
  readonly emulation: ConsumerEmulation;
  /** The selector as parsed (null for none or blank), for getMessageSelector(). */
  readonly selector: string | null;
}

/**
 * Decides, without I/O, how a consumer is made: the request is checked (JMS exceptions for what
 * JMS forbids, FeatureNotSupportedException for what the adapter cannot do), and each feature goes
 * to the provider where it is native, or to the client's emulation where it is emulated.
 */
export function planSubscription(request: SubscriptionRequest, context: PlanContext): SubscriptionPlan {
  const { destination, noLocal, subscriptionName, durable, shared } = request;
  const { features } = context;
  checkDestination(destination);
  const selector = compileSelector(request.selector)?.text ?? null; // InvalidSelectorException here
  const isTopic = destination.kind === 'topic';
  if (durable || shared) {
    if (!isTopic) throw new InvalidDestinationException(`${durable ? 'Durable' : 'Shared'} subscriptions need a topic, not ${destination}`);
    if (typeof subscriptionName !== 'string' || subscriptionName === '') {
      throw new IllegalArgumentException('A durable or shared subscription needs a non-empty name');
    }
    if (durable) features.require('durableSubscriptions', 'durable subscriptions');
    if (shared) features.require('sharedSubscriptions', 'shared subscriptions');
    if (durable && !shared && context.clientId === null) {
      throw new IllegalStateException('An unshared durable subscription needs a client id: set one on the connection first');
    }
  }
  features.require(isTopic ? 'topics' : 'queues', isTopic ? 'topics' : 'queues');
  if (destination.temporary) {
    features.require(isTopic ? 'temporaryTopics' : 'temporaryQueues', `temporary ${destination.kind}s`);
    if (!context.ownsTemporary(destination)) {
      throw new InvalidDestinationException(`Temporary ${destination.kind} ${destination.name} belongs to another connection; only its own connection may consume from it`);
    }
  }
  const selectorFeature = isTopic ? 'topicSelectors' : 'queueSelectors';
  if (selector !== null) features.require(selectorFeature, `message selectors on ${destination.kind}s`);
  const topicNoLocal = noLocal && isTopic;
  if (topicNoLocal) features.require('noLocal', 'noLocal subscriptions');

  const clientSelector = selector !== null && features.isEmulated(selectorFeature) ? compileEnvelopeSelector(selector) : null;
  const clientNoLocal = topicNoLocal && features.isEmulated('noLocal');
  return {
    selector,
    spec: {
      destination,
      selector: selector !== null && features.isNative(selectorFeature) ? selector : null,
      definedSelector: selector,
      noLocal: topicNoLocal && features.isNative('noLocal'),
      durable,
      shared,
      subscriptionName,
      clientId: context.clientId,
      prefetch: context.prefetch,
    },
    emulation: {
      accept: acceptance(clientSelector, clientNoLocal ? context.connectionId : null),
      holdUntilDeliveryTime: features.isEmulated('deliveryDelay'),
      byPriority: features.isEmulated('priority'),
    },
  };
}

/** The client-side filter: the emulated selector and noLocal (messages from `ownConnection`). */
function acceptance(selector: ((envelope: Envelope) => boolean) | null, ownConnection: string | null): ConsumerEmulation['accept'] {
  if (selector === null && ownConnection === null) return null;
  return (envelope) => !(ownConnection !== null && envelope.connectionId === ownConnection) && (selector === null || selector(envelope));
}

export function checkDestination(destination: Destination): void {
  if (destination === null || destination === undefined || typeof destination !== 'object' || (destination.kind !== 'queue' && destination.kind !== 'topic')) {
    throw new InvalidDestinationException(`Not a valid destination: ${String(destination)}`);
  }
}
