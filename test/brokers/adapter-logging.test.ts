import { expect } from 'chai';
import { AcknowledgeMode, createConnectionFactory } from '../../src/index.js';
import { describeWithBroker, uniqueName, type BrokerKey } from '../support/brokers.js';
import { recordingLogger } from '../support/telemetry.js';

/** What each adapter is expected to forward from its client library at `debug`. */
const EXPECTED: Record<BrokerKey, { namespace: string; message: string | null }> = {
  rabbitmqAmqp: { namespace: 'jms-ts.amqp', message: 'amqplib connection closed' },
  activemqStomp: { namespace: 'jms-ts.stomp', message: 'STOMP socket closed' },
  rabbitmqStomp: { namespace: 'jms-ts.stomp', message: 'STOMP socket closed' },
  kafka: { namespace: 'jms-ts.kafka', message: null }, // kafkajs's own records, whatever they say
  redis: { namespace: 'jms-ts.redis', message: 'node-redis connection ended' },
  rocketmq: { namespace: 'jms-ts.rocketmq', message: null }, // rocketmq-client-nodejs's own records
};

/**
 * Each adapter forwards its client library's logs and connection events to the configured logger,
 * under its own namespace, and no record holds the password.
 */
for (const key of Object.keys(EXPECTED) as BrokerKey[]) {
  describeWithBroker(key, `adapter logging (${key})`, (url) => {
    it(`forwards the client library's records as ${EXPECTED[key].namespace}, without the password`, async () => {
      const { records, logger, logged } = recordingLogger();
      const connection = await createConnectionFactory({ url, logger, logLevel: 'debug' }).createConnection();
      const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
      const queue = session.createQueue(uniqueName('logged'));
      const consumer = await session.createConsumer(queue);
      await connection.start();
      await (await session.createProducer(queue)).send(session.createTextMessage('x'));
      expect(await consumer.receive(20000)).to.not.equal(null);
      await connection.close();

      const { namespace, message } = EXPECTED[key];
      if (message !== null) await logged(message); // a socket's close event may follow close()
      const adapterRecords = records.filter((record) => record.fields.namespace === namespace);
      expect(adapterRecords.length, `${namespace} records`).to.be.greaterThan(0);
      if (message !== null) expect(adapterRecords.map((record) => record.message)).to.include(message);
      if (key === 'kafka') expect(adapterRecords.some((record) => typeof record.fields.kafkajs === 'string'), 'kafkajs namespaces').to.equal(true);
      expect(records.map((record) => `${record.fields.namespace}: ${record.message}`)).to.include.members(['jms-ts.client: Connected to the broker', 'jms-ts.client: Connection closed']);
      expect(JSON.stringify(records, (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value))).to.not.match(/:guest@|"guest"/);
    });
  });
}
