import { expect } from 'chai';
import type { JMSException } from '../../../src/api/exceptions.js';
import { createConnectionFactory, DEFAULT_REDELIVERY_POLICY, ErrorCode, type TextMessage } from '../../../src/index.js';

describe('a message listener that always throws', () => {
  it('gets the message maxRedeliveries more times, then the message is moved to its dead-letter queue and reported', async () => {
    const url = 'memory://listener-limit?redeliveryDelay=0';
    const connection = await createConnectionFactory(url).createConnection();
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
    expect(error.code).to.equal(ErrorCode.MESSAGE_DEAD_LETTERED);
    expect(counts).to.deep.equal(Array.from({ length: DEFAULT_REDELIVERY_POLICY.maxRedeliveries + 1 }, (_, i) => i + 1));
    await connection.close();
    const again = await createConnectionFactory(url).createConnection();
    const check = await again.createSession();
    await again.start();
    expect(await (await check.createConsumer(check.createQueue('listener-limit'))).receiveNoWait()).to.equal(null);
    const dead = (await (await check.createConsumer(check.createQueue('DLQ.listener-limit'))).receive(1000)) as TextMessage | null;
    expect(dead?.getText()).to.equal('poison');
    expect(dead?.getStringProperty('dlqDeliveryFailureCause')).to.equal('always');
    await again.close();
  });
});
