import { expect } from 'chai';
import { JMSException } from '../../../src/api/exceptions.js';
import { INVALID_CONFIGURATION, parseBrokerUrl, redactUrl } from '../../../src/config/url.js';

describe('broker URL parsing', () => {
  it('parses scheme, credentials, host, port, path and options', () => {
    const parsed = parseBrokerUrl('amqp://guest:p%40ss@127.0.0.1:5672/my%20vhost?prefetch=10&heartbeat=5');
    expect(parsed).to.deep.equal({
      scheme: 'amqp',
      username: 'guest',
      password: 'p@ss',
      hosts: [{ host: '127.0.0.1', port: 5672 }],
      path: 'my vhost',
      query: { prefetch: '10', heartbeat: '5' },
    });
  });

  it('accepts several comma-separated hosts, as Kafka bootstrap lists need', () => {
    expect(parseBrokerUrl('kafka://a:9092,b,[::1]:9093').hosts).to.deep.equal([
      { host: 'a', port: 9092 },
      { host: 'b', port: null },
      { host: '::1', port: 9093 },
    ]);
  });

  it('gives no hosts for memory:// and the broker name as the host for memory://name', () => {
    expect(parseBrokerUrl('memory://').hosts).to.deep.equal([]);
    expect(parseBrokerUrl('memory://billing').hosts).to.deep.equal([{ host: 'billing', port: null }]);
  });

  it('lower-cases the scheme and keeps compound schemes', () => {
    expect(parseBrokerUrl('STOMP+RabbitMQ://h:61614').scheme).to.equal('stomp+rabbitmq');
  });

  for (const bad of ['127.0.0.1:5672', 'amqp:/x', 'amqp://h:99999', 'amqp://h:12ab', 'amqp://h?x=1&x=2', 'amqp://u:%zz@h']) {
    it(`refuses the malformed URL "${bad}" with an InvalidConfiguration JMSException`, () => {
      expect(() => parseBrokerUrl(bad))
        .to.throw(JMSException)
        .that.satisfies((e: JMSException) => e.code === INVALID_CONFIGURATION);
    });
  }

  it('never puts the password of a malformed URL into the error message', () => {
    try {
      parseBrokerUrl('amqp://guest:s3cret@h:99999');
      expect.fail('expected an error');
    } catch (error) {
      expect((error as Error).message).to.not.include('s3cret');
      expect((error as Error).message).to.include('guest:***@');
    }
  });

  it('redacts passwords but keeps user names and hosts', () => {
    expect(redactUrl('amqp://guest:s3cret@h:5672/v')).to.equal('amqp://guest:***@h:5672/v');
    expect(redactUrl('kafka://a:9092,b:9092')).to.equal('kafka://a:9092,b:9092');
    expect(redactUrl('memory://')).to.equal('memory://');
  });
});
