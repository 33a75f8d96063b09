import type { CompletionListener } from '../api/connection.js';
import { JMSException } from '../api/exceptions.js';
import type { Message } from '../api/message.js';

/** One async send waiting for its CompletionListener to be called. */
interface Waiting {
  readonly message: Message;
  readonly listener: CompletionListener;
  settled: boolean;
  error: JMSException | null;
}

/**
 * A producer's async sends in send order: each completes (its listener is called) once it and
 * every send before it have settled. Pipelined sends run at message rate, so a send costs one
 * record and one reaction, not a chain of promises.
 */
export class AsyncCompletions {
  private items: (Waiting | undefined)[] = [];
  private head = 0;
  private idlePromise: Promise<void> | null = null;
  private resolveIdle: (() => void) | null = null;

  /** `report` takes what a listener callback throws (it must not hold back later callbacks). */
  constructor(private readonly report: (error: unknown) => void) {}

  get empty(): boolean {
    return this.head === this.items.length;
  }

  add(sent: Promise<void>, message: Message, listener: CompletionListener): void {
    const waiting: Waiting = { message, listener, settled: false, error: null };
    this.items.push(waiting);
    sent.then(
      () => this.settle(waiting, null),
      (error: unknown) => this.settle(waiting, error instanceof JMSException ? error : new JMSException(String((error as Error)?.message ?? error), undefined, error)),
    );
  }

  /** Resolves when every send added so far (and any added meanwhile) has completed. */
  idle(): Promise<void> {
    if (this.empty) return Promise.resolve();
    return (this.idlePromise ??= new Promise<void>((resolve) => (this.resolveIdle = resolve)));
  }

  private settle(waiting: Waiting, error: JMSException | null): void {
    waiting.settled = true;
    waiting.error = error;
    while (this.head < this.items.length && this.items[this.head]!.settled) {
      const done = this.items[this.head]!;
      this.items[this.head++] = undefined;
      try {
        if (done.error === null) done.listener.onCompletion(done.message);
        else done.listener.onException(done.message, done.error);
      } catch (thrown) {
        this.report(thrown);
      }
    }
    if (this.empty) {
      this.items = [];
      this.head = 0;
      const resolve = this.resolveIdle;
      this.idlePromise = null;
      this.resolveIdle = null;
      resolve?.();
    } else if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}
