import { expect } from 'chai';
import { AcknowledgeMode, ErrorCode, JMSException, type ConnectionStatus } from '../../../src/index.js';
import { ClientConnectionFactory, DEFAULT_RECONNECT } from '../../../src/client/index.js';
import type { ProviderConnectOptions, ProviderConnection } from '../../../src/spi/provider.js';
import { deliveryOf, RecordingProvider } from './recording-provider.js';
import { messageToEnvelope } from '../../../src/codec/index.js';

/** A recording provider that keeps each connect's options, so a test can report a loss or a block. */
class LinkProvider extends RecordingProvider {
  readonly links: ProviderConnectOptions[] = [];
  override async connect(options?: ProviderConnectOptions): Promise<ProviderConnection> {
    this.links.push(options!);
    return super.connect();
  }
}

async function nextEvents(iterator: AsyncIterator<ConnectionStatus>, count: number): Promise<string[]> {
  const types = [];
  for (let i = 0; i < count; i++) types.push((await iterator.next()).value.type as string);
  return types;
}

describe('reconnect in the client layer (recording provider)', () => {
  it('re-creates a durable subscription with its selector on the next host after a loss, and reports the steps', async () => {
    const provider = new LinkProvider();
    const hosts = [{ host: 'a', port: 1 }, { host: 'b', port: 2 }];
    const factory = new ClientConnectionFactory(provider, { hosts, reconnect: { ...DEFAULT_RECONNECT, reconnectDelay: 1 }, clientId: 'c1' });
    const connection = await factory.createConnection();
    const status = connection.status()[Symbol.asyncIterator]();
    const session = await connection.createSession(AcknowledgeMode.CLIENT_ACKNOWLEDGE);
    await session.createDurableConsumer(session.createTopic('news'), 'sub', "kind = 'x'");
    expect(provider.links.map((link) => link.host)).to.deep.equal([hosts[0]]);
    provider.links[0]!.onConnectionLost(new JMSException('cut', ErrorCode.CONNECTION_LOST));
    expect(await nextEvents(status, 3)).to.deep.equal(['disconnected', 'reconnecting', 'reconnected']);
    expect(provider.links.map((link) => link.host)).to.deep.equal(hosts);
    expect(provider.links[1]!.clientId).to.equal('c1');
    const specs = provider.sinks.map((entry) => entry.spec);
    expect(specs).to.have.length(2);
    expect(specs[1]).to.deep.equal(specs[0]);
    expect(specs[1]).to.include({ durable: true, subscriptionName: 'sub', selector: "kind = 'x'" });
    expect(connection.getRecoveryStats()).to.include({ losses: 1, reconnects: 1 });
    await connection.close();
  });

  it('reports the broker blocking and unblocking publishers as status events', async () => {
    const provider = new LinkProvider();
    for (const reconnect of [true, false]) {
      const connection = await new ClientConnectionFactory(provider, { reconnect: { ...DEFAULT_RECONNECT, reconnect } }).createConnection();
      const status = connection.status()[Symbol.asyncIterator]();
      const link = provider.links[provider.links.length - 1]!;
      link.onBlocked!(true, 'low on memory');
      link.onBlocked!(false, null);
      const blocked = (await status.next()).value as ConnectionStatus;
      expect(blocked).to.include({ type: 'blocked', reason: 'low on memory' });
      expect(((await status.next()).value as ConnectionStatus).type).to.equal('unblocked');
      await connection.close();
    }
  });

  it('acknowledging a message of the old link acknowledges nothing, not even a message delivered after the loss', async () => {
    const provider = new LinkProvider();
    const connection = await new ClientConnectionFactory(provider, { reconnect: { ...DEFAULT_RECONNECT, reconnectDelay: 1 } }).createConnection();
    const status = connection.status()[Symbol.asyncIterator]();
    const session = await connection.createSession(AcknowledgeMode.CLIENT_ACKNOWLEDGE);
    const consumer = await session.createConsumer(session.createQueue('q'));
    await connection.start();
    const message = session.createTextMessage('before the loss');
    message.setJMSMessageID('ID:1');
    provider.sinks[0]!.sink.deliver(deliveryOf(messageToEnvelope(message), session.createQueue('q')));
    const stale = await consumer.receive(1000);
    expect(stale).to.not.equal(null);
    provider.links[0]!.onConnectionLost(new JMSException('cut', ErrorCode.CONNECTION_LOST));
    await nextEvents(status, 3);
    const after = session.createTextMessage('after the loss');
    after.setJMSMessageID('ID:2');
    provider.sinks[1]!.sink.deliver(deliveryOf(messageToEnvelope(after), session.createQueue('q')));
    const fresh = await consumer.receive(1000);
    const acks = () => provider.calls.filter((call) => call.op === 'acknowledge');
    const before = acks().length;
    await stale!.acknowledge(); // from the old link: acknowledges neither itself nor the message after the loss
    expect(acks().length).to.equal(before);
    await fresh!.acknowledge();
    const last = acks().at(-1) as { deliveries: readonly { envelope: { messageId: string } }[] };
    expect(last.deliveries.map((d) => d.envelope.messageId)).to.deep.equal(['ID:2']);
    await connection.close();
  });
});
