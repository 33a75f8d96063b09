import { expect } from 'chai';
import { MemoryBroker } from '../../adapters/memory/index.js';
import { resolveProvider } from '../../src/index.js';
import { PROVIDER_CONTRACT, type ContractTarget } from '../../src/spi/testkit/index.js';

/** The SPI contract checks on the embedded broker, talking to its Provider without the client layer. */
describe('spi contract: memory provider', () => {
  const brokerName = 'spi-contract';
  const target: ContractTarget = {
    provider: resolveProvider(`memory://${brokerName}`),
    // The embedded broker's crash fails every connection it has, as a network cut would.
    cutConnection: () => MemoryBroker.get(brokerName).crash('cut by the SPI contract test'),
  };

  for (const check of PROVIDER_CONTRACT) {
    it(check.name, async function () {
      const outcome = await check.run(target);
      if (outcome) {
        console.log(`      skipped: ${outcome.skipped}`);
        this.skip();
      }
    });
  }

  it('the checks can fail: a provider that reports a loss twice is caught', async () => {
    const check = PROVIDER_CONTRACT.find((c) => c.name === 'a lost connection is reported once')!;
    const memory = resolveProvider('memory://spi-contract-twice');
    const twice: ContractTarget = {
      provider: {
        adapter: 'twice',
        capabilities: memory.capabilities,
        connect: (options) => memory.connect({ ...options, onConnectionLost: (error) => (options.onConnectionLost(error), options.onConnectionLost(error)) }),
      },
      cutConnection: () => MemoryBroker.get('spi-contract-twice').crash(),
    };
    let failure: unknown = null;
    await check.run(twice).catch((error: unknown) => (failure = error));
    expect(String(failure)).to.match(/onConnectionLost was called 2 times/);
  });
});
