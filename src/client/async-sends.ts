/**
 * A session's async sends still in flight: each producer's latest completion (completions settle
 * in send order, so the latest covers the rest). Close and commit wait for them.
 */
export class AsyncSends {
  private readonly latest = new Map<object, Promise<void>>();

  track(producer: object, completion: Promise<void>): void {
    this.latest.set(producer, completion);
  }

  async settle(): Promise<void> {
    while (this.latest.size > 0) {
      const snapshot = [...this.latest];
      await Promise.all(snapshot.map(([, completion]) => completion));
      // A producer that sent again meanwhile stays, with its newer completion.
      for (const [producer, completion] of snapshot) if (this.latest.get(producer) === completion) this.latest.delete(producer);
    }
  }
}
