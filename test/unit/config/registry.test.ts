import { expect } from 'chai';
import {
  createConnectionFactory,
  ErrorCode,
  FeatureNotSupportedException,
  JMSException,
  registerProvider,
  resolveProvider,
  type ProviderDescriptor,
} from '../../../src/index.js';
import { resolveProviderConfig } from '../../../src/config/index.js';
import { MEMORY_CAPABILITIES } from '../../../adapters/memory/capabilities.js';
import type { ProviderConnection, ProviderSession } from '../../../src/spi/public.js';

async function rejection(promise: Promise<unknown>): Promise<JMSException> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).to.be.instanceOf(JMSException);
  return error as JMSException;
}

/** A provider whose connections and sessions do nothing; sessions lack browse/commit/rollback. */
function bareDescriptor(scheme: string, capabilities = MEMORY_CAPABILITIES): ProviderDescriptor {
  const session = { send: async () => {}, subscribe: async () => ({ close: async () => {} }), acknowledge: async () => {}, close: async () => {} } as ProviderSession;
  const connection = {
    setClientId: async () => {},
    createSession: async () => session,
    createTemporaryDestination: async () => { throw new Error('unused'); },
    deleteTemporaryDestination: async () => {},
    unsubscribe: async () => {},
    close: async () => {},
  } as ProviderConnection;
  return {
    schemes: [scheme],
    options: [],
    describe: () => ({ adapter: scheme, capabilities }),
    load: async () => ({ createProvider: () => ({ adapter: scheme, capabilities, connect: async () => connection }) }),
  };
}

describe('scheme registry and configuration', () => {
  it('names the npm package to install when an adapter\'s client library is missing', async () => {
    registerProvider({
      schemes: ['nolib'],
      clientLibraries: ['jms-ts-no-such-client-library'],
      options: [],
      describe: () => ({ adapter: 'nolib', capabilities: MEMORY_CAPABILITIES }),
      // @ts-expect-error: the package does not exist, which is the point
      load: () => import('jms-ts-no-such-client-library'),
    });
    expect(resolveProvider('nolib://x').capabilities).to.equal(MEMORY_CAPABILITIES); // known before loading
    const factory = createConnectionFactory('nolib://x');
    const error = await rejection(factory.createConnection());
    expect(error.code).to.equal(ErrorCode.CLIENT_LIBRARY_MISSING);
    expect(error.message).to.contain('npm install jms-ts-no-such-client-library');
  });

  it('refuses a session that lacks a method its declared capabilities require', async () => {
    registerProvider(bareDescriptor('nobrowse'));
    const connection = await createConnectionFactory('nobrowse://x').createConnection();
    const error = await rejection(connection.createSession());
    expect(error.message).to.match(/ProviderSession lacks commit, rollback, browse/);
    await connection.close();
  });

  it('accepts the same session when the capabilities say those features are unsupported or emulated', async () => {
    registerProvider(bareDescriptor('bare', { ...MEMORY_CAPABILITIES, browsing: 'unsupported', transactions: 'emulated' }));
    const connection = await createConnectionFactory('bare://x').createConnection();
    await connection.createSession();
    await connection.close();
  });

  it('refuses a descriptor whose capability values are not Support values', () => {
    registerProvider(bareDescriptor('oddcaps', { ...MEMORY_CAPABILITIES, browsing: 'sometimes' as 'native' }));
    expect(() => resolveProvider('oddcaps://x')).to.throw(JMSException, /capability browsing is "sometimes"/);
  });

  it('refuses a second registration of a taken scheme', () => {
    expect(() => registerProvider(bareDescriptor('memory'))).to.throw(JMSException, /already registered/);
  });

  it('refuses unknown configuration keys, listing the known ones', () => {
    expect(() => createConnectionFactory({ url: 'memory://', clientID: 'x' } as never))
      .to.throw(JMSException, /Unknown configuration key "clientID". Known keys: url, username, password, clientId, options/)
      .with.property('code', ErrorCode.INVALID_CONFIGURATION);
  });

  it('parses options into typed values with defaults', () => {
    const config = resolveProviderConfig({ url: 'kafka://h:9092?sessionTimeout=7000', options: { prefetch: 5 } });
    expect(config.options).to.include({ sessionTimeout: 7000, transactionTimeout: 60000, prefetch: 5 });
    expect(resolveProviderConfig('amqp://h').options).to.include({ connectTimeout: 10000, heartbeat: 10 });
  });

  it('refuses out-of-range, malformed and unknown options with the known names', () => {
    expect(() => resolveProviderConfig('memory://?prefetch=0')).to.throw(JMSException, /prefetch must be an integer >= 1/);
    expect(() => resolveProviderConfig('amqp://h?heartbeat=-1')).to.throw(JMSException, /heartbeat must be an integer >= 0/);
    expect(() => resolveProviderConfig('kafka://h?sessionTimeout=ten')).to.throw(JMSException, /sessionTimeout must be an integer >= 1 \(ms\)/);
    expect(() => resolveProviderConfig('amqp://h?heartbeet=1')).to.throw(JMSException, /Unknown option "heartbeet".*Known options: clientId, connectTimeout, deadLetterQueue, heartbeat, maxFrameSize, maxReconnectDelay, maxRedeliveries, maxRedeliveryDelay, prefetch, randomize, reconnect, reconnectDelay, reconnectTimeout, redeliveryBackoff, redeliveryDelay, tls, tlsCa/);
  });

  it('refuses an option meant for another scheme of the same adapter as unsupported', () => {
    expect(() => resolveProviderConfig('stomp+rabbitmq://h?transformation=jms-json')).to.throw(FeatureNotSupportedException);
  });
});
