import { Kafka, logLevel, type Admin } from 'kafkajs';
import { createConnectionFactory, type Connection } from '../../src/index.js';
import { uniqueName } from '../support/brokers.js';

/** Plain kafkajs helpers for the Kafka adapter's tests: they look at the broker without jms-ts. */
export function plainKafka(url: string): Kafka {
  return new Kafka({ clientId: 'jms-ts-test', brokers: [new URL(url).host], logLevel: logLevel.NOTHING });
}

/** The broker URL with queues read through consumer groups (`queueMode=group`), for the suites that look at them. */
export function groupMode(url: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}queueMode=group`;
}

/** An admin client connected for the calling describe block. */
export function plainAdmin(kafka: Kafka): Admin {
  const admin = kafka.admin();
  before(() => admin.connect());
  after(() => admin.disconnect());
  return admin;
}

/** Polls a condition the broker offers no event for, until it holds or `ms` pass. */
export async function until(what: string, condition: () => Promise<boolean>, ms = 30000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The offset a consumer group committed on partition 0 of a topic (-1 when none). */
export async function committedOffset(admin: Admin, groupId: string, topic: string): Promise<number> {
  const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return Number(offsets?.partitions[0]?.offset ?? -1);
}

/** Members of a consumer group, by member id. */
export async function groupMembers(admin: Admin, groupId: string): Promise<string[]> {
  const { groups } = await admin.describeGroups([groupId]);
  return (groups[0]?.members ?? []).map((member) => member.memberId);
}

/** Every record value of a one-partition topic, as a plain consumer in the given isolation level reads it. */
export async function readAll(kafka: Kafka, admin: Admin, topic: string, isolation: 'read_committed' | 'read_uncommitted'): Promise<string[]> {
  const high = (await admin.fetchTopicOffsets(topic))[0]?.high ?? '0';
  const values: string[] = [];
  if (high === '0') return values;
  const groupId = uniqueName('jms-ts-test-reader');
  const consumer = kafka.consumer({ groupId, readUncommitted: isolation === 'read_uncommitted', maxWaitTimeInMs: 100 });
  const done = new Promise<void>((resolve) => {
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      if (BigInt(payload.lastOffset) + 1n >= BigInt(high)) resolve();
    });
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({ autoCommit: false, eachMessage: async ({ message }) => void values.push(message.value!.toString()) });
    await done;
  } finally {
    await consumer.disconnect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
  }
  return values;
}

/** Opens jms-ts connections that are closed after each test of the calling describe block. */
export function connections(url: string): (target?: string, clientId?: string) => Promise<Connection> {
  const open: Connection[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((connection) => connection.close().catch(() => undefined)));
  });
  return async (target = url, clientId) => {
    const connection = await createConnectionFactory(target).createConnection(clientId === undefined ? undefined : { clientId });
    open.push(connection);
    return connection;
  };
}
