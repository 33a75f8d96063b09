import { expect } from 'chai';
import {
  AcknowledgeMode,
  createConnectionFactory,
  ErrorCode,
  JMSException,
  TransactionRolledBackException,
  type Connection,
  type ConnectionStatus,
  type ConnectionStatusType,
  type Message,
  type TextMessage,
} from '../../src/index.js';
import { proxyFor, throughPorts } from '../support/broker-faults.js';
import { describeWithBroker, uniqueName, type BrokerKey } from '../support/brokers.js';
import type { FaultProxy } from '../support/fault-proxy.js';

/**
 * Reconnect against real brokers through a loopback proxy that cuts, refuses and stalls the
 * connection: what the application sees across a loss, per acknowledge mode.
 */

interface Target {
  readonly key: BrokerKey;
  readonly defaultPort: number;
  /** URL options that make a silent link count as lost within a few seconds. */
  readonly heartbeat: Record<string, number> | null;
  /** Further URL options for the proxied connections. */
  readonly options?: Record<string, number>;
}

const TARGETS: readonly Target[] = [
  { key: 'rabbitmqAmqp', defaultPort: 5672, heartbeat: { heartbeat: 1 } },
  { key: 'activemqStomp', defaultPort: 61613, heartbeat: { heartbeat: 1000 } },
  { key: 'rabbitmqStomp', defaultPort: 61614, heartbeat: { heartbeat: 1000 } },
  // Redis gives a lost consumer's entries to another one only once they were idle for reclaimIdle.
  { key: 'redis', defaultPort: 6379, heartbeat: null, options: { reclaimIdle: 1000 } },
];

/** Records a connection's status events and lets a test wait for one. */
class StatusLog {
  readonly events: ConnectionStatus[] = [];
  private waiters: { type: ConnectionStatusType; after: number; resolve: (e: ConnectionStatus) => void }[] = [];

  constructor(connection: Connection) {
    void (async () => {
      for await (const event of connection.status()) {
        this.events.push(event);
        for (const waiter of [...this.waiters]) {
          if (event.type === waiter.type && this.events.length > waiter.after) {
            this.waiters.splice(this.waiters.indexOf(waiter), 1);
            waiter.resolve(event);
          }
        }
      }
    })();
  }

  /** The next event of `type` from now on. */
  next(type: ConnectionStatusType): Promise<ConnectionStatus> {
    return new Promise((resolve) => this.waiters.push({ type, after: this.events.length, resolve }));
  }

  count(type: ConnectionStatusType): number {
    return this.events.filter((e) => e.type === type).length;
  }
}

const text = (m: Message | null) => (m as TextMessage | null)?.getText() ?? null;

