import type { QueueBrowser } from '../api/connection.js';
import type { Queue } from '../api/destination.js';
import { IllegalStateException } from '../api/exceptions.js';
import type { Message } from '../api/message.js';
import { compileEnvelopeSelector } from '../codec/index.js';
import { decodedMessage } from './hand-out.js';
import type { BrowserHost } from './hosts.js';

/**
 * A QueueBrowser: each enumeration is a fresh look at the queue. Expired and not-yet-due messages
 * are skipped, and the selector is applied here when the broker cannot filter a browse itself.
 */
export class ClientBrowser implements QueueBrowser {
  private closed = false;
  private readonly filter;

  constructor(
    private readonly host: BrowserHost,
    private readonly queue: Queue,
    private readonly selector: string | null,
  ) {
    // Where the broker filtered the browse, filtering again could only disagree with it.
    this.filter = host.features.isNative('queueSelectors') ? null : compileEnvelopeSelector(selector);
  }

  getQueue(): Queue {
    this.checkOpen();
    return this.queue;
  }

  getMessageSelector(): string | null {
    this.checkOpen();
    return this.selector;
  }

  private checkOpen(): void {
    if (this.closed) throw new IllegalStateException('The browser is closed');
    this.host.checkOpen();
  }

  getEnumeration(): AsyncIterable<Message> {
    this.checkOpen();
    return { [Symbol.asyncIterator]: () => this.enumerate() };
  }

  [Symbol.asyncIterator](): AsyncIterator<Message> {
    return this.getEnumeration()[Symbol.asyncIterator]();
  }

  private async *enumerate(): AsyncGenerator<Message> {
    const browse = await this.host.browse(this.queue, this.selector);
    try {
      for (;;) {
        if (this.closed) return;
        const envelope = await browse.next();
        if (envelope === null) return;
        const now = Date.now();
        if (envelope.expiration !== 0 && envelope.expiration <= now) continue;
        if (envelope.deliveryTime > now) continue;
        if (this.filter !== null && !this.filter(envelope)) continue;
        const message = decodedMessage(envelope);
        message.setJMSDestination(this.queue);
        message.markReceived();
        yield message;
      }
    } finally {
      await browse.close();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.host.browserClosed(this);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
