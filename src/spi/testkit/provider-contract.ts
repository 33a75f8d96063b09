import { randomUUID } from 'node:crypto';
import { destinationOf, type Destination } from '../../api/destination.js';
import type { JMSException } from '../../api/exceptions.js';
import type { Delivery, Envelope } from '../envelope.js';
import type { DeliverySink, Provider, ProviderConnection, SubscriptionSpec } from '../provider.js';
import { plainEnvelope } from './envelope-corpus.js';

/**
 * Contract checks that talk to a Provider directly, without the client layer: the promises of the
 * SPI (src/spi/provider.ts) that the client layer relies on and cannot check itself. An author
 * points them at a provider; each check opens its own connection and closes it.
 */
export interface ContractTarget {
  readonly provider: Provider;
  /** Credentials for connect(), as the client layer passes them. */
  readonly username?: string;
  readonly password?: string;
  /**
   * Cuts this connection as a network failure or broker crash would (a TCP proxy dropping its
   * sockets, an embedded broker's crash hook). Without it the loss checks are skipped with a reason.
   */
  readonly cutConnection?: (connection: ProviderConnection) => Promise<void> | void;
  /** Why the loss checks cannot run, printed when `cutConnection` is absent. */
  readonly noCutReason?: string;
  /** Prefix for the queues the checks create (each check adds a unique suffix). */
  readonly namePrefix?: string;
  /** Longest wait for a delivery or a loss report, ms; default 10000. */
  readonly timeout?: number;
}

/** One SPI contract check, run against a Provider without the client layer. */
export interface ContractCheck {
  readonly name: string;
  /** Resolves when the check passed; returns a reason when it could not run; throws when it failed. */
  run(target: ContractTarget): Promise<void | { skipped: string }>;
}

class ContractFailure extends Error {
  override name = 'ContractFailure';
}

function assert(condition: boolean, message: string): asserts condition {
  if (!condition) throw new ContractFailure(message);
}

/** A sink that keeps what arrives and lets a check wait for a number of deliveries. */
class CollectingSink implements DeliverySink {
  readonly deliveries: Delivery[] = [];
  failure: JMSException | null = null;
  private waiting: { count: number; resolve: () => void } | null = null;

  deliver(delivery: Delivery): void {
    this.deliveries.push(delivery);
    if (this.waiting !== null && this.deliveries.length >= this.waiting.count) this.waiting.resolve();
  }

  fail(error: JMSException): void {
    this.failure = error;
  }

  async waitFor(count: number, timeout: number, what: string): Promise<Delivery[]> {
    if (this.deliveries.length < count) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        new Promise<void>((resolve) => (this.waiting = { count, resolve })),
        new Promise<void>((_, reject) => {
          timer = setTimeout(() => reject(new ContractFailure(`${what}: ${this.deliveries.length} of ${count} deliveries arrived within ${timeout} ms`)), timeout);
        }),
      ]).finally(() => clearTimeout(timer));
      this.waiting = null;
    }
    return this.deliveries.slice(0, count);
  }
}

/** Everything a check opened, closed whatever happens. */
class Scope {
  private readonly connections: ProviderConnection[] = [];
  readonly losses: JMSException[] = [];
  private lossWaiter: (() => void) | null = null;

  constructor(readonly target: ContractTarget) {}

  get timeout(): number {
    return this.target.timeout ?? 10_000;
  }

  queue(): Destination {
    return destinationOf('queue', `${this.target.namePrefix ?? 'jmsts.spi-contract'}.${randomUUID().slice(0, 8)}`);
  }

  async connect(): Promise<ProviderConnection> {
    const connection = await this.target.provider.connect({
      connectionId: randomUUID(),
      clientId: null,
      username: this.target.username,
      password: this.target.password,
      onConnectionLost: (error) => {
        this.losses.push(error);
        this.lossWaiter?.();
      },
    });
    this.connections.push(connection);
    return connection;
  }

