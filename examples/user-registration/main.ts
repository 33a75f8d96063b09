/**
 * The user-registration demo: a registration service publishes `user.registered` events; an
 * email service (slow on purpose) and an SMS service (crashes once, mid-way) consume them. One
 * user's phone number is invalid: texting it fails every time, and after its last redelivery the
 * event lands on the dead-letter queue, where the demo reads it.
 *
 *   npm start                                   # the embedded broker, nothing to install
 *   JMS_URL=amqp://guest:guest@127.0.0.1:5672 npm start   # the same code on RabbitMQ
 */
import { Container } from 'inversify';
import { AcknowledgeMode, isMapMessage, redactUrl, type ConnectionFactory, type Message } from '../../src/index.js';
import { jmsModule, JMS_TOKENS } from '../../src/inversify/index.js';
import { EventService, RegistrationService, type Log } from './services.js';

const started = Date.now();
const log: Log = (service, text) =>
  console.log(`${String(Date.now() - started).padStart(5)} ms  ${service.padEnd(12)} ${text}`);

const url = process.env.JMS_URL || 'memory://';
const topic = `user.registered.${process.pid}`;
const users = [
  { id: 'ada', email: 'ada@example.org', phone: '+44 20 7946 0001' },
  { id: 'grace', email: 'grace@example.org', phone: '+1 202 555 0102' },
  { id: 'nobody', email: 'nobody@example.org', phone: 'not a number' },
];
/** The SMS service's policy: a few quick retries, doubling, then the dead-letter queue. */
const smsRedelivery = { maxRedeliveries: 2, redeliveryDelay: 200, redeliveryBackoff: 2 };

/** A field of a `user.registered` event, which is a MapMessage (the guard narrows it, no cast). */
function field(event: Message, name: string): string | null {
  if (!isMapMessage(event)) throw new Error(`user.registered events are map messages, got ${event.bodyKind}`);
  return event.getString(name);
}

/** Resolves when `count` calls of `done` have happened. */
function countdown(count: number): { done: () => void; finished: Promise<void> } {
  let resolve!: () => void;
  const finished = new Promise<void>((r) => (resolve = r));
  return { done: () => --count === 0 && resolve(), finished };
}

async function main(): Promise<void> {
  console.log(`jms-ts user-registration demo on ${redactUrl(url)}\n`);
  // The composition root: the broker is configuration, bound once; nothing below names a broker.
  const container = new Container();
  container.load(jmsModule(url));
  const factory = container.get<ConnectionFactory>(JMS_TOKENS.ConnectionFactory);
  // Every email, every valid text, and the invalid one read back from the dead-letter queue.
  const delivered = countdown(users.length * 2);

  const email = new EventService('email', async (event: Message) => {
    const address = field(event, 'email');
    await new Promise((r) => setTimeout(r, 400)); // a slow mail server
    log('email', `welcome email sent to ${address}`);
    delivered.done();
  });

  let crashed = false;
  const sms = new EventService('sms', async (event: Message, attempt: number) => {
    const phone = field(event, 'phone');
    await new Promise((r) => setTimeout(r, 100)); // an SMS gateway round trip
    if (!/^\+[\d ]+$/.test(phone ?? '')) {
      log('sms', `gateway refused ${phone} (attempt ${attempt})`);
      throw new Error(`SMS gateway: invalid number "${phone}"`);
    }
    if (!crashed) {
      crashed = true;
      log('sms', `crashed while texting ${phone} (attempt ${attempt}); the message will be redelivered`);
      throw new Error('SMS gateway connection reset');
    }
    log('sms', `text sent to ${phone} (attempt ${attempt}${event.getJMSRedelivered() ? ', redelivered' : ''})`);
    delivered.done();
  }, smsRedelivery);

  // Whoever runs the system watches the dead-letter queue (here: prints what lands on it).
  const watcher = await factory.createConnection();
  const watch = await watcher.createSession(AcknowledgeMode.AUTO_ACKNOWLEDGE);
  const deadLetters = await watch.createConsumer(watch.createQueue(`DLQ.${topic}`));
  deadLetters.setMessageListener((dead: Message) => {
    log('dead-letter', `${field(dead, 'userId')} from ${dead.getStringProperty('dlqOriginalDestination')} after ${dead.getIntProperty('dlqDeliveryCount')} deliveries: ${dead.getStringProperty('dlqDeliveryFailureCause')}`);
    delivered.done();
  });
  await watcher.start();

  await email.start(factory, topic);
  await sms.start(factory, topic);

  const connection = await factory.createConnection();
  const registration = new RegistrationService(connection, topic, log);
  for (const user of users) await registration.register(user);
  log('registration', 'all users answered; email and SMS follow in the background');

  await delivered.finished;
  log('demo', 'every event handled: the system is consistent again');
  // The demo's topic is unique per run, so it removes its durable subscriptions when done.
  await Promise.all([email.stop(topic, true), sms.stop(topic, true), connection.close(), watcher.close()]);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