for (const target of TARGETS) {
  describeWithBroker(target.key, `reconnect through a faulty link (${target.key})`, (url) => {
    let proxy: FaultProxy;
    const opened: Connection[] = [];

    before(async () => {
      proxy = await proxyFor(url, target.defaultPort);
    });
    afterEach(async () => {
      proxy.refuse(false);
      await Promise.all(opened.splice(0).map((c) => c.close().catch(() => undefined)));
    });
    after(async () => {
      await proxy.stop();
    });

    const via = (options: Record<string, string | number> = {}) => throughPorts(url, [proxy.port], { reconnectDelay: 50, maxReconnectDelay: 500, ...(target.heartbeat ?? {}), ...(target.options ?? {}), ...options });
    async function open(connectionUrl: string): Promise<Connection> {
      const connection = await createConnectionFactory(connectionUrl).createConnection();
      opened.push(connection);
      return connection;
    }

    it('carries a producer and a CLIENT_ACKNOWLEDGE consumer across three cuts: every message arrives, each duplicate flagged or a counted re-send', async () => {
      const connection = await open(via());
      const status = new StatusLog(connection);
      const errors: JMSException[] = [];
      connection.setExceptionListener((e) => errors.push(e));
      const queue = uniqueName('cuts');
      const sending = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
      const receiving = await connection.createSession(AcknowledgeMode.CLIENT_ACKNOWLEDGE);
      const producer = await sending.createProducer(sending.createQueue(queue));
      const consumer = await receiving.createConsumer(receiving.createQueue(queue));
      await connection.start();
      const total = 300;
      const seen = new Map<string, number>();
      let unflaggedDuplicates = 0;
      const consuming = (async () => {
        while (seen.size < total) {
          const message = await consumer.receive(30000);
          if (message === null) throw new Error(`nothing for 30 s with ${seen.size} of ${total} received`);
          const body = text(message)!;
          if (seen.has(body) && !message.getJMSRedelivered()) unflaggedDuplicates++;
          seen.set(body, (seen.get(body) ?? 0) + 1);
          await message.acknowledge();
          if (seen.size % 100 === 50 && seen.get(body) === 1) proxy.cut('reset');
        }
      })();
      for (let i = 0; i < total; i++) {
        await producer.send(sending.createTextMessage(`m${i}`));
        if (i === 120) proxy.cut('close');
      }
      await consuming;
      const stats = connection.getRecoveryStats();
      console.log(`      ${target.key}: ${seen.size} distinct, ${[...seen.values()].reduce((a, b) => a + b, 0) - seen.size} duplicates (${unflaggedDuplicates} unflagged), stats ${JSON.stringify(stats)}, downtimes ${status.events.filter((e) => e.type === 'reconnected').map((e) => e.downtimeMs).join(', ')} ms`);
      expect(seen.size).to.equal(total);
      expect(unflaggedDuplicates).to.be.at.most(stats.resentSends);
      expect(stats.reconnects).to.be.at.least(2);
      expect(status.count('disconnected')).to.be.at.least(2);
      expect(status.count('reconnected')).to.equal(stats.reconnects);
      expect(errors).to.deep.equal([]);
    });

    it('pauses a message listener during the loss and resumes it after, one message at a time, in order', async () => {
      const queue = uniqueName('listener');
      const connection = await open(via());
      const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
      const producer = await session.createProducer(session.createQueue(queue));
      const total = 100;
      for (let i = 0; i < total; i++) await producer.send(session.createTextMessage(String(i)));
      const consumer = await session.createConsumer(session.createQueue(queue));
      const firstTimes: number[] = [];
      const seen = new Set<number>();
      let running = 0;
      let overlapped = false;
      let cut = false;
      const done = new Promise<void>((resolve) => {
        consumer.setMessageListener(async (message) => {
          running++;
          if (running > 1) overlapped = true;
          const n = Number(text(message));
          if (!seen.has(n)) firstTimes.push(n);
          seen.add(n);
          if (n === 30 && !cut) {
            cut = true;
            proxy.cut();
          }
          await new Promise((r) => setImmediate(r));
          running--;
          if (seen.size === total) resolve();
        });
      });
      await connection.start();
      await done;
      expect(overlapped).to.equal(false);
      expect(firstTimes).to.deep.equal([...firstTimes].sort((a, b) => a - b));
      expect(firstTimes).to.have.length(total);
      expect(connection.getRecoveryStats().reconnects).to.be.at.least(1);
    });

    it('acknowledging a message from before the loss acknowledges nothing delivered after it', async () => {
      const queue = uniqueName('stale');
      const connection = await open(via());
      const status = new StatusLog(connection);
      const session = await connection.createSession(AcknowledgeMode.CLIENT_ACKNOWLEDGE);
      const producer = await session.createProducer(session.createQueue(queue));
      for (const body of ['a', 'b', 'c']) await producer.send(session.createTextMessage(body));
      const consumer = await session.createConsumer(session.createQueue(queue));
      await connection.start();
      const stale = await consumer.receive(10000);
      expect(text(stale)).to.equal('a');
      const back = status.next('reconnected');
      proxy.cut();
      await back;
      const again = await consumer.receive(10000);
      expect(text(again)).to.equal('a');
      expect(again!.getJMSRedelivered()).to.equal(true);
      await stale!.acknowledge(); // from the old link: acknowledges nothing
      await connection.close();
      const check = await open(url);
      const checking = await check.createSession(AcknowledgeMode.CLIENT_ACKNOWLEDGE);
      const reader = await checking.createConsumer(checking.createQueue(queue));
      await check.start();
      const left = [];
      for (let m = await reader.receive(10000); m !== null; m = await reader.receive(1000)) left.push(text(m));
      expect(left).to.deep.equal(['a', 'b', 'c']);
      await checking.acknowledge();
    });

    it('rolls back a transaction that had work at the loss: commit() throws TransactionRolledBackException and the message comes back', async () => {
      const queue = uniqueName('tx');
      const connection = await open(via());
      const status = new StatusLog(connection);
      const session = await connection.createSession(AcknowledgeMode.SESSION_TRANSACTED);
      const producer = await session.createProducer(session.createQueue(queue));
      await producer.send(session.createTextMessage('work'));
      await session.commit();
      const consumer = await session.createConsumer(session.createQueue(queue));
      await connection.start();
      expect(text(await consumer.receive(10000))).to.equal('work');
      await producer.send(session.createTextMessage('discarded'));
      const back = status.next('reconnected');
      proxy.cut();
      await back;
      const failure = await session.commit().then(() => null, (e: unknown) => e);
      expect(failure).to.be.instanceOf(TransactionRolledBackException);
      const again = await consumer.receive(10000);
      expect(text(again)).to.equal('work');
      expect(again!.getJMSRedelivered()).to.equal(true);
      await session.commit();
      expect(await consumer.receive(1000)).to.equal(null); // the send of the rolled-back transaction is gone
    });

    it('holds sends made while the broker is unreachable and delivers them once it is back', async () => {
      const queue = uniqueName('held');
      const connection = await open(via());
      const status = new StatusLog(connection);
      const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
      const producer = await session.createProducer(session.createQueue(queue));
      const consumer = await session.createConsumer(session.createQueue(queue));
      await connection.start();
      proxy.refuse(true);
      const retrying = status.next('reconnecting').then(() => status.next('reconnecting'));
      proxy.cut();
      const sent = producer.send(session.createTextMessage('held'));
      await retrying; // a second attempt: the first was refused
      proxy.refuse(false);
      await sent;
      expect(text(await consumer.receive(10000))).to.equal('held');
      expect(status.events.some((e) => e.type === 'reconnecting' && e.error !== null)).to.equal(true);
    });

    it('gives up after reconnectTimeout: the ExceptionListener hears CONNECTION_LOST and a waiting send fails', async () => {
      const connection = await open(via({ reconnectTimeout: 800 }));
      const status = new StatusLog(connection);
      const heard = new Promise<JMSException>((resolve) => connection.setExceptionListener(resolve));
      const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
      const producer = await session.createProducer(session.createQueue(uniqueName('gone')));
      proxy.refuse(true);
      proxy.cut();
      const sent = producer.send(session.createTextMessage('never')).then(() => null, (e: unknown) => e);
      const error = await heard;
      expect(error.code).to.equal(ErrorCode.CONNECTION_LOST);
      expect(error.message).to.match(/reconnectTimeout/);
      expect(await sent).to.be.instanceOf(JMSException);
      expect(status.count('failed')).to.equal(1);
    });

    for (const reconnect of [true, false]) {
      it(`finishes close() right after a cut while a CLIENT_ACKNOWLEDGE consumer receives and acknowledges in a loop (reconnect=${reconnect})`, async () => {
        const queue = uniqueName('close');
        const feeder = await open(url);
        const feeding = await feeder.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
        const producer = await feeding.createProducer(feeding.createQueue(queue));
        for (let i = 0; i < 500; i++) await producer.send(feeding.createTextMessage(`m${i}`));
        const connection = await open(via({ reconnect: String(reconnect), prefetch: 50 }));
        connection.setExceptionListener(() => undefined);
        const session = await connection.createSession(AcknowledgeMode.CLIENT_ACKNOWLEDGE);
        const consumer = await session.createConsumer(session.createQueue(queue));
        await connection.start();
        let received = 0;
        const loop = (async () => {
          for (;;) {
            const message = await consumer.receive(2000);
            if (message === null) return;
            await message.acknowledge();
            if (++received === 100) proxy.cut();
          }
        })().catch(() => undefined);
        await proxy.waitForConnections(1);
        while (received < 100) await new Promise((resolve) => setImmediate(resolve));
        await connection.close(); // the test's timeout fails it if this never resolves
        await loop;
      });
    }

    if (target.heartbeat !== null) {
      it('treats a stalled link as lost (heartbeats) and reconnects', async () => {
        const connection = await open(via());
        const status = new StatusLog(connection);
        const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
        const queue = uniqueName('stall');
        const producer = await session.createProducer(session.createQueue(queue));
        const consumer = await session.createConsumer(session.createQueue(queue));
        await connection.start();
        const lost = status.next('disconnected');
        const back = status.next('reconnected');
        proxy.stall();
        const event = await lost;
        expect(event.error).to.be.instanceOf(JMSException);
        await back;
        await producer.send(session.createTextMessage('after the stall'));
        expect(text(await consumer.receive(10000))).to.equal('after the stall');
      });
    }
  });
}

