import { FeatureNotSupportedException } from '../api/exceptions.js';
import type { Capabilities, Support } from '../spi/capabilities.js';
import type { Provider } from '../spi/provider.js';

/** Reads the adapter's capabilities and refuses, loudly, what it cannot do. */
export class Features {
  constructor(private readonly provider: Pick<Provider, 'adapter' | 'capabilities'>) {}

  get adapter(): string {
    return this.provider.adapter;
  }

  support(feature: keyof Capabilities): Support {
    return this.provider.capabilities[feature];
  }

  isNative(feature: keyof Capabilities): boolean {
    return this.provider.capabilities[feature] === 'native';
  }

  isEmulated(feature: keyof Capabilities): boolean {
    return this.provider.capabilities[feature] === 'emulated';
  }

  /** Throws FeatureNotSupportedException when the adapter marks `feature` unsupported. */
  require(feature: keyof Capabilities, what: string): void {
    if (this.provider.capabilities[feature] === 'unsupported') {
      throw new FeatureNotSupportedException(this.provider.adapter, what, `capability "${feature}" is unsupported`);
    }
  }
}