  /** A fresh queue, a connection and session, and one subscription to the queue collecting what arrives. */
  async subscriber() {
    const queue = this.queue();
    const connection = await this.connect();
    const session = await connection.createSession({ transacted: false });
    const sink = new CollectingSink();
    const subscription = await session.subscribe(spec(queue), sink);
    return { queue, connection, session, sink, subscription };
  }

  async waitForLoss(): Promise<void> {
    if (this.losses.length > 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((resolve) => (this.lossWaiter = resolve)),
      new Promise<void>((_, reject) => {
        timer = setTimeout(() => reject(new ContractFailure(`onConnectionLost was not called within ${this.timeout} ms of the cut`)), this.timeout);
      }),
    ]).finally(() => clearTimeout(timer));
  }

  async close(): Promise<void> {
    await Promise.all(this.connections.map((connection) => connection.close().catch(() => undefined)));
  }
}

function spec(destination: Destination, prefetch = 1000): SubscriptionSpec {
  return { destination, selector: null, definedSelector: null, noLocal: false, durable: false, shared: false, subscriptionName: null, clientId: null, prefetch };
}

function envelope(seq: number): Envelope {
  return plainEnvelope(Date.now(), {
    messageId: `ID:spi-contract:${randomUUID()}:${seq}`,
    properties: new Map([['seq', { type: 'int', value: seq }]]),
    body: new Uint8Array(Buffer.from(`message ${seq}`, 'utf8')),
    connectionId: null,
  });
}

function seqOf(delivery: Delivery): number {
  const seq = delivery.envelope.properties.get('seq');
  return seq?.type === 'int' ? seq.value : -1;
}

/** Runs `body` with a scope that closes every connection it opened. */
async function scoped(target: ContractTarget, body: (scope: Scope) => Promise<void | { skipped: string }>): Promise<void | { skipped: string }> {
  const scope = new Scope(target);
  try {
    return await body(scope);
  } finally {
    await scope.close();
  }
}

/** How a redelivery shows on a broker that says so; a broker that does not count may not. */
function assertRedelivered(target: ContractTarget, delivery: Delivery): void {
  if (target.provider.capabilities.deliveryCount !== 'native') return;
  assert(delivery.redelivered && (delivery.deliveryCount ?? 2) >= 2, `a message given back must come again marked redelivered (redelivered ${delivery.redelivered}, deliveryCount ${delivery.deliveryCount})`);
}

/** A message taken and not acknowledged comes back, to a new subscription, after `giveBack`. */
async function givesBackOn(scope: Scope, giveBack: 'subscription' | 'session' | 'connection'): Promise<void> {
  const { queue, connection: first, session, sink, subscription } = await scope.subscriber();
  await Promise.all([session.send(queue, envelope(1)), session.send(queue, envelope(2))]);
  const [taken, kept] = await sink.waitFor(2, scope.timeout, 'before closing');
  await session.acknowledge([taken!]);
  if (giveBack === 'subscription') await subscription.close();
  else if (giveBack === 'session') await session.close();
  else await first.close();

  const second = giveBack === 'connection' ? await scope.connect() : first;
  const again = new CollectingSink();
  const reader = await second.createSession({ transacted: false });
  await reader.subscribe(spec(queue), again);
  const [returned] = await again.waitFor(1, scope.timeout, `after the ${giveBack} closed`);
  assert(seqOf(returned!) === seqOf(kept!), `the unacknowledged message ${seqOf(kept!)} must come back, got ${seqOf(returned!)} (an acknowledged message came back)`);
  assertRedelivered(scope.target, returned!);
  await reader.acknowledge([returned!]);
}

/** A loss check: skipped with the target's reason when it cannot cut a connection. */
function withCut(
  target: ContractTarget,
  body: (scope: Scope, connection: ProviderConnection, cut: NonNullable<ContractTarget['cutConnection']>) => Promise<void>,
): Promise<void | { skipped: string }> {
  const cut = target.cutConnection;
  if (!cut) return Promise.resolve({ skipped: target.noCutReason ?? 'no way to cut a connection was given' });
  return scoped(target, async (scope) => body(scope, await scope.connect(), cut));
}