describeWithBroker('rabbitmqAmqp', 'failover across a host list (amqp)', (url) => {
  it('starts on the second host while the first is down, and moves back to the first when the second goes down', async () => {
    const first = await proxyFor(url, 5672);
    const second = await proxyFor(url, 5672);
    try {
      first.refuse(true);
      const connection = await createConnectionFactory(throughPorts(url, [first.port, second.port], { reconnectDelay: 50 })).createConnection();
      const status = new StatusLog(connection);
      try {
        expect(second.openConnections).to.be.greaterThan(0);
        const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
        const queue = uniqueName('failover');
        const producer = await session.createProducer(session.createQueue(queue));
        const consumer = await session.createConsumer(session.createQueue(queue));
        await connection.start();
        await producer.send(session.createTextMessage('on the second host'));
        expect(text(await consumer.receive(10000))).to.equal('on the second host');
        first.refuse(false);
        second.refuse(true);
        const back = status.next('reconnected');
        second.cut();
        const event = await back;
        expect(event.host).to.equal(`127.0.0.1:${first.port}`);
        await producer.send(session.createTextMessage('on the first host'));
        let next = await consumer.receive(10000);
        // The first message's acknowledgement may have been lost with the cut: it then comes back, flagged.
        if (text(next) === 'on the second host' && next!.getJMSRedelivered()) next = await consumer.receive(10000);
        expect(text(next)).to.equal('on the first host');
        expect(first.openConnections).to.be.greaterThan(0);
      } finally {
        await connection.close();
      }
    } finally {
      await first.stop();
      await second.stop();
    }
  });
});
