import { resolveProvider } from '../../src/index.js';
import { resolveProviderConfig } from '../../src/config/index.js';
import { PROVIDER_CONTRACT, type ContractTarget } from '../../src/spi/testkit/index.js';
import { describeWithBroker, type BrokerKey } from '../support/brokers.js';
import { FaultProxy } from '../support/fault-proxy.js';

/**
 * The SPI contract checks against each real broker's Provider, without the client layer. A
 * connection is cut for the loss checks by a TCP proxy between the adapter and the broker.
 *
 * Contract checks a broker cannot meet are listed below with the reason. Each still runs: it must
 * fail (else the entry is stale and the test says so), and the test then reports itself pending.
 */
const RABBITMQ_STOMP_KEEPS =
  'RabbitMQ\'s STOMP plugin redelivers a NACKed message to the subscription being cancelled and then holds it for the connection ' +
  '(a NACK after UNSUBSCRIBE is refused with an ERROR), so a closed subscription\'s unacknowledged messages come back only when the connection closes';
const KNOWN_DEVIATIONS: Partial<Record<BrokerKey, Record<string, string>>> = {
  rocketmq: {
    'a lost connection is reported once':
      "the proxy's routes name the proxy's own address, so receives, sends and acks go to it directly and only route queries and " +
      'heartbeats pass the test\'s TCP proxy; gRPC reconnects a cut connection by itself, and nothing is lost with it (groups, offsets ' +
      'and receipt handles live in the broker); a receive or send that finds the proxy unreachable reports the loss',
  },
  rabbitmqStomp: {
    'acknowledging a delivery after its subscription closed is a no-op': RABBITMQ_STOMP_KEEPS,
    'closing a subscription gives back what it did not acknowledge': RABBITMQ_STOMP_KEEPS,
    'closing a session gives back what it did not acknowledge': RABBITMQ_STOMP_KEEPS,
  },
};

const TARGETS: { key: BrokerKey; defaultPort: number; noCut?: string }[] = [
  { key: 'rabbitmqAmqp', defaultPort: 5672 },
  { key: 'activemqStomp', defaultPort: 61613 },
  { key: 'rabbitmqStomp', defaultPort: 61614 },
  {
    key: 'kafka',
    defaultPort: 9092,
    noCut: 'kafkajs reaches each broker at the address the cluster advertises, not through the bootstrap address, so a proxy cannot cut it',
  },
  { key: 'redis', defaultPort: 6379 },
  { key: 'rocketmq', defaultPort: 8081 },
];

for (const { key, defaultPort, noCut } of TARGETS) {
  describeWithBroker(key, `spi contract: ${key}`, (url) => {
    const config = resolveProviderConfig(url);
    const { host, port } = config.hosts[0]!;
    const proxy = new FaultProxy(host, port ?? defaultPort);
    let target: ContractTarget;

    before(async () => {
      await proxy.start();
      const proxied = new URL(url);
      proxied.hostname = '127.0.0.1';
      proxied.port = String(proxy.port);
      target = {
        provider: resolveProvider(noCut ? url : proxied.toString()),
        username: config.username,
        password: config.password,
        namePrefix: `jmsts.spi-contract.${key}`,
        timeout: 30_000,
        ...(noCut ? { noCutReason: noCut } : { cutConnection: () => proxy.cut() }),
      };
    });
    after(() => proxy.stop());

    for (const check of PROVIDER_CONTRACT) {
      const deviation = KNOWN_DEVIATIONS[key]?.[check.name];
      it(check.name, async function () {
        if (deviation !== undefined) {
          // Short waits: the check is expected to time out.
          const failed = await check.run({ ...target, timeout: 3000 }).then(() => false, () => true);
          if (!failed) throw new Error(`known deviation no longer happens, remove it from KNOWN_DEVIATIONS: ${deviation}`);
          console.log(`      known deviation: ${deviation}`);
          this.skip();
        }
        const outcome = await check.run(target);
        if (outcome) {
          console.log(`      skipped: ${outcome.skipped}`);
          this.skip();
        }
      });
    }
  });
}
