import type { StompConnection } from './connection.js';

/**
 * A transacted session's STOMP transaction: BEGIN goes out with its first SEND or ACK, COMMIT or
 * ABORT ends it, and the next frame begins a new one. Frames are posted in call order on the one
 * connection, so the broker sees BEGIN, the work, then COMMIT in that order.
 */
export class StompTransaction {
  private id: string | null = null;
  /** RabbitMQ: receipts of this transaction's SENDs, which come after COMMIT's own receipt. */
  private confirmations: { received: Promise<void>; forget(): void }[] = [];
  /** Puts back what this transaction acknowledged, for the client layer's redelivery after ABORT. */
  private restores: (() => void)[] = [];

  constructor(private readonly connection: StompConnection) {}

  get open(): boolean {
    return this.id !== null;
  }

  private current(): string {
    if (this.id === null) {
      this.id = this.connection.nextId('tx');
      this.connection.post('BEGIN', { transaction: this.id });
    }
    return this.id;
  }

  /**
   * A SEND inside the transaction does not wait for a receipt: RabbitMQ gives none before COMMIT,
   * and ActiveMQ handles frames in order, so COMMIT's receipt also covers the sends before it.
   */
  send(headers: Record<string, string>, body: Buffer): Promise<void> {
    const framed = { ...headers, transaction: this.current() };
    if (!this.connection.dialect.commitReceiptBeforeSends) {
      this.connection.post('SEND', framed, body);
      return Promise.resolve();
    }
    const confirmation = this.connection.requestReceipt('SEND', framed, body);
    confirmation.received.catch(() => undefined); // awaited by commit; a lost connection fails it there
    this.confirmations.push(confirmation);
    return Promise.resolve();
  }

  /** An ACK inside the transaction; `restore` makes the message acknowledgeable again if it aborts. */
  ack(headers: Record<string, string>, restore: () => void): void {
    this.connection.post('ACK', { ...headers, transaction: this.current() });
    this.restores.push(restore);
  }

  /** Resolves when the broker has committed, including (on RabbitMQ) every send's confirmation. */
  async commit(): Promise<void> {
    if (this.id === null) return;
    await this.connection.request('COMMIT', { transaction: this.id });
    await Promise.all(this.confirmations.map((c) => c.received));
    this.id = null;
    this.confirmations = [];
    this.restores = [];
  }

  /** ABORT; the messages it had acknowledged stay with their subscriptions, unacknowledged. */
  async rollback(): Promise<void> {
    if (this.id === null) return;
    const id = this.id;
    for (const confirmation of this.confirmations) confirmation.forget();
    for (const restore of this.restores) restore();
    this.id = null;
    this.confirmations = [];
    this.restores = [];
    if (this.connection.isOpen) await this.connection.request('ABORT', { transaction: id });
  }
}
