import type { Delivery } from '../spi/envelope.js';
import type { ProviderSession } from '../spi/provider.js';

/**
 * Acknowledgements sent to the provider outside transactions. Acks made in the same turn of the
 * event loop go as one call, which keeps AUTO_ACKNOWLEDGE cheap at high rates; close() waits
 * for every ack still in flight.
 */
export class AckBatcher {
  private batch: Delivery[] = [];
  private inFlight = new Set<Promise<void>>();

  constructor(
    private readonly provider: ProviderSession,
    private readonly onError: (error: unknown) => void,
  ) {}

  add(delivery: Delivery): void {
    if (this.batch.length === 0) queueMicrotask(() => this.flush());
    this.batch.push(delivery);
  }

  flush(): void {
    if (this.batch.length === 0) return;
    const deliveries = this.batch;
    this.batch = [];
    this.track(this.provider.acknowledge(deliveries));
  }

  /** Acknowledges at once and resolves when the provider has. */
  async now(deliveries: Delivery[]): Promise<void> {
    this.flush();
    if (deliveries.length > 0) await this.provider.acknowledge(deliveries);
  }

  private track(promise: Promise<void>): void {
    // One derived promise per batch: acks run at message rate, so every promise counts.
    const tracked: Promise<void> = promise.then(
      () => void this.inFlight.delete(tracked),
      (error: unknown) => {
        this.inFlight.delete(tracked);
        this.onError(error);
      },
    );
    this.inFlight.add(tracked);
  }

  async settle(): Promise<void> {
    this.flush();
    await Promise.all(this.inFlight);
  }
}
