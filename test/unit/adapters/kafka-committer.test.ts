import { expect } from 'chai';
import { OffsetCommitter } from '../../../adapters/kafka/committer.js';
import type { OffsetCommit } from '../../../adapters/kafka/subscription.js';

const at = (partition: number, offset: number): OffsetCommit => ({ topic: 't', partition, offset: String(offset) });

/** A commit function whose calls the test completes by hand. */
function broker() {
  const calls: { offsets: OffsetCommit[]; done: () => void; fail: (error: Error) => void }[] = [];
  const commit = (offsets: OffsetCommit[]) =>
    new Promise<void>((resolve, reject) => calls.push({ offsets, done: resolve, fail: reject }));
  return { calls, commit };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('Kafka OffsetCommitter', () => {
  it('keeps one commit in flight and then commits the newest offsets of everything acknowledged meanwhile', async () => {
    const { calls, commit } = broker();
    const committer = new OffsetCommitter(commit, 0);
    const first = committer.add([at(0, 1)]);
    const second = committer.add([at(0, 2), at(1, 5)]);
    const third = committer.add([at(0, 3)]);
    expect(calls.map((c) => c.offsets)).to.deep.equal([[at(0, 1)]]);
    let secondDone = false;
    void second.then(() => (secondDone = true));
    calls[0]!.done();
    await first;
    await turn();
    expect(secondDone).to.equal(false);
    expect(calls).to.have.length(2);
    expect(calls[1]!.offsets).to.have.deep.members([at(0, 3), at(1, 5)]);
    calls[1]!.done();
    await Promise.all([second, third]);
  });

  it('rejects the acknowledgements a failed commit carried, and commits later ones afresh', async () => {
    const { calls, commit } = broker();
    const committer = new OffsetCommitter(commit, 0);
    const failed = committer.add([at(0, 1)]);
    calls[0]!.fail(new Error('rebalancing'));
    const error = await failed.then(() => null, (e: Error) => e);
    expect(error?.message).to.equal('rebalancing');
    const later = committer.add([at(0, 2)]);
    await turn();
    expect(calls[1]!.offsets).to.deep.equal([at(0, 2)]);
    calls[1]!.done();
    await later;
  });

  it('with a delay gathers acknowledgements, and flush() commits them at once', async () => {
    const { calls, commit } = broker();
    const committer = new OffsetCommitter(commit, 60000);
    const acked = committer.add([at(0, 1)]);
    committer.add([at(0, 4)]).catch(() => undefined);
    await turn();
    expect(calls).to.have.length(0);
    const flushed = committer.flush();
    expect(calls.map((c) => c.offsets)).to.deep.equal([[at(0, 4)]]);
    calls[0]!.done();
    await Promise.all([acked, flushed]);
  });

  it('never moves a partition back to an older offset', async () => {
    const { calls, commit } = broker();
    const committer = new OffsetCommitter(commit, 60000);
    void committer.add([at(0, 7)]);
    void committer.add([at(0, 3)]);
    const flushed = committer.flush();
    expect(calls[0]!.offsets).to.deep.equal([at(0, 7)]);
    calls[0]!.done();
    await flushed;
  });
});
