import { parseBrokerUrl } from '../../src/config/index.js';
import { knownSchemes, resolveProvider } from '../../src/index.js';
import { BROKERS, brokerUrl, type BrokerKey } from '../support/brokers.js';

/** The embedded broker with every feature the client can emulate handed to the client layer. */
export const MEMORY_EMULATED_URL = 'memory://conformance-emulated?emulate=all';

/** `url` with one more query parameter. */
const withParameter = (url: string, parameter: string) => `${url}${url.includes('?') ? '&' : '?'}${parameter}`;
const withoutReconnect = (url: string) => withParameter(url, 'reconnect=false');

/**
 * The URLs to run: always memory:// (as is, with every emulation switched on, and with reconnect
 * off), plus each configured broker whose adapter is registered, and RabbitMQ over AMQP once more
 * with reconnect off. A configured broker without an adapter is reported, not silently left out.
 * `report: false` runs are checked but write no report (the adapter's own run does).
 */
export function brokerUrls(): { url: string; adapter: string; label: string; report?: false }[] {
  const urls: { url: string; adapter: string; label: string; report?: false }[] = [
    { url: 'memory://conformance', adapter: 'memory', label: 'memory' },
    { url: MEMORY_EMULATED_URL, adapter: resolveProvider(MEMORY_EMULATED_URL).adapter, label: 'memory (client emulations)' },
    { url: withoutReconnect('memory://conformance'), adapter: 'memory', label: 'memory (reconnect=false)', report: false },
  ];
  for (const key of Object.keys(BROKERS) as BrokerKey[]) {
    const url = brokerUrl(key);
    if (!url) continue;
    const { scheme } = parseBrokerUrl(url);
    if (!knownSchemes().includes(scheme)) {
      console.log(`conformance: ${BROKERS[key].label} is configured, but no adapter is registered for ${scheme}: yet; not run`);
      continue;
    }
    urls.push({ url, adapter: resolveProvider(url).adapter, label: BROKERS[key].label });
    if (key === 'rabbitmqAmqp') urls.push({ url: withoutReconnect(url), adapter: 'amqp', label: `${BROKERS[key].label} (reconnect=false)`, report: false });
    // Kafka reads queues through share groups where the broker has them: the consumer-group
    // design (exactly-once transactions) is run as well.
    if (key === 'kafka' && !url.includes('queueMode=')) {
      const group = withParameter(url, 'queueMode=group');
      urls.push({ url: group, adapter: resolveProvider(group).adapter, label: `${BROKERS[key].label} (queueMode=group)` });
    }
  }
  return urls;
}
