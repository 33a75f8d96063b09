import { expect } from 'chai';
import { destinationOf, type Destination } from '../../../src/api/destination.js';
import { FeatureNotSupportedException, IllegalStateException, InvalidDestinationException, InvalidSelectorException, JMSException } from '../../../src/api/exceptions.js';
import { messageToEnvelope } from '../../../src/codec/index.js';
import { Features } from '../../../src/client/features.js';
import { planSubscription, type PlanContext, type SubscriptionRequest } from '../../../src/client/subscription-plan.js';
import { JmsTextMessage } from '../../../src/message/index.js';
import type { Capabilities } from '../../../src/spi/capabilities.js';
import { ALL_NATIVE } from './recording-provider.js';

const topic = destinationOf('topic', 'prices');
const queue = destinationOf('queue', 'orders');

function context(overrides: Partial<Capabilities> = {}, more: Partial<PlanContext> = {}): PlanContext {
  return {
    features: new Features({ adapter: 'test', capabilities: { ...ALL_NATIVE, ...overrides } }),
    clientId: 'client-1',
    connectionId: 'conn-1',
    prefetch: 7,
    ownsTemporary: () => true,
    ...more,
  };
}

function request(destination: Destination, more: Partial<SubscriptionRequest> = {}): SubscriptionRequest {
  return { destination, selector: null, noLocal: false, subscriptionName: null, durable: false, shared: false, ...more };
}

function envelope(qty: number, connectionId: string | null = null) {
  const message = new JmsTextMessage('x');
  message.setIntProperty('qty', qty);
  return messageToEnvelope(message, connectionId);
}

describe('subscription plan', () => {
  it('passes native features to the provider and emulates nothing', () => {
    const plan = planSubscription(request(topic, { selector: 'qty > 2', noLocal: true }), context());
    expect(plan.spec).to.include({ selector: 'qty > 2', definedSelector: 'qty > 2', noLocal: true, clientId: 'client-1', prefetch: 7 });
    expect(plan.emulation).to.deep.equal({ accept: null, holdUntilDeliveryTime: false, byPriority: false });
    expect(plan.selector).to.equal('qty > 2');
  });

  it('keeps an emulated topic selector and noLocal in the client, and tells the provider the defined selector', () => {
    const plan = planSubscription(request(topic, { selector: 'qty > 2', noLocal: true }), context({ topicSelectors: 'emulated', noLocal: 'emulated' }));
    expect(plan.spec.selector).to.equal(null);
    expect(plan.spec.definedSelector).to.equal('qty > 2');
    expect(plan.spec.noLocal).to.equal(false);
    const accept = plan.emulation.accept!;
    expect(accept(envelope(3))).to.equal(true);
    expect(accept(envelope(1))).to.equal(false);
    expect(accept(envelope(3, 'conn-1'))).to.equal(false); // our own connection's message
    expect(accept(envelope(3, 'conn-2'))).to.equal(true);
  });

  it('asks the client to hold and order messages where delivery delay and priority are emulated', () => {
    const plan = planSubscription(request(queue), context({ deliveryDelay: 'emulated', priority: 'emulated' }));
    expect(plan.emulation.holdUntilDeliveryTime).to.equal(true);
    expect(plan.emulation.byPriority).to.equal(true);
  });

  it('ignores noLocal on a queue', () => {
    const plan = planSubscription(request(queue, { noLocal: true }), context({ noLocal: 'unsupported' }));
    expect(plan.spec.noLocal).to.equal(false);
    expect(plan.emulation.accept).to.equal(null);
  });

  it('refuses what the adapter cannot do', () => {
    expect(() => planSubscription(request(queue, { selector: 'qty > 1' }), context({ queueSelectors: 'unsupported' }))).to.throw(FeatureNotSupportedException);
    expect(() => planSubscription(request(topic, { noLocal: true }), context({ noLocal: 'unsupported' }))).to.throw(FeatureNotSupportedException);
    expect(() => planSubscription(request(topic, { durable: true, subscriptionName: 'd' }), context({ durableSubscriptions: 'unsupported' }))).to.throw(FeatureNotSupportedException);
    expect(() => planSubscription(request(topic, { shared: true, subscriptionName: 's' }), context({ sharedSubscriptions: 'unsupported' }))).to.throw(FeatureNotSupportedException);
    expect(() => planSubscription(request(topic), context({ topics: 'unsupported' }))).to.throw(FeatureNotSupportedException);
    expect(() => planSubscription(request(queue), context({ queues: 'unsupported' }))).to.throw(FeatureNotSupportedException);
  });

  it('refuses what JMS forbids, with the exception JMS names', () => {
    expect(() => planSubscription(request(queue, { durable: true, subscriptionName: 'd' }), context())).to.throw(InvalidDestinationException);
    expect(() => planSubscription(request(topic, { durable: true, subscriptionName: '' }), context())).to.throw(JMSException);
    expect(() => planSubscription(request(topic, { durable: true, subscriptionName: 'd' }), context({}, { clientId: null }))).to.throw(IllegalStateException);
    expect(planSubscription(request(topic, { durable: true, shared: true, subscriptionName: 'd' }), context({}, { clientId: null })).spec.clientId).to.equal(null);
    expect(() => planSubscription(request(topic, { selector: 'qty >' }), context())).to.throw(InvalidSelectorException);
    expect(() => planSubscription(request({ kind: 'nope' } as unknown as Destination), context())).to.throw(InvalidDestinationException);
  });

  it('lets only the owning connection consume from a temporary destination', () => {
    const temporary = destinationOf('queue', 'tmp', true);
    expect(() => planSubscription(request(temporary), context({}, { ownsTemporary: () => false }))).to.throw(InvalidDestinationException);
    expect(() => planSubscription(request(temporary), context({ temporaryQueues: 'unsupported' }))).to.throw(FeatureNotSupportedException);
    expect(planSubscription(request(temporary), context()).spec.destination).to.equal(temporary);
  });
});
