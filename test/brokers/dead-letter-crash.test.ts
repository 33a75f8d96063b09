import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { AcknowledgeMode, ErrorCode, JMSException, resolveProvider, type TextMessage } from '../../src/index.js';
import { ClientConnectionFactory, DEFAULT_RECONNECT } from '../../src/client/index.js';
import { redeliveryPolicy } from '../../src/client/redelivery-policy.js';
import type { Provider, ProviderConnection } from '../../src/spi/provider.js';
import { brokerUrls } from '../conformance/broker-urls.js';

/**
 * A real adapter that "crashes" right after the broker confirmed a dead-letter copy: its
 * connection drops before the original is acknowledged, as when the process is killed there.
 */
function crashingAfterDeadLetterSend(provider: Provider): Provider & { crashed: Promise<void> } {
  let crash!: () => void;
  const crashed = new Promise<void>((resolve) => (crash = resolve));
  let down = false;
  const gone = () => new JMSException('the process crashed (simulated)', ErrorCode.CONNECTION_LOST);
  return {
    adapter: provider.adapter,
    capabilities: provider.capabilities,
    crashed,
    async connect(options): Promise<ProviderConnection> {
      const connection = await provider.connect(options);
      return {
        ...connection,
        setClientId: (id) => connection.setClientId(id),
        close: () => connection.close(),
        createSession: async (sessionOptions) => {
          const session = await connection.createSession(sessionOptions);
          return {
            ...session,
            subscribe: (spec, sink) => session.subscribe(spec, sink),
            commit: session.commit?.bind(session),
            rollback: session.rollback?.bind(session),
            close: () => (down ? Promise.resolve() : session.close()),
            async send(destination, envelope) {
              if (down) throw gone();
              await session.send(destination, envelope);
              if (!destination.name.startsWith('DLQ.')) return;
              down = true;
              await connection.close(); // unacknowledged deliveries go back to the broker, as on a crash
              options.onConnectionLost(gone());
              crash();
            },
            async acknowledge(deliveries) {
              if (down) throw gone();
              await session.acknowledge(deliveries);
            },
          };
        },
      };
    },
  };
}

for (const { url, adapter } of brokerUrls().filter((entry) => entry.report !== false)) {
  describe(`dead-lettering interrupted by a crash: ${adapter}`, function () {
    this.timeout(60000);

    it('leaves the message on the original queue or the dead-letter queue, never on neither', async () => {
      const name = `dlq-crash.${randomBytes(4).toString('hex')}`;
      const crashing = crashingAfterDeadLetterSend(resolveProvider(url));
      // A crashed process does not come back: no reconnect.
      const doomed = await new ClientConnectionFactory(crashing, {
        redeliveryPolicy: redeliveryPolicy({ maxRedeliveries: 1, redeliveryDelay: 0 }),
        reconnect: { ...DEFAULT_RECONNECT, reconnect: false },
      }).createConnection();
      doomed.setExceptionListener(() => undefined);
      const session = await doomed.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
      await (await session.createProducer(session.createQueue(name))).send(session.createTextMessage('poison'));
      const consumer = await session.createConsumer(session.createQueue(name));
      consumer.setMessageListener(() => {
        throw new Error('always fails');
      });
      await doomed.start();
      await crashing.crashed;

      const { createConnectionFactory } = await import('../../src/index.js');
      const survivor = await createConnectionFactory(url).createConnection();
      try {
        const plain = await survivor.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
        const original = await plain.createConsumer(plain.createQueue(name));
        const deadLetters = await plain.createConsumer(plain.createQueue(`DLQ.${name}`));
        await survivor.start();
        const copy = (await deadLetters.receive(10000)) as TextMessage | null;
        expect(copy?.getText(), 'the confirmed dead-letter copy').to.equal('poison');
        const again = (await original.receive(10000)) as TextMessage | null;
        expect(again?.getText(), 'the original, never acknowledged, comes back').to.equal('poison');
      } finally {
        await survivor.close();
        await doomed.close().catch(() => undefined);
      }
    });
  });
}
