import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import type { Connection, ConnectionFactory, ConnectionOptions, Session } from '../../api/connection.js';
import { AcknowledgeMode } from '../../api/constants.js';
import type { Message } from '../../api/message.js';
import type { Capabilities } from '../../spi/capabilities.js';

/** Anything that receives: a MessageConsumer or a JMSConsumer. */
export interface Receiver {
  receive(timeout?: number): Promise<Message | null>;
}

/** Everything a case needs: the broker, unique names, scaled timeouts, and cleanup. */
export class CaseContext {
  private readonly cleanups: (() => Promise<unknown>)[] = [];
  private counter = 0;
  private readonly runId: string;

  constructor(
    readonly url: string,
    readonly adapter: string,
    readonly factory: ConnectionFactory,
    readonly capabilities: Capabilities,
    readonly caseId: string,
    private readonly timeoutScale: number,
  ) {
    this.runId = randomBytes(4).toString('hex');
  }

  /** A destination or subscription name no other run or case uses. */
  name(prefix = 'jmsts'): string {
    const slug = this.caseId.replace(/[^a-zA-Z0-9]+/g, '-').slice(-40);
    return `${prefix}.${slug}.${this.runId}.${++this.counter}`;
  }

  /** A timeout in ms, scaled for slow brokers. */
  ms(base: number): number {
    return Math.round(base * this.timeoutScale);
  }

  /** Runs `fn` when the case ends, pass or fail (in reverse order of registration). */
  defer(fn: () => Promise<unknown>): void {
    this.cleanups.push(fn);
  }

  async connection(options: ConnectionOptions = {}): Promise<Connection> {
    const connection = await this.factory.createConnection(options);
    this.defer(() => connection.close());
    return connection;
  }

  /** A connection (started unless `start: false`) and a session on it. */
  async open(
    mode: AcknowledgeMode = AcknowledgeMode.AUTO_ACKNOWLEDGE,
    options: ConnectionOptions & { start?: boolean } = {},
  ): Promise<{ connection: Connection; session: Session }> {
    const connection = await this.connection(options);
    const session = await connection.createSession(mode);
    if (options.start !== false) await connection.start();
    return { connection, session };
  }

  /** The next message, failing the case when none comes in time. */
  async receive(consumer: Receiver, timeout = 5000): Promise<Message> {
    const message = await consumer.receive(this.ms(timeout));
    assert.ok(message !== null, `no message arrived within ${this.ms(timeout)} ms`);
    return message;
  }

  /** Fails when a message arrives within `timeout` ms. */
  async expectNone(consumer: Receiver, timeout = 300): Promise<void> {
    const message = await consumer.receive(this.ms(timeout));
    assert.equal(message, null, `expected no message, got ${message?.getJMSMessageID()}`);
  }

  /** `count` messages, in arrival order. */
  async receiveMany(consumer: Receiver, count: number, timeout = 10000): Promise<Message[]> {
    const messages: Message[] = [];
    for (let i = 0; i < count; i++) messages.push(await this.receive(consumer, timeout));
    return messages;
  }

  async cleanup(): Promise<void> {
    for (const fn of this.cleanups.reverse()) {
      try {
        await fn();
      } catch {
        // Cleanup is best effort; the case's own result is what counts.
      }
    }
    this.cleanups.length = 0;
  }
}
