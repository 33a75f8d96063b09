import { expect } from 'chai';
import { destinationOf, type Destination } from '../../src/api/destination.js';
import { resolveProvider } from '../../src/index.js';
import type { Delivery, Envelope } from '../../src/spi/envelope.js';
import type { ProviderConnection, ProviderSession } from '../../src/spi/provider.js';
import { describeWithBroker, uniqueName, type BrokerKey } from '../support/brokers.js';

/**
 * Native STOMP transactions at the SPI, where the client layer's own bookkeeping cannot hide an
 * adapter's mistake: an ACK that ABORT undid must go out again with the next COMMIT.
 */
function envelope(text: string): Envelope {
  const now = Date.now();
  return {
    messageId: `ID:${uniqueName('tx')}`, correlationId: null, replyTo: null, type: null, persistent: true, priority: 4,
    timestamp: now, expiration: 0, deliveryTime: now, bodyKind: 'text', contentType: 'text/plain; charset=utf-8',
    properties: new Map(), body: Buffer.from(text, 'utf8'), connectionId: null,
  };
}

/** A subscription whose deliveries can be awaited one at a time. */
async function subscribe(session: ProviderSession, queue: Destination) {
  const arrived: Delivery[] = [];
  const waiters: ((delivery: Delivery) => void)[] = [];
  await session.subscribe(
    { destination: queue, selector: null, definedSelector: null, noLocal: false, durable: false, shared: false, subscriptionName: null, clientId: null, prefetch: 1000 },
    {
      deliver: (delivery) => (waiters.length > 0 ? waiters.shift()!(delivery) : arrived.push(delivery)),
      fail: (error) => { throw error; },
    },
  );
  return {
    next(timeout = 5000): Promise<Delivery | null> {
      const ready = arrived.shift();
      if (ready) return Promise.resolve(ready);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(take), 1);
          resolve(null);
        }, timeout);
        const take = (delivery: Delivery) => {
          clearTimeout(timer);
          resolve(delivery);
        };
        waiters.push(take);
      });
    },
  };
}

const text = (delivery: Delivery | null) => (delivery ? Buffer.from(delivery.envelope.body).toString('utf8') : null);

for (const key of ['activemqStomp', 'rabbitmqStomp'] as BrokerKey[]) {
  describeWithBroker(key, `stomp adapter transactions (${key === 'activemqStomp' ? 'ActiveMQ' : 'RabbitMQ'})`, (url) => {
    const open: ProviderConnection[] = [];
    const connect = async () => {
      const connection = await resolveProvider(url).connect({ connectionId: uniqueName('c'), clientId: null, onConnectionLost: () => undefined });
      open.push(connection);
      return connection;
    };
    afterEach(async () => {
      await Promise.all(open.splice(0).map((connection) => connection.close()));
    });
    /** A queue holding one message, and a transacted session subscribed to it. */
    const oneMessageInTx = async (label: string, body: string) => {
      const connection = await connect();
      const queue = destinationOf('queue', uniqueName(label));
      await (await connection.createSession({ transacted: false })).send(queue, envelope(body));
      const tx = await connection.createSession({ transacted: true });
      return { connection, queue, tx, consumer: await subscribe(tx, queue) };
    };
    /** What a fresh connection's consumer finds on the queue. */
    const afresh = async (queue: Destination) => subscribe(await (await connect()).createSession({ transacted: false }), queue);

    it('declares native transactions', () => {
      expect(resolveProvider(url).capabilities.transactions).to.equal('native');
    });

    it('sends again, with the next commit, an ACK that a rollback undid', async () => {
      const { connection, queue, tx, consumer } = await oneMessageInTx('tx-ack', 'one');
      const first = (await consumer.next())!;
      await tx.acknowledge([first]);
      await tx.rollback!();
      await tx.acknowledge([first]);
      await tx.commit!();
      await connection.close();
      expect(text(await (await afresh(queue)).next(500))).to.equal(null);
    });

    it('has every send of a committed transaction on the queue when commit resolves', async () => {
      const connection = await connect();
      const tx = await connection.createSession({ transacted: true });
      const queue = destinationOf('queue', uniqueName('tx-batch'));
      const count = 200;
      await Promise.all(Array.from({ length: count }, (_, i) => tx.send(queue, envelope(`m${i}`))));
      await tx.commit!();
      const consumer = await afresh(queue);
      const received: (string | null)[] = [];
      for (let i = 0; i < count; i++) received.push(text(await consumer.next()));
      expect(received).to.deep.equal(Array.from({ length: count }, (_, i) => `m${i}`));
    });

    it('rolls back an open transaction when the connection closes: its sends vanish, its acks are undone', async () => {
      const { connection, queue, tx, consumer } = await oneMessageInTx('tx-close', 'received');
      await tx.acknowledge([(await consumer.next())!]);
      await tx.send(queue, envelope('never'));
      await connection.close();
      const again = await afresh(queue);
      expect(text(await again.next())).to.equal('received');
      expect(text(await again.next(500))).to.equal(null);
    });
  });
}
