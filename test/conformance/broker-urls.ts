import { parseBrokerUrl } from '../../src/config/index.js';
import { knownSchemes, resolveProvider } from '../../src/index.js';
import { BROKERS, brokerUrl, type BrokerKey } from '../support/brokers.js';

/**
 * The URLs to run: always memory://, plus each configured broker whose adapter is registered.
 * A configured broker without an adapter is reported, not silently left out.
 */
export function brokerUrls(): { url: string; adapter: string; label: string }[] {
  const urls = [{ url: 'memory://conformance', adapter: 'memory', label: 'memory' }];
  for (const key of Object.keys(BROKERS) as BrokerKey[]) {
    const url = brokerUrl(key);
    if (!url) continue;
    const { scheme } = parseBrokerUrl(url);
    if (!knownSchemes().includes(scheme)) {
      console.log(`conformance: ${BROKERS[key].label} is configured, but no adapter is registered for ${scheme}: yet; not run`);
      continue;
    }
    urls.push({ url, adapter: resolveProvider(url).adapter, label: BROKERS[key].label });
  }
  return urls;
}
