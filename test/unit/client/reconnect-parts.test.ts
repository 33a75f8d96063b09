import { expect } from 'chai';
import { ErrorCode, JMSException, type ConnectionStatus } from '../../../src/index.js';
import { connectToFirst, isLoss } from '../../../src/client/recovery/link.js';
import { backoffDelay, DEFAULT_RECONNECT, hostLabel, hostOrder } from '../../../src/client/recovery/settings.js';
import { StatusStream } from '../../../src/client/recovery/status-stream.js';
import type { ProviderConnection } from '../../../src/spi/provider.js';
import { createConnectionFactory } from '../../../src/index.js';
import { resolveProviderConfig } from '../../../src/config/index.js';

const event = (type: ConnectionStatus['type']): ConnectionStatus => ({ type, host: 'h:1', attempt: 0, error: null, time: 0 });

describe('reconnect parts', () => {
  it('backs off exponentially from reconnectDelay and stops growing at maxReconnectDelay', () => {
    const settings = { ...DEFAULT_RECONNECT, reconnectDelay: 100, maxReconnectDelay: 1000 };
    expect([1, 2, 3, 4, 5, 6, 40].map((attempt) => backoffDelay(settings, attempt))).to.deep.equal([100, 200, 400, 800, 1000, 1000, 1000]);
  });

  it('keeps the hosts in the order given unless randomize shuffles them', () => {
    const hosts = [1, 2, 3, 4].map((port) => ({ host: 'h', port }));
    expect(hostOrder(hosts, false)).to.deep.equal(hosts);
    const shuffled = hostOrder(hosts, true, () => 0); // always swap with the first: a fixed permutation
    expect(shuffled).to.have.deep.members(hosts);
    expect(shuffled).to.not.deep.equal(hosts);
    expect(hostLabel({ host: '::1', port: 5672 })).to.equal('[::1]:5672');
    expect(hostLabel(undefined)).to.equal('');
  });

  it('connects to the first host that answers, and fails with the last error when none does', async () => {
    const tried: number[] = [];
    const connection = {} as ProviderConnection;
    const result = await connectToFirst([{ host: 'a', port: 1 }, { host: 'b', port: 2 }, { host: 'c', port: 3 }], async (host) => {
      tried.push(host!.port!);
      if (host!.port! < 2) throw new JMSException('down', ErrorCode.BROKER_UNAVAILABLE);
      return connection;
    });
    expect(tried).to.deep.equal([1, 2]);
    expect(result).to.deep.equal({ connection, index: 1 });
    const failure = await connectToFirst([{ host: 'a', port: 1 }, { host: 'b', port: 2 }], async (host) => {
      throw new JMSException(`down ${host!.port}`, ErrorCode.BROKER_UNAVAILABLE);
    }).then(() => null, (e: unknown) => e);
    expect((failure as Error).message).to.equal('down 2');
    expect(isLoss(failure)).to.equal(true);
    expect(isLoss(new JMSException('refused', ErrorCode.ACCESS_REFUSED))).to.equal(false);
  });

  it('gives every status reader the events after it started reading, and ends them when the stream ends', async () => {
    const stream = new StatusStream();
    stream.emit(event('blocked')); // before anyone reads: nobody sees it
    const first = stream.iterate()[Symbol.asyncIterator]();
    stream.emit(event('disconnected'));
    const second = stream.iterate()[Symbol.asyncIterator]();
    stream.emit(event('reconnected'));
    stream.end();
    const read = async (iterator: AsyncIterator<ConnectionStatus>) => {
      const types = [];
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) types.push(next.value.type);
      return types;
    };
    expect(await read(first)).to.deep.equal(['disconnected', 'reconnected']);
    expect(await read(second)).to.deep.equal(['reconnected']);
    expect(await read(stream.iterate()[Symbol.asyncIterator]())).to.deep.equal([]);
  });

  it('parses the reconnect options, and refuses bad ones', () => {
    const options = resolveProviderConfig('memory://?reconnect=false&reconnectDelay=5&maxReconnectDelay=50&reconnectTimeout=0&randomize=true').options;
    expect(options).to.include({ reconnect: false, reconnectDelay: 5, maxReconnectDelay: 50, reconnectTimeout: 0, randomize: true });
    expect(resolveProviderConfig('memory://').options).to.include({ reconnect: true, reconnectDelay: 100, maxReconnectDelay: 5000, reconnectTimeout: 60000, randomize: false });
    expect(() => createConnectionFactory('memory://?reconnect=sometimes')).to.throw(JMSException, /reconnect must be true or false/);
    expect(() => createConnectionFactory('memory://?reconnectDelay=0')).to.throw(JMSException, /reconnectDelay must be an integer >= 1/);
  });

  it('ends a connection\'s status iterators when it closes, with reconnect on and off', async () => {
    for (const url of ['memory://status', 'memory://status?reconnect=false']) {
      const connection = await createConnectionFactory(url).createConnection();
      const events = (async () => {
        const seen = [];
        for await (const e of connection.status()) seen.push(e);
        return seen;
      })();
      expect(connection.getRecoveryStats()).to.deep.equal({ losses: 0, reconnects: 0, resentSends: 0 });
      await connection.close();
      expect(await events).to.deep.equal([]);
    }
  });
});
