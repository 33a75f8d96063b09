import type { Delivery } from '../spi/envelope.js';
import type { ProviderSession } from '../spi/provider.js';

/**
 * Acknowledgements sent to the provider outside transactions. Acks made in the same turn of the
 * event loop go as one call, which keeps AUTO_ACKNOWLEDGE cheap at high rates; close() waits
 * for every ack still in flight.
 */
export class AckBatcher {
  private batch: Delivery[] = [];
  /** Acks sent and not yet answered, and who waits for them all to be. */
  private inFlight = 0;
  private drained: (() => void)[] = [];

  constructor(
    private readonly provider: ProviderSession,
    private readonly onError: (error: unknown) => void,
  ) {}

  add(delivery: Delivery): void {
    if (this.batch.length === 0) queueMicrotask(this.flushSoon);
    this.batch.push(delivery);
  }

  flush(): void {
    if (this.batch.length === 0) return;
    const deliveries = this.batch;
    this.batch = [];
    this.inFlight++;
    // One derived promise per batch and no closures: acks run at message rate.
    this.provider.acknowledge(deliveries).then(this.answered, this.failed);
  }

  /** Acknowledges at once and resolves when the provider has. */
  async now(deliveries: Delivery[]): Promise<void> {
    this.flush();
    if (deliveries.length > 0) await this.provider.acknowledge(deliveries);
  }

  async settle(): Promise<void> {
    this.flush();
    while (this.inFlight > 0) await new Promise<void>((resolve) => this.drained.push(resolve));
  }

  private readonly flushSoon = (): void => this.flush();

  private readonly answered = (): void => {
    if (--this.inFlight > 0) return;
    const waiting = this.drained;
    this.drained = [];
    for (const resolve of waiting) resolve();
  };

  private readonly failed = (error: unknown): void => {
    this.onError(error);
    this.answered();
  };
}
