import { expect } from 'chai';
import { ErrorCode, MessageDeadLetteredException, QueueValue } from '../../../src/index.js';
import { deadLetterEnvelope } from '../../../src/client/dead-letter.js';
import type { Envelope } from '../../../src/spi/envelope.js';

function envelope(): Envelope {
  return {
    messageId: 'ID:a:1', correlationId: 'c-1', replyTo: new QueueValue('replies'), type: 'order', persistent: false, priority: 7,
    timestamp: 1000, expiration: 5000, deliveryTime: 1000, bodyKind: 'text', contentType: 'text/plain; charset=utf-8',
    properties: new Map([['qty', { type: 'int', value: 3 }]]), body: new TextEncoder().encode('hello'), connectionId: 'conn',
  };
}

describe('dead-letter copy', () => {
  it('keeps body, headers and properties and adds cause, origin and delivery count', () => {
    const original = envelope();
    const copy = deadLetterEnvelope(original, { destination: new QueueValue('orders'), deliveryCount: 7, failure: new Error('no such customer') }, 9000);
    expect(copy).to.include({ messageId: 'ID:a:1', correlationId: 'c-1', type: 'order', priority: 7, timestamp: 1000, bodyKind: 'text', body: original.body });
    expect(copy.replyTo?.toString()).to.equal('queue://replies');
    expect(copy.properties.get('qty')).to.deep.equal({ type: 'int', value: 3 });
    expect(copy.properties.get('dlqDeliveryFailureCause')).to.deep.equal({ type: 'string', value: 'no such customer' });
    expect(copy.properties.get('dlqOriginalDestination')).to.deep.equal({ type: 'string', value: 'queue://orders' });
    expect(copy.properties.get('dlqDeliveryCount')).to.deep.equal({ type: 'int', value: 7 });
    expect(copy.properties.get('JMSXDeliveryCount')).to.deep.equal({ type: 'int', value: 7 });
    expect(original.properties.has('dlqDeliveryFailureCause'), 'the original is left alone').to.equal(false);
  });

  it('is persistent, never expires and is due at once', () => {
    const copy = deadLetterEnvelope(envelope(), { destination: new QueueValue('orders'), deliveryCount: 2, failure: 'rolled back' }, 9000);
    expect(copy).to.include({ persistent: true, expiration: 0, deliveryTime: 9000 });
    expect(copy.properties.get('dlqDeliveryFailureCause')?.value).to.equal('rolled back');
  });

  it('reports with a code, the message id, the destination and the cause', () => {
    const cause = new Error('boom');
    const moved = new MessageDeadLetteredException('ID:a:1', new QueueValue('orders'), 'DLQ.orders', 7, cause);
    expect(moved).to.include({ code: ErrorCode.MESSAGE_DEAD_LETTERED, messageId: 'ID:a:1', deadLetterQueue: 'DLQ.orders', deliveryCount: 7, cause });
    expect(moved.message).to.contain('queue://orders').and.contain('DLQ.orders').and.contain('boom');
    const dropped = new MessageDeadLetteredException('ID:a:1', new QueueValue('orders'), null, 7, cause);
    expect(dropped.code).to.equal(ErrorCode.MESSAGE_DROPPED);
  });
});
