import { expect } from 'chai';
import { DeliveryMode } from '../../../src/api/constants.js';
import { IllegalArgumentException } from '../../../src/api/exceptions.js';
import type { TextMessage } from '../../../src/api/message.js';
import { createConnectionFactory } from '../../../src/index.js';

/** The producers a JMSContext's session holds (white box: the count is what the bug was about). */
function producerCount(context: object): number {
  return ((context as { session: { producers: Set<unknown> } }).session.producers).size;
}

describe('JMSContext producers', () => {
  it('keep one MessageProducer per JMSProducer, for sync and async sends alike', async () => {
    const context = await createConnectionFactory('memory://context-producers').createContext();
    const queue = context.createQueue('context-producers');
    const producer = context.createProducer();
    const completions: string[] = [];
    await producer.send(queue, 'sync');
    producer.setAsync({ onCompletion: (m) => void completions.push((m as TextMessage).getText()!), onException: () => undefined });
    for (const body of ['a', 'b', 'c']) await producer.send(queue, body);
    expect(producerCount(context)).to.equal(1);
    const consumer = await context.createConsumer(queue);
    const bodies = [];
    for (let i = 0; i < 4; i++) bodies.push(await consumer.receiveBody(String, 1000));
    expect(bodies).to.deep.equal(['sync', 'a', 'b', 'c']);
    expect(completions).to.deep.equal(['a', 'b', 'c']);
    await context.close();
  });

  it('apply their send settings to every send, and check them when set', async () => {
    const context = await createConnectionFactory('memory://context-settings').createContext();
    const queue = context.createQueue('context-settings');
    const producer = context.createProducer().setPriority(7).setDeliveryMode(DeliveryMode.NON_PERSISTENT).setTimeToLive(60_000);
    expect(() => producer.setPriority(10)).to.throw(IllegalArgumentException);
    await producer.send(queue, 'x');
    const message = await (await context.createConsumer(queue)).receive(1000);
    expect(message!.getJMSPriority()).to.equal(7);
    expect(message!.getJMSDeliveryMode()).to.equal(DeliveryMode.NON_PERSISTENT);
    expect(message!.getJMSExpiration()).to.be.greaterThan(Date.now());
    await context.close();
  });
});
