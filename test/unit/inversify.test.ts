import { expect } from 'chai';
import { Container } from 'inversify';
import type { ConnectionFactory, TextMessage } from '../../src/index.js';
import { JMS_TOKENS, jmsModule } from '../../src/inversify/index.js';

/** Sends one text to a fresh queue and reads it back, proving the factory talks to its broker. */
async function roundTrip(factory: ConnectionFactory, text: string): Promise<string | null> {
  const connection = await factory.createConnection();
  try {
    const session = await connection.createSession();
    const queue = session.createQueue(`inversify.${process.pid}.${text}`);
    await (await session.createProducer(queue)).send(session.createTextMessage(text));
    await connection.start();
    const received = (await (await session.createConsumer(queue)).receive(2000)) as TextMessage | null;
    return received?.getText() ?? null;
  } finally {
    await connection.close();
  }
}

describe('jms-ts/inversify', () => {
  it('binds one ConnectionFactory per container from the URL given to jmsModule', async () => {
    const container = new Container();
    container.load(jmsModule('memory://inversify-given'));
    const factory = container.get<ConnectionFactory>(JMS_TOKENS.ConnectionFactory);
    expect(container.get(JMS_TOKENS.ConnectionFactory)).to.equal(factory);
    expect(await roundTrip(factory, 'given')).to.equal('given');
  });

  it('reads the configuration the application bound to JMS_TOKENS.Config', async () => {
    const container = new Container();
    container.bind(JMS_TOKENS.Config).toConstantValue('memory://inversify-bound');
    container.load(jmsModule());
    const factory = container.get<ConnectionFactory>(JMS_TOKENS.ConnectionFactory);
    expect(await roundTrip(factory, 'bound')).to.equal('bound');
  });

  it('refuses a bound configuration with an unknown scheme when the factory is asked for', () => {
    const container = new Container();
    container.load(jmsModule('nosuch://host'));
    expect(() => container.get(JMS_TOKENS.ConnectionFactory)).to.throw(/Unknown broker URL scheme "nosuch:"/);
  });
});
