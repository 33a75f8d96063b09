import { expect } from 'chai';
import {
  createConnectionFactory,
  ErrorCode,
  IllegalArgumentException,
  InvalidClientIDException,
  JMSException,
  type Connection,
} from '../../../src/index.js';

async function thrown(action: () => unknown): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('one error vocabulary', () => {
  let connection: Connection;
  beforeEach(async () => {
    connection = await createConnectionFactory('memory://error-vocabulary').createConnection();
  });
  afterEach(() => connection.close());

  it('uses SCREAMING_SNAKE codes whose value is their name', () => {
    for (const [name, value] of Object.entries(ErrorCode)) {
      expect(value).to.equal(name);
      expect(name).to.match(/^[A-Z]+(_[A-Z]+)*$/);
    }
  });

  it('marks connection loss and an unavailable broker retriable, nothing else', () => {
    expect(new JMSException('x', ErrorCode.CONNECTION_LOST).retriable).to.equal(true);
    expect(new JMSException('x', ErrorCode.BROKER_UNAVAILABLE).retriable).to.equal(true);
    expect(new JMSException('x', ErrorCode.INVALID_CONFIGURATION).retriable).to.equal(false);
    expect(new IllegalArgumentException('x').retriable).to.equal(false);
  });

  it('throws IllegalArgumentException for a negative receive timeout and an unknown session mode', async () => {
    const session = await connection.createSession();
    const consumer = await session.createConsumer(session.createQueue('error-vocabulary'));
    expect(await thrown(() => consumer.receive(-5))).to.be.instanceOf(IllegalArgumentException);
    expect(await thrown(() => connection.createSession(7 as never))).to.be.instanceOf(IllegalArgumentException);
  });

  it('throws InvalidClientIDException for an empty client id', async () => {
    expect(await thrown(() => connection.setClientID(''))).to.be.instanceOf(InvalidClientIDException);
  });

  it('reports configuration errors with ErrorCode.INVALID_CONFIGURATION', () => {
    expect(() => createConnectionFactory('nosuch://x')).to.throw(JMSException).with.property('code', ErrorCode.INVALID_CONFIGURATION);
  });
});
