import { expect } from 'chai';
import { AcknowledgeMode, createConnectionFactory, type MapMessage, type Message, type ObjectMessage } from '../../src/index.js';
import { uniqueName } from '../support/brokers.js';
import { brokerUrls } from './broker-urls.js';

/**
 * Incoming data is data: keys that name prototype machinery (`__proto__`, `constructor`,
 * `prototype`) travel through map messages, properties and ObjectMessages on every adapter as plain
 * keys, come back with their values, and never reach Object.prototype.
 */
const KEYS = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString'];

function expectPrototypeClean(): void {
  const probe: Record<string, unknown> = {};
  expect(probe.polluted, 'Object.prototype.polluted').to.equal(undefined);
  expect(typeof probe.toString, 'Object.prototype.toString').to.equal('function');
  expect(Object.getPrototypeOf(probe)).to.equal(Object.prototype);
}

for (const { url, label } of brokerUrls()) {
  describe(`prototype-pollution keys stay data: ${label}`, function () {
    this.timeout(60000);

    async function roundTrip(build: (session: Awaited<ReturnType<Awaited<ReturnType<ReturnType<typeof createConnectionFactory>['createConnection']>>['createSession']>>) => Message): Promise<Message> {
      const connection = await createConnectionFactory(url).createConnection();
      try {
        const session = await connection.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
        const queue = session.createQueue(uniqueName('proto'));
        const consumer = await session.createConsumer(queue);
        await connection.start();
        await (await session.createProducer(queue)).send(build(session));
        const received = await consumer.receive(20000);
        expect(received, 'the message arrives').to.not.equal(null);
        return received!;
      } finally {
        await connection.close();
      }
    }

    it('as map keys and as property names', async () => {
      const received = await roundTrip((session) => {
        const message = session.createMapMessage();
        for (const key of KEYS) {
          message.setString(key, `map ${key}`);
          message.setStringProperty(key, `property ${key}`);
        }
        message.setString('polluted', 'no');
        return message;
      });
      const map = received as MapMessage;
      for (const key of KEYS) {
        expect(map.getString(key), `map key ${key}`).to.equal(`map ${key}`);
        expect(map.getStringProperty(key), `property ${key}`).to.equal(`property ${key}`);
      }
      expect(map.getMapNames()).to.include.members(KEYS);
      expectPrototypeClean();
    });

    it('as ObjectMessage keys, nested too, decoded as plain JSON data', async () => {
      const body = JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"nested":[{"__proto__":{"polluted":"yes"}}]}');
      const received = await roundTrip((session) => session.createObjectMessage(body));
      const object = (received as ObjectMessage).getObject() as Record<string, unknown>;
      expect(Object.prototype.hasOwnProperty.call(object, '__proto__'), 'own __proto__ key').to.equal(true);
      expect(JSON.stringify(object)).to.equal(JSON.stringify(body));
      expect((object as { polluted?: unknown }).polluted).to.equal(undefined);
      expectPrototypeClean();
    });
  });
}