const PIPELINED_SENDS = 100;

/** Every SPI contract check, for a test runner to iterate. */
export const PROVIDER_CONTRACT: readonly ContractCheck[] = [
  {
    name: 'sends that overlap reach the broker in call order',
    run: (target) =>
      scoped(target, async (scope) => {
        const { queue, session, sink } = await scope.subscriber();
        // Not awaited one by one: the client layer pipelines async sends exactly like this.
        await Promise.all(Array.from({ length: PIPELINED_SENDS }, (_, i) => session.send(queue, envelope(i))));
        const deliveries = await sink.waitFor(PIPELINED_SENDS, scope.timeout, 'pipelined sends');
        const order = deliveries.map(seqOf);
        const firstOutOfOrder = order.findIndex((seq, i) => seq !== i);
        assert(firstOutOfOrder < 0, `delivery ${firstOutOfOrder} was message ${order[firstOutOfOrder]}: pipelined sends must keep call order`);
        await session.acknowledge(deliveries);
      }),
  },
  {
    name: 'acknowledging a delivery after its subscription closed is a no-op',
    run: (target) =>
      scoped(target, async (scope) => {
        const { queue, session, sink, subscription } = await scope.subscriber();
        await session.send(queue, envelope(1));
        const [delivery] = await sink.waitFor(1, scope.timeout, 'before closing');
        await subscription.close();
        await session.acknowledge([delivery!]); // must neither throw nor consume the given-back message
        const again = new CollectingSink();
        await session.subscribe(spec(queue), again);
        const [returned] = await again.waitFor(1, scope.timeout, 'the acknowledged-after-close message');
        assert(seqOf(returned!) === 1, 'the message given back on close must still be there after the late acknowledgement');
        await session.acknowledge([returned!]);
      }),
  },
  { name: 'closing a subscription gives back what it did not acknowledge', run: (target) => scoped(target, (scope) => givesBackOn(scope, 'subscription')) },
  { name: 'closing a session gives back what it did not acknowledge', run: (target) => scoped(target, (scope) => givesBackOn(scope, 'session')) },
  { name: 'closing a connection gives back what it did not acknowledge', run: (target) => scoped(target, (scope) => givesBackOn(scope, 'connection')) },
  {
    name: 'a lost connection is reported once',
    run: (target) =>
      withCut(target, async (scope, connection, cut) => {
        await cut(connection);
        await scope.waitForLoss();
        await connection.close().catch(() => undefined); // closing a lost connection must not report it again
        await settle();
        assert(scope.losses.length === 1, `onConnectionLost was called ${scope.losses.length} times`);
      }),
  },
  {
    name: 'a closed connection never reports a loss',
    run: (target) =>
      withCut(target, async (scope, connection, cut) => {
        await connection.close();
        await cut(connection);
        await settle();
        assert(scope.losses.length === 0, `onConnectionLost was called ${scope.losses.length} times after close()`);
      }),
  },
];

/**
 * A late, unwanted loss report has no event to wait for: give the sockets' error and close events,
 * which follow each other within a few turns of the event loop, time to arrive.
 */
async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 100));
}

/** The outcome of one contract check. */
export interface ContractResult {
  readonly name: string;
  readonly result: 'pass' | 'fail' | 'skipped';
  readonly detail?: string;
}

/** Runs every contract check in turn; for a test runner, iterate PROVIDER_CONTRACT instead. */
export async function runProviderContract(target: ContractTarget): Promise<ContractResult[]> {
  const results: ContractResult[] = [];
  for (const check of PROVIDER_CONTRACT) {
    try {
      const outcome = await check.run(target);
      results.push(outcome ? { name: check.name, result: 'skipped', detail: outcome.skipped } : { name: check.name, result: 'pass' });
    } catch (error) {
      results.push({ name: check.name, result: 'fail', detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
    }
  }
  return results;
}
