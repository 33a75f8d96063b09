import { expect } from 'chai';
import { Kafka, logLevel, Partitioners, type Consumer } from 'kafkajs';
import { describeWithBroker, uniqueName } from '../support/brokers.js';

/** kafkajs 2.2.4, the client the Kafka adapter builds on, against the Kafka 4.x broker. */
describeWithBroker('kafka', 'smoke: kafkajs on Kafka', (url) => {
  const brokers = [new URL(url).host];
  const kafka = new Kafka({ clientId: 'jms-ts-smoke', brokers, logLevel: logLevel.NOTHING });

  /** Collects `count` values from the topic through a consumer group, then disconnects it. */
  async function consume(topic: string, count: number, readCommitted: boolean): Promise<string[]> {
    const consumer: Consumer = kafka.consumer({ groupId: uniqueName('smoke-group'), readUncommitted: !readCommitted });
    const values: string[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        consumer
          .run({
            eachMessage: async ({ message }) => {
              values.push(message.value!.toString());
              if (values.length === count) resolve();
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
    return values;
  }

  it('produces one message and a consumer group receives it', async () => {
    const topic = uniqueName('smoke');
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    try {
      await producer.send({ topic, messages: [{ key: 'k', value: 'hello over Kafka', headers: { color: 'red' } }] });
    } finally {
      await producer.disconnect();
    }
    expect(await consume(topic, 1, false)).to.deep.equal(['hello over Kafka']);
  });

  it('commits one transaction and aborts another; a read-committed group sees only the committed one', async () => {
    const topic = uniqueName('smoke-tx');
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    await admin.disconnect();
    const producer = kafka.producer({
      transactionalId: uniqueName('smoke-tx'),
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    try {
      const aborted = await producer.transaction();
      await aborted.send({ topic, messages: [{ value: 'aborted' }] });
      await aborted.abort();
      const committed = await producer.transaction();
      await committed.send({ topic, messages: [{ value: 'committed' }] });
      await committed.commit();
    } finally {
      await producer.disconnect();
    }
    // The aborted record comes first in the log: reading 'committed' first proves it was skipped.
    expect(await consume(topic, 1, true)).to.deep.equal(['committed']);
  });
});
