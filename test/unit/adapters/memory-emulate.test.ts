import { expect } from 'chai';
import { JMSException } from '../../../src/api/exceptions.js';
import { resolveProvider } from '../../../src/config/index.js';
import { CAPABILITY_NAMES } from '../../../src/spi/capabilities.js';
import { EMULATABLE } from '../../../adapters/memory/emulation.js';

describe('memory://?emulate= (client emulations without a broker)', () => {
  it('declares the chosen features emulated and keeps the rest native', () => {
    const provider = resolveProvider('memory://e1?emulate=priority,noLocal');
    expect(provider.adapter).to.equal('memory+emulated');
    expect(provider.capabilities.priority).to.equal('emulated');
    expect(provider.capabilities.noLocal).to.equal('emulated');
    expect(provider.capabilities.deliveryDelay).to.equal('native');
  });

  it('emulate=all hands every feature the client can emulate to it', () => {
    const { capabilities } = resolveProvider('memory://e2?emulate=all');
    for (const name of CAPABILITY_NAMES) {
      const expected = (EMULATABLE as readonly string[]).includes(name) || name === 'persistentDelivery' ? 'emulated' : 'native';
      expect(capabilities[name], name).to.equal(expected);
    }
  });

  for (const name of ['queueSelectors', 'browsing', 'temporaryQueues', 'nonsense']) {
    it(`refuses emulate=${name}, which the client cannot do`, () => {
      expect(() => resolveProvider(`memory://e3?emulate=${name}`)).to.throw(JMSException, name);
    });
  }
});
