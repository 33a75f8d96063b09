import { ErrorCode } from '../../src/api/error-codes.js';
import type { Destination } from '../../src/api/destination.js';
import { FeatureNotSupportedException, IllegalStateException, JMSException, TransactionRolledBackException } from '../../src/api/exceptions.js';
import type { Delivery, Envelope } from '../../src/spi/public.js';
import type { DeliverySink, ProviderBrowser, ProviderSession, ProviderSubscription, SubscriptionSpec } from '../../src/spi/public.js';
import { RedisBrowser } from './browser.js';
import { xackArgs, xaddArgs, type Argument } from './commands.js';
import type { RedisConnection } from './connection.js';
import { envelopeToFields } from './entry-mapping.js';
import { toJmsException } from './errors.js';
import { streamKey } from './keys.js';
import { RedisDelivery, type RedisSubscription } from './subscription.js';

const DONE: Promise<void> = Promise.resolve();
const IGNORE = (): void => undefined;

/** Acknowledgements grouped by the subscription (stream and group) they belong to. */
function bySubscription(deliveries: readonly Delivery[]): Map<RedisSubscription, string[]> {
  const groups = new Map<RedisSubscription, string[]>();
  for (const delivery of deliveries) {
    if (!(delivery instanceof RedisDelivery) || !delivery.subscription.isOpen) continue;
    const ids = groups.get(delivery.subscription) ?? [];
    ids.push(delivery.id);
    groups.set(delivery.subscription, ids);
  }
  return groups;
}

/**
 * A session: sends are XADDs (node-redis pipelines those issued together, in call order);
 * acknowledgements are XACKs. A transacted session keeps both until commit, then runs them in
 * one MULTI/EXEC, which Redis applies all together with nothing from other clients in between.
 */
export class RedisSession implements ProviderSession {
  private readonly subscriptions = new Set<RedisSubscription>();
  private pendingCommands: Argument[][] = [];
  private pendingAcks: Delivery[] = [];
  private closed = false;

  constructor(
    private readonly connection: RedisConnection,
    private readonly transacted: boolean,
    private readonly onClose: () => void,
  ) {}

  // Runs per message, so no async function: the command's own promise plus one reaction.
  send(destination: Destination, envelope: Envelope): Promise<void> {
    let args: Argument[];
    try {
      this.checkOpen();
      args = xaddArgs(streamKey(destination), envelopeToFields(envelope), this.connection.options.maxLen);
    } catch (error) {
      return Promise.reject(error);
    }
    if (this.transacted) {
      this.pendingCommands.push(args);
      return DONE;
    }
    return this.connection.client.sendCommand(args).then(IGNORE, (error: unknown) => {
      throw toJmsException(error, `Redis did not take a message to ${destination}`);
    });
  }

  async subscribe(spec: SubscriptionSpec, sink: DeliverySink): Promise<ProviderSubscription> {
    this.checkOpen();
    const subscription = await this.connection.subscribe(spec, sink, (closed) => this.subscriptions.delete(closed));
    this.subscriptions.add(subscription);
    return subscription;
  }

  async acknowledge(deliveries: readonly Delivery[]): Promise<void> {
    this.checkOpen();
    if (this.transacted) {
      this.pendingAcks.push(...deliveries);
      return;
    }
    const groups = bySubscription(deliveries);
    try {
      await Promise.all(
        [...groups].map(async ([subscription, ids]) => {
          const acked = this.connection.client.sendCommand(xackArgs(subscription.member.stream, subscription.member.group, ids));
          // The reader may fetch more while the XACK is on its way (one round trip less per batch).
          // Should the XACK fail, the entries are no longer kept fresh, so they are delivered again after reclaimIdle.
          subscription.acknowledged(ids);
          await acked;
          this.connection.trimmer.touched(subscription.member.stream);
        }),
      );
    } catch (error) {
      throw toJmsException(error, 'Redis did not take an acknowledgement');
    }
  }

  async commit(): Promise<void> {
    this.checkOpen();
    if (!this.transacted) throw new IllegalStateException('The session is not transacted');
    const sends = this.pendingCommands;
    const acks = bySubscription(this.pendingAcks);
    this.pendingCommands = [];
    this.pendingAcks = [];
    if (sends.length === 0 && acks.size === 0) return;
    const multi = this.connection.client.multi();
    for (const args of sends) multi.addCommand(args);
    for (const [subscription, ids] of acks) multi.addCommand(xackArgs(subscription.member.stream, subscription.member.group, ids));
    try {
      await multi.exec();
    } catch (error) {
      const failed = (error as { errorIndexes?: unknown }).errorIndexes;
      if (Array.isArray(failed)) {
        // EXEC ran: Redis applied every other command of the block and undoes nothing.
        throw new JMSException(
          `Redis applied the transaction except ${failed.length} of its ${sends.length + acks.size} commands, which failed: ${error instanceof Error ? error.message : String(error)}`,
          ErrorCode.TRANSACTION_FAILED,
          error,
        );
      }
      // EXEC did not run, or the connection was lost with it in flight (then its outcome is unknown).
      throw new TransactionRolledBackException(`Redis did not commit the transaction: ${error instanceof Error ? error.message : String(error)}`, ErrorCode.TRANSACTION_FAILED, error);
    }
    for (const [subscription, ids] of acks) {
      subscription.acknowledged(ids);
      this.connection.trimmer.touched(subscription.member.stream);
    }
  }

  async rollback(): Promise<void> {
    this.checkOpen();
    if (!this.transacted) throw new IllegalStateException('The session is not transacted');
    this.pendingCommands = [];
    this.pendingAcks = [];
  }

  async browse(queue: Destination, selector: string | null): Promise<ProviderBrowser> {
    this.checkOpen();
    if (selector !== null) throw new FeatureNotSupportedException('redis', 'queue browser selectors', 'a stream cannot be filtered on the server');
    try {
      return await RedisBrowser.open(this.connection.client, streamKey(queue));
    } catch (error) {
      throw toJmsException(error, `Cannot browse ${queue}`);
    }
  }

  /** The connection is gone: forget everything without touching the server. */
  abandon(): void {
    this.closed = true;
    for (const subscription of this.subscriptions) subscription.abandon();
    this.subscriptions.clear();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.pendingCommands = [];
    this.pendingAcks = [];
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close().catch(() => undefined)));
    this.onClose();
  }

  private checkOpen(): void {
    if (this.closed) throw new IllegalStateException('The session is closed');
    this.connection.checkOpen();

  }
}
