import { expect } from 'chai';
import { outcomeOf, runSkeletonConformance } from '../../examples/adapter-skeleton/run-conformance.js';
import { registerSkeleton, SkeletonBroker, SKELETON_CAPABILITIES } from '../../examples/adapter-skeleton/index.js';
import { resolveProvider } from '../../src/index.js';
import { CAPABILITY_NAMES } from '../../src/spi/index.js';
import { PROVIDER_CONTRACT } from '../../src/spi/testkit/index.js';

/**
 * The skeleton adapter in examples/ is what docs/writing-an-adapter.md tells an author to copy:
 * it must pass the conformance suite with nothing but passes and checked typed refusals, and the
 * SPI contract checks of the test kit.
 */
describe('adapter skeleton (examples/adapter-skeleton)', function () {
  this.timeout(180_000);

  it('runs the conformance suite with only passes and checked FeatureNotSupportedException refusals', async () => {
    const report = await runSkeletonConformance();
    const failures = report.cases.filter((c) => outcomeOf(c) === 'fail').map((c) => `${c.id}: ${c.result} ${c.error ?? ''}`);
    expect(failures, failures.join('\n')).to.deep.equal([]);
    // Every capability it declares native or emulated is exercised by some passing case (queues
    // by the core cases, which name no capability; persistence and delivery counts by no case of their own).
    const exercised = new Set(report.cases.filter((c) => c.result === 'pass').map((c) => c.capability ?? 'queues'));
    const declared = CAPABILITY_NAMES.filter((name) => SKELETON_CAPABILITIES[name] !== 'unsupported' && name !== 'persistentDelivery' && name !== 'deliveryCount');
    expect(declared.filter((name) => !exercised.has(name))).to.deep.equal([]);
  });

  describe('SPI contract', () => {
    registerSkeleton();
    const target = {
      provider: resolveProvider('skeleton://contract'),
      cutConnection: () => SkeletonBroker.named('contract').crash('cut by the SPI contract test'),
    };
    for (const check of PROVIDER_CONTRACT) {
      it(check.name, async () => {
        expect(await check.run(target)).to.equal(undefined);
      });
    }
  });
});
