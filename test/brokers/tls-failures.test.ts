import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { expect } from 'chai';
import { AcknowledgeMode, JMSException, JMSSecurityException, createConnectionFactory, type JmsConfig } from '../../src/index.js';
import { brokerUrl, describeWithBroker, uniqueName, type TlsBrokerKey } from '../support/brokers.js';
import { expiredCertificateServer, portOf, tlsFile, withOptions, withPort } from '../support/tls.js';

/**
 * TLS and SASL failures against the real brokers of scripts/brokers.sh, each a JMSSecurityException
 * or a JMSException that says what went wrong, before a bound a few times connectTimeout (no
 * failure may hang): an unknown CA, a wrong server name, an expired certificate, TLS to a
 * plaintext port, plaintext to a TLS port, a missing client certificate where mutual TLS is
 * required, a wrong key passphrase, a wrong SASL password, a SASL mechanism the listener does not
 * offer. Successes too: PEM data in the options object, an encrypted client key, SASL over plaintext.
 */

const CONNECT_TIMEOUT = 4000;
const NO_TLS = { tls: undefined, tlsCa: undefined, tlsCert: undefined, tlsKey: undefined };
/** Failing later than this counts as hanging (kafkajs retries a few times within it). */
const BOUND = 25000;

async function connectFailure(config: string | JmsConfig): Promise<JMSException> {
  const attempt = createConnectionFactory(config).createConnection();
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${BOUND} ms: the connect hangs`)), BOUND);
  });
  try {
    const connection = await Promise.race([attempt, hung]);
    await connection.close();
  } catch (error) {
    if (!(error instanceof JMSException)) throw error;
    return error;
  } finally {
    clearTimeout(timer);
  }
  throw new Error('the connection succeeded, but it should have failed');
}

async function roundTrip(config: string | JmsConfig): Promise<void> {
  const connection = await createConnectionFactory(config).createConnection();
  try {
    const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
    const queue = session.createQueue(uniqueName('tls'));
    const consumer = await session.createConsumer(queue);
    await connection.start();
    await (await session.createProducer(queue)).send(session.createTextMessage('over TLS'));
    const received = await consumer.receive(20000);
    expect(await received?.getBody(String)).to.equal('over TLS');
  } finally {
    await connection.close();
  }
}

/** The failures every TLS endpoint shares; `plainUrl` is the same broker's plaintext endpoint. */
function commonFailures(key: TlsBrokerKey, plainKey: Parameters<typeof brokerUrl>[0]) {
  const tlsUrl = () => withOptions(brokerUrl(key)!, timeoutOption());

  it('refuses a broker certificate from an unknown CA', async () => {
    const error = await connectFailure(withOptions(tlsUrl(), { tlsCa: tlsFile('other-ca.pem') }));
    expect(error).to.be.instanceOf(JMSSecurityException);
    expect(error.message).to.match(/not signed by a trusted CA/);
  });

  it('refuses a broker certificate for another host name', async () => {
    const error = await connectFailure(withOptions(tlsUrl(), { tlsServername: 'not-the-broker.example' }));
    expect(error).to.be.instanceOf(JMSSecurityException);
    expect(error.message).to.match(/not for this host name/);
  });

  it('refuses an expired broker certificate', async () => {
    const server = await expiredCertificateServer();
    try {
      const error = await connectFailure(withPort(tlsUrl(), server.port));
      expect(error).to.be.instanceOf(JMSSecurityException);
      expect(error.message).to.match(/has expired/);
    } finally {
      await server.close();
    }
  });

  it('says so when a TLS client meets a plaintext port', async function () {
    const plain = brokerUrl(plainKey);
    if (plain === undefined) this.skip();
    const error = await connectFailure(withPort(tlsUrl(), portOf(plain!)));
    expect(error.message).to.match(/does not speak TLS|plaintext/);
  });

  it('says so when a plaintext client meets a TLS port', async () => {
    const url = withOptions(tlsUrl(), NO_TLS).replace(/^amqps:/, 'amqp:').replace(/^rediss:/, 'redis:');
    const error = await connectFailure(url);
    expect(error.message).to.match(/TLS|did not answer|closed/);
  });
}

function timeoutOption(): Record<string, string> {
  return { connectTimeout: String(CONNECT_TIMEOUT) };
}

describeWithBroker('activemqStompTls', 'TLS failures: STOMP (ActiveMQ)', () => {
  commonFailures('activemqStompTls', 'activemqStomp');

  it('accepts the CA as PEM text and as a Buffer in the options object', async () => {
    const url = withOptions(brokerUrl('activemqStompTls')!, { tlsCa: undefined });
    await roundTrip({ url, options: { tlsCa: readFileSync(tlsFile('ca.pem'), 'utf8') } });
    await roundTrip({ url, options: { tlsCa: readFileSync(tlsFile('ca.pem')) } });
  });

  it('accepts any certificate with tlsRejectUnauthorized=false, and warns once per process', async () => {
    const warnings: Error[] = [];
    const listen = (warning: Error) => warnings.push(warning);
    process.on('warning', listen);
    try {
      const url = withOptions(brokerUrl('activemqStompTls')!, { tlsCa: tlsFile('other-ca.pem'), tlsRejectUnauthorized: 'false' });
      await roundTrip(url);
      await roundTrip(url);
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', listen);
    }
    const ours = warnings.filter((warning) => (warning as { code?: string }).code === 'JMS_TLS_UNVERIFIED');
    expect(ours).to.have.length(1);
    expect(ours[0]!.name).to.equal('SecurityWarning');
  });

  it('refuses TLS options on a connection without TLS instead of ignoring them', () => {
    const url = withOptions(brokerUrl('activemqStompTls')!, { tls: undefined });
    expect(() => createConnectionFactory(url)).to.throw(JMSException, /tlsCa given for a connection without TLS/);
  });
});

describeWithBroker('rabbitmqAmqps', 'TLS failures: AMQPS (RabbitMQ, mutual TLS)', () => {
  commonFailures('rabbitmqAmqps', 'rabbitmqAmqp');

  it('is refused without a client certificate where the broker requires one', async () => {
    const url = withOptions(brokerUrl('rabbitmqAmqps')!, { tlsCert: undefined, tlsKey: undefined, connectTimeout: String(CONNECT_TIMEOUT) });
    const error = await connectFailure(url);
    expect(error).to.be.instanceOf(JMSSecurityException);
    expect(error.message).to.match(/refused the TLS handshake|client certificate/);
  });

  it('connects with an encrypted client key and its passphrase, and refuses a wrong passphrase', async () => {
    const url = withOptions(brokerUrl('rabbitmqAmqps')!, { tlsKey: tlsFile('client-encrypted.key'), connectTimeout: String(CONNECT_TIMEOUT) });
    await roundTrip({ url, options: { tlsPassphrase: 'client-key-passphrase' } });
    const error = await connectFailure({ url, options: { tlsPassphrase: 'wrong passphrase' } });
    expect(error).to.be.instanceOf(JMSSecurityException);
    expect(error.message).to.match(/cannot be decrypted/);
    expect(error.message).to.not.include('wrong passphrase');
  });

  it('takes amqp:// with tls=true as amqps://', async () => {
    await roundTrip(withOptions(brokerUrl('rabbitmqAmqps')!.replace(/^amqps:/, 'amqp:'), { tls: 'true' }));
  });

  it('accepts the CA, certificate and key as PEM data in the options object', async () => {
    const url = withOptions(brokerUrl('rabbitmqAmqps')!, { tlsCa: undefined, tlsCert: undefined, tlsKey: undefined });
    await roundTrip({ url, options: { tlsCa: readFileSync(tlsFile('ca.pem')), tlsCert: readFileSync(tlsFile('client.pem'), 'utf8'), tlsKey: readFileSync(tlsFile('client.key')) } });
  });
});

describeWithBroker('rabbitmqStompTls', 'TLS failures: STOMP (RabbitMQ, mutual TLS)', () => {
  it('is refused without a client certificate where the broker requires one', async () => {
    const url = withOptions(brokerUrl('rabbitmqStompTls')!, { tlsCert: undefined, tlsKey: undefined, connectTimeout: String(CONNECT_TIMEOUT) });
    const error = await connectFailure(url);
    expect(error).to.be.instanceOf(JMSSecurityException);
  });
});

describeWithBroker('kafkaTls', 'TLS failures: Kafka (SSL)', () => {
  commonFailures('kafkaTls', 'kafka');
});

describeWithBroker('redisTls', 'TLS failures: Redis', () => {
  commonFailures('redisTls', 'redis');

  it('takes redis:// with tls=true as rediss://', async () => {
    await roundTrip(withOptions(brokerUrl('redisTls')!.replace(/^rediss:/, 'redis:'), { tls: 'true' }));
  });
});

describeWithBroker('kafkaSasl', 'SASL failures: Kafka', (url) => {
  it('refuses a wrong SASL password, without printing it', async () => {
    const error = await connectFailure(url.replace(/:[^:@/]+@/, ':Wrong-S3cret@'));
    expect(error).to.be.instanceOf(JMSSecurityException);
    expect(error.message).to.match(/refused the SASL user name or password/);
    expect(error.message).to.not.include('Wrong-S3cret');
  });

  it('refuses a SASL mechanism the listener does not offer', async () => {
    const error = await connectFailure(withOptions(url, { sasl: 'plain' }));
    expect(error).to.be.instanceOf(JMSSecurityException);
    expect(error.message).to.match(/does not offer this SASL mechanism/);
  });

  it('prints neither the SASL password nor the key of an open connection and its factory', async () => {
    const password = decodeURIComponent(/:([^:@/]+)@/.exec(url)![1]!);
    const factory = createConnectionFactory(url);
    const connection = await factory.createConnection();
    try {
      for (const printed of [inspect(connection, { depth: Infinity }), JSON.stringify(connection), inspect(factory, { depth: Infinity }), JSON.stringify(factory)]) {
        expect(printed).to.not.include(password);
      }
    } finally {
      await connection.close();
    }
  });

  it('authenticates with SCRAM-SHA-256 as well', async () => {
    await roundTrip(withOptions(url, { sasl: 'scram-sha-256' }));
  });

  it('authenticates with PLAIN over a plaintext SASL listener', async function () {
    const plaintext = brokerUrl('kafkaSaslPlaintext');
    if (plaintext === undefined) this.skip();
    await roundTrip(plaintext!);
  });

  it('refuses credentials without sasl= instead of ignoring them', () => {
    const plain = url.replace(/[?].*$/, '');
    expect(() => createConnectionFactory(plain)).to.throw(JMSException, /Kafka authenticates only with SASL/);
  });

  it('refuses sasl= without a password', async () => {
    const error = await connectFailure(url.replace(/\/\/[^@]+@/, '//'));
    expect(error).to.be.instanceOf(JMSSecurityException);
    expect(error.message).to.match(/needs a user name and a password/);
  });
});
