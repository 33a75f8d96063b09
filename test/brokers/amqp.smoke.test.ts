import { expect } from 'chai';
import amqp from 'amqplib';
import { describeWithBroker, uniqueName } from '../support/brokers.js';

/** amqplib, the client the AMQP adapter builds on, against RabbitMQ. */
describeWithBroker('rabbitmqAmqp', 'smoke: amqplib on RabbitMQ', (url) => {
  it('publishes one confirmed message and consumes it with its properties', async () => {
    const connection = await amqp.connect(url);
    try {
      const channel = await connection.createConfirmChannel();
      const queue = uniqueName('smoke');
      await channel.assertQueue(queue, { exclusive: true });
      const received = new Promise<amqp.ConsumeMessage>((resolve) => {
        void channel.consume(queue, (message) => message && resolve(message));
      });
      channel.sendToQueue(queue, Buffer.from('hello over AMQP'), { correlationId: 'c-1', headers: { color: 'red' } });
      await channel.waitForConfirms();
      const message = await received;
      channel.ack(message);
      expect(message.content.toString()).to.equal('hello over AMQP');
      expect(message.properties.correlationId).to.equal('c-1');
      expect(message.properties.headers?.color).to.equal('red');
    } finally {
      await connection.close();
    }
  });
});
