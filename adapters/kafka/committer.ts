import type { OffsetCommit } from './subscription.js';

interface Waiting {
  readonly promise: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

function waiting(): Waiting {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/**
 * Commits a subscription's consumed offsets with at most one commit in flight, always of the newest
 * offsets: acknowledgements made while a commit is on its way wait for the next one, which covers
 * them all. One commit per round trip instead of one per message keeps consumption at fetch speed;
 * a commit per message queues every fetch behind the commits on the coordinator's connection.
 *
 * With `delayMs` > 0 (DUPS_OK_ACKNOWLEDGE) a commit waits that long first, gathering more.
 * Every promise `add` returns settles when a commit covering its offsets has, or with its error.
 */
export class OffsetCommitter {
  /** Per partition, the next offset to commit. */
  private pending = new Map<number, OffsetCommit>();
  private next: Waiting | null = null;
  private inFlight: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly commit: (offsets: OffsetCommit[]) => Promise<void>,
    private readonly delayMs: number,
  ) {}

  add(offsets: readonly OffsetCommit[]): Promise<void> {
    for (const offset of offsets) {
      const known = this.pending.get(offset.partition);
      if (known === undefined || BigInt(known.offset) < BigInt(offset.offset)) this.pending.set(offset.partition, offset);
    }
    const next = (this.next ??= waiting());
    this.schedule(false);
    return next.promise;
  }

  /** Commits what is pending now and resolves when every commit asked for is done. */
  async flush(): Promise<void> {
    while (this.inFlight !== null || this.next !== null) {
      const next = this.next;
      this.schedule(true);
      await Promise.allSettled([this.inFlight, next?.promise]);
    }
  }

  private schedule(now: boolean): void {
    if (this.next === null || this.inFlight !== null) return; // the commit in flight starts the next when done
    if (now || this.delayMs === 0) {
      if (this.timer !== null) clearTimeout(this.timer);
      this.timer = null;
      this.start();
    } else {
      this.timer ??= setTimeout(() => {
        this.timer = null;
        this.schedule(true);
      }, this.delayMs);
    }
  }

  private start(): void {
    const offsets = [...this.pending.values()];
    const next = this.next!;
    this.pending = new Map();
    this.next = null;
    this.inFlight = (offsets.length === 0 ? Promise.resolve() : this.commit(offsets)).then(next.resolve, next.reject).finally(() => {
      this.inFlight = null;
      this.schedule(false);
    });
  }
}
