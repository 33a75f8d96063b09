/** How long a receive may wait on a never-started connection before the warning. Tests shorten it. */
export const startReminderTiming = { delayMs: 2000 };

export const CONNECTION_NOT_STARTED = 'JMSTS_CONNECTION_NOT_STARTED';

/**
 * The commonest JMS mistake is a consumer waiting on a connection nobody started: it waits
 * forever in silence. The reminder warns once per connection when a receive has waited a moment
 * on a connection that was never started.
 */
export class StartReminder {
  private readonly timers = new Set<NodeJS.Timeout>();
  private done = false;

  /** A receive began waiting on the stopped connection. */
  waiting(stillWaiting: () => boolean): void {
    if (this.done) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.done || !stillWaiting()) return;
      this.cancel();
      process.emitWarning(
        'jms-ts: a consumer has been waiting for a message on a connection that was never started; call connection.start() to begin delivery',
        { code: CONNECTION_NOT_STARTED },
      );
    }, startReminderTiming.delayMs);
    timer.unref(); // never keeps the process alive
    this.timers.add(timer);
  }

  /** The connection started (or closed): no reminder, now or later. */
  cancel(): void {
    this.done = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
