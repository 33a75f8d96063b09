import { expect } from 'chai';
import { AcknowledgeMode } from '../../../src/api/constants.js';
import { destinationOf } from '../../../src/api/destination.js';
import { IllegalStateException } from '../../../src/api/exceptions.js';
import { messageToEnvelope } from '../../../src/codec/index.js';
import { Features } from '../../../src/client/features.js';
import { EmulatedTransaction, NativeTransaction, NoTransaction, transactionFor } from '../../../src/client/transaction.js';
import { JmsTextMessage } from '../../../src/message/index.js';
import type { Delivery } from '../../../src/spi/envelope.js';
import type { ProviderSession } from '../../../src/spi/provider.js';
import { ALL_NATIVE, deliveryOf } from './recording-provider.js';

function recordingSession(): { session: ProviderSession; ops: string[] } {
  const ops: string[] = [];
  const session = {
    send: async () => void ops.push('send'),
    acknowledge: async (deliveries: readonly Delivery[]) => void ops.push(`ack:${deliveries.length}`),
    commit: async () => void ops.push('commit'),
    rollback: async () => void ops.push('rollback'),
  } as unknown as ProviderSession;
  return { session, ops };
}

const queue = destinationOf('queue', 'tx');
const envelope = messageToEnvelope(new JmsTextMessage('x'));
const consumed = [deliveryOf(envelope, queue)];

describe('session transaction strategies', () => {
  it('are chosen by the session mode and the transactions capability', () => {
    const { session } = recordingSession();
    const acks = { acknowledgeNow: async () => undefined };
    const features = (transactions: 'native' | 'emulated') => new Features({ adapter: 't', capabilities: { ...ALL_NATIVE, transactions } });
    expect(transactionFor(AcknowledgeMode.AUTO_ACKNOWLEDGE, features('native'), session, acks)).to.be.instanceOf(NoTransaction);
    expect(transactionFor(AcknowledgeMode.SESSION_TRANSACTED, features('native'), session, acks)).to.be.instanceOf(NativeTransaction);
    expect(transactionFor(AcknowledgeMode.SESSION_TRANSACTED, features('emulated'), session, acks)).to.be.instanceOf(EmulatedTransaction);
  });

  it('none: sends at once and refuses commit and rollback', async () => {
    const { session, ops } = recordingSession();
    const none = new NoTransaction(session);
    expect(none.transacted).to.equal(false);
    await none.send(queue, envelope);
    expect(ops).to.deep.equal(['send']);
    await none.commit().then(() => expect.fail('commit resolved'), (error) => expect(error).to.be.instanceOf(IllegalStateException));
    await none.rollback().then(() => expect.fail('rollback resolved'), (error) => expect(error).to.be.instanceOf(IllegalStateException));
  });

  it('native: acknowledges inside the provider transaction before committing; close rolls back', async () => {
    const { session, ops } = recordingSession();
    const native = new NativeTransaction(session);
    await native.send(queue, envelope);
    await native.commit(consumed);
    expect(ops).to.deep.equal(['send', 'ack:1', 'commit']);
    await native.rollback();
    await native.discard();
    expect(ops.slice(3)).to.deep.equal(['rollback', 'rollback']);
  });

  it('emulated: holds sends until commit, then sends them and acknowledges; rollback and close drop them', async () => {
    const { session, ops } = recordingSession();
    const acked: number[] = [];
    const emulated = new EmulatedTransaction(session, { acknowledgeNow: async (deliveries) => void acked.push(deliveries.length) });
    await emulated.send(queue, envelope);
    await emulated.send(queue, envelope);
    expect(ops).to.deep.equal([]);
    await emulated.commit(consumed);
    expect(ops).to.deep.equal(['send', 'send']);
    expect(acked).to.deep.equal([1]);
    await emulated.send(queue, envelope);
    await emulated.rollback();
    await emulated.send(queue, envelope);
    await emulated.discard();
    await emulated.commit([]);
    expect(ops).to.deep.equal(['send', 'send']);
    expect(ops).to.not.include('rollback');
  });
});
