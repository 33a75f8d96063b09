/**
 * Consume-transform-produce in one transaction: each order is read from one queue and its
 * invoice sent to another; commit makes both happen, rollback neither (the order comes back).
 *
 *   npx tsx examples/transacted-pipeline.ts
 *   JMS_URL=stomp://127.0.0.1:61613 npx tsx examples/transacted-pipeline.ts
 */
import { AcknowledgeMode, createConnectionFactory, isMapMessage, isTextMessage } from '../src/index.js';

const factory = createConnectionFactory(process.env.JMS_URL || 'memory://');
const connection = await factory.createConnection();
try {
  const session = await connection.createSession(true, AcknowledgeMode.SESSION_TRANSACTED);
  const orders = session.createQueue(`examples.orders.${process.pid}`);
  const invoices = session.createQueue(`examples.invoices.${process.pid}`);

  const intake = await session.createProducer(orders);
  for (const [item, quantity] of [['tea', 2], ['scones', 12]] as const) {
    const order = session.createMapMessage();
    order.setString('item', item);
    order.setInt('quantity', quantity);
    await intake.send(order);
  }
  await session.commit(); // the orders are on the queue only now

  const consumer = await session.createConsumer(orders);
  // A rolled-back order comes back at once, ahead of the next (the default waits a second and lets others pass).
  consumer.setRedeliveryPolicy({ redeliveryDelay: 0 });
  const producer = await session.createProducer(invoices);
  await connection.start();

  let failOnce = true;
  for (let handled = 0; handled < 2; ) {
    const order = await consumer.receive(10_000);
    if (!isMapMessage(order)) throw new Error('an order did not arrive');
    const invoice = session.createTextMessage(`invoice: ${order.getInt('quantity')} x ${order.getString('item')}`);
    await producer.send(invoice);
    if (failOnce) {
      failOnce = false;
      await session.rollback(); // the invoice is discarded and the order redelivered
      console.log(`rolled back ${order.getString('item')}; it will come again`);
      continue;
    }
    await session.commit(); // the order is consumed and the invoice sent, together
    console.log(`committed ${order.getString('item')} (redelivered: ${order.getJMSRedelivered()})`);
    handled++;
  }

  const check = await connection.createSession();
  const sent = await check.createConsumer(invoices);
  for (let i = 0; i < 2; i++) {
    const invoice = await sent.receive(10_000);
    if (!isTextMessage(invoice)) throw new Error('an invoice is missing');
    console.log(`on the invoices queue: ${invoice.getText()}`);
  }
} finally {
  await connection.close();
}
