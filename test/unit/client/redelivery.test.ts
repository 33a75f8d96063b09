import { expect } from 'chai';
import type { JMSException } from '../../../src/api/exceptions.js';
import { MAX_LISTENER_REDELIVERIES } from '../../../src/client/index.js';
import { createConnectionFactory } from '../../../src/index.js';

describe('a message listener that always throws', () => {
  it('gets the message MAX_LISTENER_REDELIVERIES more times, then the message is dropped and reported', async () => {
    const connection = await createConnectionFactory('memory://listener-limit').createConnection();
    const reported = new Promise<JMSException>((resolve) => connection.setExceptionListener(resolve));
    const session = await connection.createSession();
    const queue = session.createQueue('listener-limit');
    const consumer = await session.createConsumer(queue);
    const counts: number[] = [];
    consumer.setMessageListener((message) => {
      counts.push(message.getIntProperty('JMSXDeliveryCount'));
      throw new Error('always');
    });
    await connection.start();
    await (await session.createProducer(queue)).send(session.createTextMessage('poison'));
    const error = await reported;
    expect(error.code).to.equal('ListenerFailed');
    expect(counts).to.deep.equal(Array.from({ length: MAX_LISTENER_REDELIVERIES + 1 }, (_, i) => i + 1));
    await connection.close();
    const again = await createConnectionFactory('memory://listener-limit').createConnection();
    const check = await again.createSession();
    await again.start();
    expect(await (await check.createConsumer(check.createQueue('listener-limit'))).receiveNoWait()).to.equal(null);
    await again.close();
  });
});
