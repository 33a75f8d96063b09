import { expect } from 'chai';
import type { StompConnection } from '../../adapters/stomp/connection.js';
import { StompProvider } from '../../adapters/stomp/provider.js';
import { resolveProviderConfig } from '../../src/config/index.js';
import { ErrorCode, JMSException } from '../../src/index.js';
import { describeWithBroker, uniqueName, type BrokerKey } from '../support/brokers.js';

/**
 * Sends outside a transaction share one receipt per burst. A failed SEND without a receipt gets an
 * ERROR without `receipt-id` and the connection stays open (BROKERS.md), so the later receipt of
 * the burst must not confirm it: every send since the last receipt fails. On RabbitMQ the
 * connection goes on; on ActiveMQ, whose message ids jms-ts predicts by counting SENDs
 * (message-ids.ts), a refused SEND would make the count drift, so the adapter ends the connection.
 */
for (const key of ['activemqStomp', 'rabbitmqStomp'] as BrokerKey[]) {
  describeWithBroker(key, `stomp coalesced receipts (${key})`, (url) => {
    let connection: StompConnection;
    let lost: JMSException | null;
    let lostReported: Promise<void>;

    beforeEach(async () => {
      lost = null;
      let reported!: () => void;
      lostReported = new Promise((resolve) => (reported = resolve));
      // The adapter's own connection, not the client layer's checked wrapper: the test sends raw frames.
      const provider = new StompProvider(resolveProviderConfig(url));
      connection = (await provider.connect({ connectionId: uniqueName('receipts'), clientId: null, onConnectionLost: (error) => ((lost = error), reported()) })) as StompConnection;
    });
    afterEach(() => connection.close());

    const body = Buffer.from('hello');
    const settle = (sent: Promise<void>) => sent.then(() => 'confirmed', (error: unknown) => error);

    it('confirms a burst of sends with one receipt', async () => {
      const destination = `/queue/${uniqueName('burst')}`;
      const sent = Array.from({ length: 2500 }, (_, i) => settle(connection.send({ destination, 'content-type': 'text/plain', seq: String(i) }, body)));
      expect(new Set(await Promise.all(sent))).to.deep.equal(new Set(['confirmed']));
    });

    it(`fails every send since the last receipt when the broker refuses one of them${key === 'activemqStomp' ? ', then ends the connection' : ', and stays open'}`, async () => {
      const destination = `/queue/${uniqueName('refused')}`;
      const before = await settle(connection.send({ destination, 'content-type': 'text/plain' }, body));
      // One burst: a good send, one without a destination (refused), another good one that carries the receipt.
      const burst = [
        settle(connection.send({ destination, 'content-type': 'text/plain' }, body)),
        settle(connection.send({ 'content-type': 'text/plain' }, body)),
        settle(connection.send({ destination, 'content-type': 'text/plain' }, body)),
      ];
      const outcomes = await Promise.all(burst);
      expect(before).to.equal('confirmed');
      for (const outcome of outcomes) {
        expect(outcome).to.be.instanceOf(JMSException);
        expect((outcome as JMSException).code).to.equal(ErrorCode.BROKER_ERROR);
      }
      if (key === 'activemqStomp') {
        await lostReported;
        expect(lost!.code).to.equal(ErrorCode.CONNECTION_LOST);
        return;
      }
      // The connection is still usable: a later send is confirmed by its own receipt.
      expect(await settle(connection.send({ destination, 'content-type': 'text/plain' }, body))).to.equal('confirmed');
      expect(lost).to.equal(null);
      expect(connection.isOpen).to.equal(true);
    });
  });
}
