import type { Message } from '../api/message.js';

interface Waiter {
  resolve(message: Message | null): void;
  reject(error: unknown): void;
  timer: NodeJS.Timeout | null;
}

/** The receive() calls waiting on a consumer, first come first served, each with its timeout. */
export class ReceiveWaiters {
  private readonly waiters: Waiter[] = [];

  get size(): number {
    return this.waiters.length;
  }

  /** A receive that resolves with a message, or null after `timeout` ms (0: no timeout). */
  wait(timeout: number): { readonly message: Promise<Message | null>; stillWaiting(): boolean } {
    let waiter!: Waiter;
    const message = new Promise<Message | null>((resolve, reject) => {
      waiter = { resolve, reject, timer: null };
    });
    if (timeout > 0) {
      waiter.timer = setTimeout(() => {
        this.remove(waiter);
        waiter.resolve(null);
      }, timeout);
    }
    this.waiters.push(waiter);
    return { message, stillWaiting: () => this.waiters.includes(waiter) };
  }

  /** Gives `message` to the longest waiting receive. */
  serve(message: Message): void {
    const waiter = this.waiters.shift()!;
    if (waiter.timer !== null) clearTimeout(waiter.timer);
    waiter.resolve(message);
  }

  /** Ends every waiting receive with null (consumer closed). */
  endAll(): void {
    for (const waiter of this.waiters.splice(0)) {
      if (waiter.timer !== null) clearTimeout(waiter.timer);
      waiter.resolve(null);
    }
  }

  /** Fails every waiting receive (connection lost). */
  failAll(error: unknown): void {
    for (const waiter of this.waiters.splice(0)) {
      if (waiter.timer !== null) clearTimeout(waiter.timer);
      waiter.reject(error);
    }
  }

  private remove(waiter: Waiter): void {
    const index = this.waiters.indexOf(waiter);
    if (index >= 0) this.waiters.splice(index, 1);
  }
}
