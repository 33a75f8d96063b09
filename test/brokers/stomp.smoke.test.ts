import { expect } from 'chai';
import stompit from 'stompit';
import { describeWithBroker, uniqueName, type BrokerKey } from '../support/brokers.js';

/** stompit, the client the STOMP adapter builds on, against each STOMP broker. */

function connect(url: string): Promise<stompit.Client> {
  const { hostname, port, username, password } = new URL(url);
  return new Promise((resolve, reject) => {
    stompit.connect(
      {
        host: hostname,
        port: Number(port),
        connectHeaders: {
          host: '/',
          ...(username ? { login: decodeURIComponent(username), passcode: decodeURIComponent(password) } : {}),
          'heart-beat': '0,0',
        },
      },
      (error, client) => (error ? reject(error) : resolve(client)),
    );
  });
}

function receiveOne(client: stompit.Client, destination: string): Promise<{ headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    client.subscribe({ destination, ack: 'client-individual' }, (error, message) => {
      if (error) return reject(error);
      message.readString('utf-8', (readError, body) => {
        if (readError) return reject(readError);
        client.ack(message);
        resolve({ headers: (message as unknown as { headers: Record<string, string> }).headers, body: body ?? "" });
      });
    });
  });
}

function send(client: stompit.Client, headers: Record<string, string>, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const frame = client.send({ ...headers, receipt: 'r' }, { onReceipt: () => resolve(), onError: reject });
    frame.end(body);
  });
}

const STOMP_BROKERS: BrokerKey[] = ['activemqStomp', 'rabbitmqStomp'];

for (const key of STOMP_BROKERS) {
  describeWithBroker(key, `smoke: stompit on ${key}`, (url) => {
    it('sends one message to a queue and receives it with its headers', async () => {
      const client = await connect(url);
      try {
        const queue = `/queue/${uniqueName('smoke')}`;
        const received = receiveOne(client, queue);
        await send(client, { destination: queue, 'correlation-id': 'c-1', 'x-color': 'red' }, 'hello over STOMP');
        const message = await received;
        expect(message.body).to.equal('hello over STOMP');
        expect(message.headers['correlation-id']).to.equal('c-1');
        expect(message.headers['x-color']).to.equal('red');
      } finally {
        client.disconnect();
      }
    });
  });
}
