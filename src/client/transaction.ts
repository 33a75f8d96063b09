import { AcknowledgeMode } from '../api/constants.js';
import type { Destination } from '../api/destination.js';
import { IllegalStateException } from '../api/exceptions.js';
import type { Delivery, Envelope } from '../spi/envelope.js';
import type { ProviderSession } from '../spi/provider.js';
import type { Features } from './features.js';

/**
 * How a session's sends and acknowledgements become part of a transaction: not at all, by the
 * provider's own transaction, or by the client holding sends until commit. The session decides
 * when to commit and what to redeliver; the strategy only carries the work out.
 */
export interface SessionTransaction {
  readonly transacted: boolean;
  /** Sends now, or within the open transaction. */
  send(destination: Destination, envelope: Envelope): Promise<void>;
  /** Commits the open transaction's sends with these consumed deliveries. */
  commit(consumed: readonly Delivery[]): Promise<void>;
  /** Discards the open transaction's sends and acknowledgements. */
  rollback(): Promise<void>;
  /** The session closes with the transaction open: roll it back, never commit it. */
  discard(): Promise<void>;
  /** Whether the open transaction has sends (consumed messages are the ledger's to know). */
  hasWork(): boolean;
}

/** What an emulated transaction acknowledges through when it commits. */
export interface Acknowledger {
  acknowledgeNow(deliveries: readonly Delivery[]): Promise<void>;
}

export function transactionFor(mode: AcknowledgeMode, features: Features, provider: ProviderSession, acks: Acknowledger): SessionTransaction {
  if (mode !== AcknowledgeMode.SESSION_TRANSACTED) return new NoTransaction(provider);
  return features.isEmulated('transactions') ? new EmulatedTransaction(provider, acks) : new NativeTransaction(provider);
}

/** Not transacted: sends go at once; commit and rollback are refused. */
export class NoTransaction implements SessionTransaction {
  readonly transacted = false;
  constructor(private readonly provider: ProviderSession) {}
  send(destination: Destination, envelope: Envelope): Promise<void> {
    return this.provider.send(destination, envelope);
  }
  async commit(): Promise<void> {
    throw new IllegalStateException('commit() needs a transacted session');
  }
  async rollback(): Promise<void> {
    throw new IllegalStateException('rollback() needs a transacted session');
  }
  async discard(): Promise<void> {}
  hasWork(): boolean {
    return false;
  }
}

/** The provider's transaction covers sends and acknowledgements. */
export class NativeTransaction implements SessionTransaction {
  readonly transacted = true;
  private sends = 0;
  constructor(private readonly provider: ProviderSession) {}
  send(destination: Destination, envelope: Envelope): Promise<void> {
    this.sends++;
    return this.provider.send(destination, envelope);
  }
  async commit(consumed: readonly Delivery[]): Promise<void> {
    this.sends = 0;
    await this.provider.acknowledge(consumed);
    await this.provider.commit!();
  }
  rollback(): Promise<void> {
    this.sends = 0;
    return this.provider.rollback!();
  }
  async discard(): Promise<void> {
    this.sends = 0;
    await this.provider.rollback!().catch(() => undefined);
  }
  hasWork(): boolean {
    return this.sends > 0;
  }
}

/**
 * The client holds sends until commit, then sends them and acknowledges what was consumed. A
 * crash during commit can leave it partly done (the capability says so).
 */
export class EmulatedTransaction implements SessionTransaction {
  readonly transacted = true;
  private held: [Destination, Envelope][] = [];
  constructor(
    private readonly provider: ProviderSession,
    private readonly acks: Acknowledger,
  ) {}
  async send(destination: Destination, envelope: Envelope): Promise<void> {
    this.held.push([destination, envelope]);
  }
  async commit(consumed: readonly Delivery[]): Promise<void> {
    const held = this.held;
    this.held = [];
    for (const [destination, envelope] of held) await this.provider.send(destination, envelope);
    await this.acks.acknowledgeNow(consumed);
  }
  async rollback(): Promise<void> {
    this.held = [];
  }
  async discard(): Promise<void> {
    this.held = [];
  }
  hasWork(): boolean {
    return this.held.length > 0;
  }
}
