import { knownSchemes, parseBrokerUrl, resolveProvider } from '../../src/config/index.js';

/** Environment variables naming the real brokers the suite also runs against. */
export const BROKER_URL_VARIABLES = ['JMS_TEST_STOMP_URL', 'JMS_TEST_STOMP_RABBITMQ_URL', 'JMS_TEST_AMQP_URL', 'JMS_TEST_KAFKA_URL'] as const;

/**
 * The URLs to run: always memory://, plus each configured broker whose adapter is registered.
 * A configured broker without an adapter is reported, not silently left out.
 */
export function brokerUrls(): { url: string; adapter: string }[] {
  const urls = [{ url: 'memory://conformance', adapter: 'memory' }];
  for (const variable of BROKER_URL_VARIABLES) {
    const url = process.env[variable];
    if (!url) continue;
    if (!knownSchemes().includes(parseBrokerUrl(url).scheme)) {
      console.log(`conformance: ${variable} is set, but no adapter is registered for ${parseBrokerUrl(url).scheme}: yet; not run`);
      continue;
    }
    urls.push({ url, adapter: resolveProvider(url).adapter });
  }
  return urls;
}
