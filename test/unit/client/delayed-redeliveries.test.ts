import { expect } from 'chai';
import { DelayedRedeliveries, type RequeueTarget } from '../../../src/client/delayed-redeliveries.js';
import { PendingDelivery } from '../../../src/client/pending-delivery.js';
import { destinationOf } from '../../../src/api/destination.js';

function target(): RequeueTarget & { got: PendingDelivery[][]; arrived: Promise<void> } {
  let arrive!: () => void;
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  const got: PendingDelivery[][] = [];
  return { closed: false, got, arrived, requeue: (items) => { got.push(items); arrive(); } };
}

const pending = () => new PendingDelivery({ envelope: {} as never, destination: destinationOf('queue', 'q'), redelivered: false, deliveryCount: 1 });

describe('delayed redeliveries', () => {
  it('hands back at once without a delay', () => {
    const delayed = new DelayedRedeliveries();
    const t = target();
    delayed.handBack(t, [pending()], 0);
    expect(t.got).to.have.length(1);
    expect(delayed.waiting).to.equal(0);
  });

  it('hands back after the delay, not before', async () => {
    const delayed = new DelayedRedeliveries();
    const t = target();
    const started = Date.now();
    delayed.handBack(t, [pending()], 40);
    expect(t.got).to.have.length(0);
    expect(delayed.waiting).to.equal(1);
    await t.arrived;
    expect(Date.now() - started).to.be.at.least(35);
    expect(delayed.waiting).to.equal(0);
  });

  it('forgets what waits for a closed consumer, and everything on cancelAll', async () => {
    const delayed = new DelayedRedeliveries();
    const closedOne = target();
    const other = target();
    delayed.handBack(closedOne, [pending()], 20);
    delayed.handBack(other, [pending()], 20);
    delayed.cancelFor(closedOne);
    expect(delayed.waiting).to.equal(1);
    await other.arrived;
    expect(closedOne.got).to.have.length(0);
    delayed.handBack(other, [pending()], 20);
    delayed.cancelAll();
    expect(delayed.waiting).to.equal(0);
  });
});
