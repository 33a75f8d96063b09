import { expect } from 'chai';
import { AcknowledgeMode } from '../../../src/api/constants.js';
import { destinationOf } from '../../../src/api/destination.js';
import { ErrorCode } from '../../../src/api/error-codes.js';
import type { JMSException } from '../../../src/api/exceptions.js';
import type { MessageConsumer } from '../../../src/api/connection.js';
import { messageToEnvelope } from '../../../src/codec/index.js';
import { JmsTextMessage } from '../../../src/message/index.js';
import type { Destination } from '../../../src/api/destination.js';
import type { Envelope } from '../../../src/spi/envelope.js';
import type { ProviderConnection } from '../../../src/spi/provider.js';
import { ALL_NATIVE, RecordingProvider, deliveryOf } from './recording-provider.js';

/** A recording provider whose sends to the dead-letter queue can be held or refused. */
class FaultyProvider extends RecordingProvider {
  refuseDeadLetters = false;

  override async connect(): Promise<ProviderConnection> {
    const connection = await super.connect();
    const createSession = connection.createSession.bind(connection);
    const provider = this;
    connection.createSession = async (options) => {
      const session = await createSession(options);
      const send = session.send.bind(session);
      session.send = async (destination: Destination, envelope: Envelope) => {
        await new Promise((resolve) => setTimeout(resolve, 10)); // the broker's confirmation takes a while
        if (provider.refuseDeadLetters && destination.name.startsWith('DLQ.')) throw new Error('queue full');
        await send(destination, envelope);
      };
      return session;
    };
    return connection;
  }
}

const queue = destinationOf('queue', 'orders');

async function setUp(provider: RecordingProvider, mode: AcknowledgeMode) {
  const connection = await provider.factory().createConnection();
  const reports: JMSException[] = [];
  connection.setExceptionListener((error) => void reports.push(error));
  const session = await connection.createSession(mode);
  const consumer: MessageConsumer = await session.createConsumer(queue);
  consumer.setRedeliveryPolicy({ maxRedeliveries: 1, redeliveryDelay: 0 });
  const message = new JmsTextMessage('poison');
  message.setJMSMessageID('ID:poison');
  provider.sinks[0].sink.deliver(deliveryOf(messageToEnvelope(message), queue));
  await connection.start();
  return { connection, session, consumer, reports };
}

function waitFor(check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const poll = () => (check() ? resolve() : setTimeout(poll, 5));
    poll();
  });
}

describe('dead-lettering (no broker)', () => {
  it('acknowledges the original only after the dead-letter copy was confirmed', async () => {
    const provider = new FaultyProvider();
    const { connection, consumer, reports } = await setUp(provider, AcknowledgeMode.AUTO_ACKNOWLEDGE);
    consumer.setMessageListener(() => {
      throw new Error('always');
    });
    await waitFor(() => reports.length > 0);
    const ops = provider.calls.filter((c) => c.op === 'send' || c.op === 'acknowledge');
    expect(ops.map((c) => (c.op === 'send' ? `send ${c.destination}` : c.op))).to.deep.equal(['send DLQ.orders', 'acknowledge']);
    expect(reports[0].code).to.equal(ErrorCode.MESSAGE_DEAD_LETTERED);
    await connection.close();
  });

  it('keeps the message unacknowledged and delivers it again when the dead-letter send fails', async () => {
    const provider = new FaultyProvider();
    provider.refuseDeadLetters = true;
    const { connection, consumer, reports } = await setUp(provider, AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const counts: number[] = [];
    consumer.setMessageListener((m) => {
      counts.push(m.getIntProperty('JMSXDeliveryCount'));
      throw new Error('always');
    });
    await waitFor(() => counts.length >= 3); // the third after DEAD_LETTER_RETRY_DELAY
    expect(reports[0].code).to.equal(ErrorCode.DEAD_LETTER_FAILED);
    expect(reports[0].message).to.contain('queue full');
    expect(provider.ops()).to.not.include('acknowledge');
    expect(counts.slice(0, 3)).to.deep.equal([1, 2, 3]);
    provider.refuseDeadLetters = false;
    await waitFor(() => reports.some((r) => r.code === ErrorCode.MESSAGE_DEAD_LETTERED));
    await connection.close();
  });

  it('moves a rolled-back message in its own transaction: send, acknowledge, commit', async () => {
    const provider = new FaultyProvider();
    const { connection, session, consumer, reports } = await setUp(provider, AcknowledgeMode.SESSION_TRANSACTED);
    expect((await consumer.receive(1000))?.getIntProperty('JMSXDeliveryCount')).to.equal(1);
    await session.rollback();
    expect((await consumer.receive(1000))?.getIntProperty('JMSXDeliveryCount')).to.equal(2);
    const before = provider.calls.length;
    await session.rollback();
    const ops = provider.calls.slice(before).map((c) => (c.op === 'send' ? `send ${c.destination}` : c.op));
    expect(ops).to.deep.equal(['rollback', 'send DLQ.orders', 'acknowledge', 'commit']);
    expect(reports.map((r) => r.code)).to.deep.equal([ErrorCode.MESSAGE_DEAD_LETTERED]);
    await connection.close();
  });

  it('sends, then acknowledges where transactions are emulated', async () => {
    const provider = new FaultyProvider({ ...ALL_NATIVE, transactions: 'emulated' });
    const { connection, session, consumer } = await setUp(provider, AcknowledgeMode.SESSION_TRANSACTED);
    await consumer.receive(1000);
    await session.rollback();
    await consumer.receive(1000);
    const before = provider.calls.length;
    await session.rollback();
    const ops = provider.calls.slice(before).map((c) => (c.op === 'send' ? `send ${c.destination}` : c.op));
    expect(ops).to.deep.equal(['send DLQ.orders', 'acknowledge']);
    await connection.close();
  });

  it('close() waits for a dead-letter move in flight before closing the provider session', async () => {
    const provider = new FaultyProvider();
    const { connection, session, consumer } = await setUp(provider, AcknowledgeMode.CLIENT_ACKNOWLEDGE);
    await consumer.receive(1000);
    await session.recover();
    await consumer.receive(1000);
    const recovering = session.recover();
    await session.close();
    await recovering;
    const ops = provider.ops();
    expect(ops.indexOf('acknowledge')).to.be.greaterThan(-1);
    expect(ops.indexOf('acknowledge')).to.be.lessThan(ops.indexOf('close'));
    await connection.close();
  });
});
