import type { Destination, DestinationKind } from '../../../src/api/destination.js';
import { destinationOf } from '../../../src/api/destination.js';
import { ClientConnectionFactory } from '../../../src/client/index.js';
import type { Capabilities } from '../../../src/spi/capabilities.js';
import type { Delivery, Envelope } from '../../../src/spi/envelope.js';
import type {
  DeliverySink,
  Provider,
  ProviderBrowser,
  ProviderConnection,
  ProviderSession,
  ProviderSubscription,
  SubscriptionSpec,
} from '../../../src/spi/provider.js';

/** Every capability native; tests override what they need. */
export const ALL_NATIVE: Capabilities = {
  queues: 'native', topics: 'native', persistentDelivery: 'native', priority: 'native', timeToLive: 'native',
  deliveryDelay: 'native', queueSelectors: 'native', topicSelectors: 'native', durableSubscriptions: 'native',
  sharedSubscriptions: 'native', noLocal: 'native', temporaryQueues: 'native', temporaryTopics: 'native',
  browsing: 'native', transactions: 'native', deliveryCount: 'native',
};

/** One call the client layer made on a provider session. */
export type Call =
  | { readonly op: 'send'; readonly destination: string; readonly envelope: Envelope }
  | { readonly op: 'acknowledge'; readonly deliveries: readonly Delivery[] }
  | { readonly op: 'subscribe'; readonly spec: SubscriptionSpec }
  | { readonly op: 'commit' | 'rollback' | 'close' | 'createSession' };

/**
 * A Provider with no broker behind it: it records what the client layer asks of it, and hands
 * the tests each subscription's sink so they can push deliveries themselves.
 */
export class RecordingProvider implements Provider {
  readonly adapter = 'recording';
  readonly calls: Call[] = [];
  readonly sinks: { spec: SubscriptionSpec; sink: DeliverySink }[] = [];

  /** While set, sends are recorded when called but resolve only when this promise does. */
  sendGate: Promise<void> | null = null;

  constructor(readonly capabilities: Capabilities = ALL_NATIVE) {}

  ops(): string[] {
    return this.calls.map((call) => call.op);
  }

  factory(): ClientConnectionFactory {
    return new ClientConnectionFactory(this);
  }

  async connect(): Promise<ProviderConnection> {
    const calls = this.calls;
    const sinks = this.sinks;
    const gate = () => this.sendGate;
    const session: ProviderSession = {
      async send(destination: Destination, envelope: Envelope) {
        calls.push({ op: 'send', destination: destination.name, envelope });
        await gate();
      },
      async subscribe(spec: SubscriptionSpec, sink: DeliverySink): Promise<ProviderSubscription> {
        calls.push({ op: 'subscribe', spec });
        sinks.push({ spec, sink });
        return { close: async () => undefined };
      },
      async acknowledge(deliveries: readonly Delivery[]) { calls.push({ op: 'acknowledge', deliveries }); },
      async commit() { calls.push({ op: 'commit' }); },
      async rollback() { calls.push({ op: 'rollback' }); },
      async browse(): Promise<ProviderBrowser> { return { next: async () => null, close: async () => undefined }; },
      async close() { calls.push({ op: 'close' }); },
    };
    return {
      async setClientId() {},
      async createSession() { calls.push({ op: 'createSession' }); return session; },
      async createTemporaryDestination(kind: DestinationKind) { return destinationOf(kind, `tmp-${kind}`, true); },
      async deleteTemporaryDestination() {},
      async unsubscribe() {},
      async close() {},
    };
  }
}

/** A delivery of `envelope` as a broker would hand it over. */
export function deliveryOf(envelope: Envelope, destination: Destination): Delivery {
  return { envelope, destination, redelivered: false, deliveryCount: 1 };
}
