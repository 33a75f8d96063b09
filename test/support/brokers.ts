import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The real brokers the tests can use, the variable naming each, and how to start it. */
export const BROKERS = {
  activemqStomp: { variable: 'JMS_TEST_STOMP_URL', broker: 'activemq', label: 'ActiveMQ (STOMP)' },
  rabbitmqStomp: { variable: 'JMS_TEST_STOMP_RABBITMQ_URL', broker: 'rabbitmq', label: 'RabbitMQ (STOMP plugin)' },
  rabbitmqAmqp: { variable: 'JMS_TEST_AMQP_URL', broker: 'rabbitmq', label: 'RabbitMQ (AMQP 0-9-1)' },
  kafka: { variable: 'JMS_TEST_KAFKA_URL', broker: 'kafka', label: 'Kafka' },
  redis: { variable: 'JMS_TEST_REDIS_URL', broker: 'redis', label: 'Redis (Streams)' },
  rocketmq: { variable: 'JMS_TEST_ROCKETMQ_URL', broker: 'rocketmq', label: 'RocketMQ 5 (gRPC proxy)' },
} as const;

export type BrokerKey = keyof typeof BROKERS;

/**
 * The same brokers over TLS (and Kafka with SASL), from scripts/brokers.sh: the throwaway test CA's
 * file is JMS_TEST_TLS_CA. Run by the TLS tests and a conformance subset, not the whole suite.
 */
export const TLS_BROKERS = {
  activemqStompTls: { variable: 'JMS_TEST_STOMP_TLS_URL', broker: 'activemq', label: 'ActiveMQ (STOMP over TLS)' },
  rabbitmqStompTls: { variable: 'JMS_TEST_STOMP_RABBITMQ_TLS_URL', broker: 'rabbitmq', label: 'RabbitMQ (STOMP over mutual TLS)' },
  rabbitmqAmqps: { variable: 'JMS_TEST_AMQPS_URL', broker: 'rabbitmq', label: 'RabbitMQ (AMQPS, mutual TLS)' },
  kafkaTls: { variable: 'JMS_TEST_KAFKA_TLS_URL', broker: 'kafka', label: 'Kafka (SSL)' },
  kafkaSasl: { variable: 'JMS_TEST_KAFKA_SASL_URL', broker: 'kafka', label: 'Kafka (SASL_SSL, SCRAM-SHA-512)' },
  kafkaSaslPlaintext: { variable: 'JMS_TEST_KAFKA_SASL_PLAINTEXT_URL', broker: 'kafka', label: 'Kafka (SASL_PLAINTEXT, PLAIN)' },
  redisTls: { variable: 'JMS_TEST_REDIS_TLS_URL', broker: 'redis', label: 'Redis (TLS)' },
  tlsCa: { variable: 'JMS_TEST_TLS_CA', broker: 'activemq', label: 'the test CA file' },
} as const;

export type TlsBrokerKey = keyof typeof TLS_BROKERS;
type AnyBrokerKey = BrokerKey | TlsBrokerKey;
const ALL_BROKERS: Record<AnyBrokerKey, { variable: string; broker: string; label: string }> = { ...BROKERS, ...TLS_BROKERS };

/** The broker script's state directory: JMS_BROKERS_DIR (private brokers) or the worktree's .brokers. */
export const BROKERS_DIR = process.env.JMS_BROKERS_DIR || fileURLToPath(new URL('../../.brokers', import.meta.url));
const ENDPOINTS_FILE = `${BROKERS_DIR}/endpoints.env`;

/** KEY=value lines written by scripts/brokers.sh; an absent file means no broker was started. */
function endpointsFromFile(): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(ENDPOINTS_FILE, 'utf8');
  } catch {
    return {};
  }
  const entries: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    // scripts/brokers.sh quotes values (KEY='value') so the file can be sourced.
    if (match) entries[match[1]!] = match[2]!.replace(/^'(.*)'$/, '$1');
  }
  return entries;
}

/**
 * The broker's URL from the environment, else from .brokers/endpoints.env, else undefined. A
 * variable set to the empty string turns that broker off even when the file names it.
 */
export function brokerUrl(key: AnyBrokerKey): string | undefined {
  const { variable } = ALL_BROKERS[key];
  const fromEnvironment = process.env[variable];
  if (fromEnvironment !== undefined) return fromEnvironment || undefined;
  return endpointsFromFile()[variable] || undefined;
}

export const brokersRequired = (): boolean => process.env.JMS_REQUIRE_BROKERS === '1';

/** Why a broker's tests cannot run, said once and the same way everywhere. */
export function missingBrokerReason(key: AnyBrokerKey): string {
  const { variable, broker, label } = ALL_BROKERS[key];
  return `${label} not configured: run \`npm run brokers -- up ${broker}\` or set ${variable}`;
}

/**
 * Declares a suite that needs a real broker. Without one it shows a single pending test whose title
 * says how to start the broker, or, when JMS_REQUIRE_BROKERS=1 (CI), a failing one.
 */
export function describeWithBroker(key: AnyBrokerKey, title: string, body: (url: string) => void): void {
  const url = brokerUrl(key);
  describe(title, function () {
    this.timeout(60000);
    if (url) {
      body(url);
      return;
    }
    reportMissing(title, 'has its broker', missingBrokerReason(key));
  });
}

/**
 * What a suite lacks, inside its describe: with JMS_REQUIRE_BROKERS=1 (CI) a failing test named
 * `need`, otherwise one pending test whose title, also printed, is the reason.
 */
export function reportMissing(title: string, need: string, reason: string): void {
  if (brokersRequired()) {
    it(`${need} (JMS_REQUIRE_BROKERS=1)`, () => {
      throw new Error(reason);
    });
  } else {
    console.log(`skip: ${title}: ${reason}`);
    it.skip(reason);
  }
}

/** A name no earlier run used, so tests never see each other's messages on a shared broker. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
