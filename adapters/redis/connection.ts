import { ErrorCode } from '../../src/api/error-codes.js';
import { ErrorReply, type RedisClientType } from '@redis/client';
import { destinationOf, type Destination, type DestinationKind } from '../../src/api/destination.js';
import { IllegalStateException, JMSException } from '../../src/api/exceptions.js';
import type {
  DeliverySink,
  ProviderConnectOptions,
  ProviderConnection,
  ProviderSession,
  ProviderSessionOptions,
  SubscriptionSpec,
} from '../../src/spi/public.js';
import { ensureGroup, type CommandClient } from './commands.js';
import { duplicateClientId, toJmsException } from './errors.js';
import { clientIdKey, QUEUE_GROUP, streamKey, TEMPORARY_PREFIX } from './keys.js';
import { claim, releaseClaim, renew, RENEW_MS } from './leases.js';
import type { RedisOptions } from './options.js';
import { RedisSession } from './session.js';
import { joinGroup, leaveGroup, unsubscribeDurable, type GroupPlan } from './subscription-groups.js';
import { RedisSubscription } from './subscription.js';
import { Trimmer } from './trimming.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Client = RedisClientType<any, any, any, 2, any>;

/**
 * One JMS connection: a Redis client for commands and transactions, plus one client per consumer
 * (XREADGROUP BLOCK holds its connection). The client id is a lease in Redis, renewed while the
 * connection lives, so two processes cannot hold the same one.
 */
export class RedisConnection implements ProviderConnection {
  private readonly sessions = new Set<RedisSession>();
  private readonly temporaries = new Set<string>();
  private clientId: string | null = null;
  private renewal: NodeJS.Timeout | null = null;
  private subscriptionCount = 0;
  private temporaryCount = 0;
  private closing = false;
  private lostReported = false;
  readonly trimmer: Trimmer;

  constructor(
    readonly client: Client,
    readonly options: RedisOptions,
    private readonly connectOptions: ProviderConnectOptions,
  ) {
    this.trimmer = new Trimmer(client as unknown as CommandClient, options.trim === 'acked');
    client.on('error', (error: unknown) => this.lost(error));
    client.on('end', () => this.lost(new Error('the connection ended')));
  }

  get connectionId(): string {
    return this.connectOptions.connectionId;
  }

  private get commands(): CommandClient {
    return this.client as unknown as CommandClient;
  }

  /** Reports the lost connection once and stops everything open. */
  lost(error: unknown): void {
    if (this.closing || this.lostReported) return;
    this.lostReported = true;
    this.stopTimers();
    for (const session of this.sessions) session.abandon();
    const reason = error instanceof Error ? error.message : String(error);
    this.connectOptions.onConnectionLost(new JMSException(`Lost the Redis connection: ${reason}`, ErrorCode.CONNECTION_LOST, error));
    this.client.destroy();
  }

  async setClientId(clientId: string): Promise<void> {
    this.checkOpen();
    let claimed: boolean;
    try {
      claimed = await claim(this.commands, clientIdKey(clientId), this.connectionId);
    } catch (error) {
      throw toJmsException(error, `Cannot claim client id "${clientId}"`);
    }
    if (!claimed) throw duplicateClientId(clientId);
    if (this.clientId !== null) await releaseClaim(this.commands, clientIdKey(this.clientId), this.connectionId);
    this.clientId = clientId;
    if (this.renewal === null) {
      this.renewal = setInterval(() => {
        if (this.clientId !== null) renew(this.commands, clientIdKey(this.clientId), this.connectionId).catch(() => undefined);
      }, RENEW_MS);
      this.renewal.unref();
    }
  }

  async createSession(options: ProviderSessionOptions): Promise<ProviderSession> {
    this.checkOpen();
    const session = new RedisSession(this, options.transacted, () => this.sessions.delete(session));
    this.sessions.add(session);
    return session;
  }

  /** Joins the subscription's group and starts a reader on a connection of its own. */
  async subscribe(spec: SubscriptionSpec, sink: DeliverySink, closed: (subscription: RedisSubscription) => void): Promise<RedisSubscription> {
    const consumer = `${this.connectionId}:${++this.subscriptionCount}`;
    let plan: GroupPlan;
    try {
      plan = await joinGroup(this.commands, { ...spec, clientId: spec.clientId ?? this.clientId }, consumer);
    } catch (error) {
      throw toJmsException(error, `Cannot subscribe to ${spec.destination}`);
    }
    let reader: Client;
    try {
      reader = this.client.duplicate();
      reader.on('error', () => undefined); // the read loop reports it
      await reader.connect();
    } catch (error) {
      await leaveGroup(this.commands, plan).catch(() => undefined);
      throw toJmsException(error, `Cannot open a reader for ${spec.destination}`);
    }
    const subscription = new RedisSubscription(reader as unknown as CommandClient & { destroy(): void }, this.commands, plan, spec.destination, sink, spec.prefetch, this.options.reclaimIdle, {
      leave: async () => {
        if (this.lostReported) return;
        await leaveGroup(this.commands, plan);
        this.trimmer.touched(plan.stream);
      },
      readerLost: (error) => {
        // A reply error ends the subscription alone; a broken reader socket is the connection's loss.
        if (this.client.isReady && error instanceof ErrorReply) return false;
        this.lost(error);
        return true;
      },
      closed,
    });
    subscription.start();
    return subscription;
  }

  async createTemporaryDestination(kind: DestinationKind): Promise<Destination> {
    this.checkOpen();
    const destination = destinationOf(kind, `${TEMPORARY_PREFIX}${this.connectionId}:${++this.temporaryCount}`, true);
    try {
      if (kind === 'queue') await ensureGroup(this.commands, streamKey(destination), QUEUE_GROUP, '0');
    } catch (error) {
      throw toJmsException(error, `Cannot create a temporary ${kind}`);
    }
    this.temporaries.add(streamKey(destination));
    return destination;
  }

  async deleteTemporaryDestination(destination: Destination): Promise<void> {
    this.checkOpen();
    const stream = streamKey(destination);
    this.temporaries.delete(stream);
    await this.client.sendCommand(['DEL', stream]).catch((error: unknown) => {
      throw toJmsException(error, `Cannot delete ${destination}`);
    });
  }

  async unsubscribe(name: string): Promise<void> {
    this.checkOpen();
    try {
      await unsubscribeDurable(this.commands, this.clientId, name);
    } catch (error) {
      throw toJmsException(error, `Cannot unsubscribe "${name}"`);
    }
  }

  private stopTimers(): void {
    if (this.renewal) clearInterval(this.renewal);
    this.renewal = null;
    this.trimmer.stop();
  }

  async close(): Promise<void> {
    if (this.closing || this.lostReported) return;
    await Promise.all([...this.sessions].map((session) => session.close()));
    this.closing = true;
    if (this.renewal) clearInterval(this.renewal);
    try {
      await this.trimmer.flush();
      if (this.temporaries.size > 0) await this.client.sendCommand(['DEL', ...this.temporaries]);
      if (this.clientId !== null) await releaseClaim(this.commands, clientIdKey(this.clientId), this.connectionId);
      await this.client.close();
    } catch {
      this.client.destroy();
    }
  }

  checkOpen(): void {
    if (this.closing || this.lostReported) throw new IllegalStateException('The Redis connection is closed');
  }
}
