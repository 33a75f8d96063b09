import { expect } from 'chai';
import { DEFAULT_REDELIVERY_POLICY, IllegalArgumentException, QueueValue, TopicValue, createConnectionFactory, ErrorCode } from '../../../src/index.js';
import { deadLetterQueueName, redeliveryDelay, redeliveryPolicy, redeliveryVerdict } from '../../../src/client/redelivery-policy.js';
import { resolveProviderConfig } from '../../../src/config/index.js';

const orders = new QueueValue('orders');

describe('redelivery policy', () => {
  it('defaults to 6 redeliveries one second apart, then DLQ.<destination>', () => {
    expect(redeliveryPolicy()).to.deep.equal({ maxRedeliveries: 6, redeliveryDelay: 1000, redeliveryBackoff: 1, maxRedeliveryDelay: 60_000, deadLetterQueue: 'DLQ.{destination}' });
    expect(DEFAULT_REDELIVERY_POLICY.maxRedeliveries).to.equal(6);
  });

  it('redelivers deliveries 1 to maxRedeliveries and dead-letters the one after', () => {
    const policy = redeliveryPolicy({ maxRedeliveries: 2, redeliveryDelay: 10 });
    expect(redeliveryVerdict(policy, 1, orders)).to.deep.equal({ action: 'redeliver', delay: 10 });
    expect(redeliveryVerdict(policy, 2, orders)).to.deep.equal({ action: 'redeliver', delay: 10 });
    expect(redeliveryVerdict(policy, 3, orders)).to.deep.equal({ action: 'dead-letter', queue: 'DLQ.orders' });
  });

  it('dead-letters at once with maxRedeliveries 0 and never with -1', () => {
    expect(redeliveryVerdict(redeliveryPolicy({ maxRedeliveries: 0 }), 1, orders).action).to.equal('dead-letter');
    expect(redeliveryVerdict(redeliveryPolicy({ maxRedeliveries: -1 }), 10_000, orders).action).to.equal('redeliver');
  });

  it('grows the delay by the backoff and caps it at maxRedeliveryDelay', () => {
    const policy = redeliveryPolicy({ redeliveryDelay: 50, redeliveryBackoff: 2, maxRedeliveryDelay: 300 });
    expect([1, 2, 3, 4, 5].map((n) => redeliveryDelay(policy, n))).to.deep.equal([50, 100, 200, 300, 300]);
    const fractional = redeliveryPolicy({ redeliveryDelay: 100, redeliveryBackoff: 1.5 });
    expect(redeliveryDelay(fractional, 3)).to.equal(225);
  });

  it('names the dead-letter queue from the pattern, for queues and topics alike', () => {
    expect(deadLetterQueueName(redeliveryPolicy(), orders)).to.equal('DLQ.orders');
    expect(deadLetterQueueName(redeliveryPolicy({ deadLetterQueue: 'poison' }), orders)).to.equal('poison');
    expect(deadLetterQueueName(redeliveryPolicy({ deadLetterQueue: '{destination}.dead.{destination}' }), new TopicValue('news'))).to.equal('news.dead.news');
  });

  it('drops only when the dead-letter queue is explicitly empty', () => {
    expect(redeliveryVerdict(redeliveryPolicy({ maxRedeliveries: 0, deadLetterQueue: '' }), 1, orders)).to.deep.equal({ action: 'drop' });
  });

  it('keeps the base policy for fields not given', () => {
    const base = redeliveryPolicy({ maxRedeliveries: 3, deadLetterQueue: 'x' });
    expect(redeliveryPolicy({ redeliveryDelay: 5 }, base)).to.include({ maxRedeliveries: 3, deadLetterQueue: 'x', redeliveryDelay: 5 });
  });

  it('refuses bad values and unknown fields with IllegalArgumentException', () => {
    for (const bad of [{ maxRedeliveries: -2 }, { maxRedeliveries: 1.5 }, { redeliveryDelay: -1 }, { redeliveryBackoff: 0.5 }, { redeliveryBackoff: NaN }, { maxRedeliveryDelay: -1 }, { deadLetterQueue: 3 }, { maxRedelivery: 3 }]) {
      expect(() => redeliveryPolicy(bad as never), JSON.stringify(bad)).to.throw(IllegalArgumentException);
    }
  });
});

describe('redelivery options', () => {
  it('parses the policy from the URL query', () => {
    const options = resolveProviderConfig('memory://?maxRedeliveries=2&redeliveryDelay=50&redeliveryBackoff=1.5&maxRedeliveryDelay=400&deadLetterQueue=dead.{destination}').options;
    expect(options).to.include({ maxRedeliveries: 2, redeliveryDelay: 50, redeliveryBackoff: 1.5, maxRedeliveryDelay: 400, deadLetterQueue: 'dead.{destination}' });
  });

  it('takes an explicitly empty deadLetterQueue as drop and fills in the defaults', () => {
    expect(resolveProviderConfig('memory://?deadLetterQueue=').options.deadLetterQueue).to.equal('');
    expect(resolveProviderConfig('memory://').options).to.include({ maxRedeliveries: 6, redeliveryDelay: 1000, redeliveryBackoff: 1, deadLetterQueue: 'DLQ.{destination}' });
  });

  it('refuses out-of-range values as INVALID_CONFIGURATION', () => {
    for (const query of ['maxRedeliveries=-2', 'redeliveryDelay=soon', 'redeliveryBackoff=0.5', 'redeliveryBackoff=2x']) {
      expect(() => createConnectionFactory(`memory://?${query}`), query).to.throw().with.property('code', ErrorCode.INVALID_CONFIGURATION);
    }
  });
});
