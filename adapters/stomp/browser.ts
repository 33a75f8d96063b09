import type { Envelope } from '../../src/spi/public.js';
import type { ProviderBrowser } from '../../src/spi/public.js';
import type { StompConnection } from './connection.js';
import { frameToEnvelope } from './frames.js';
import { readBody, type IncomingFrame } from './incoming.js';

/** ActiveMQ's `browser:true` subscription: the queue's messages, then one frame marked `browser:end`. */
export class StompBrowser implements ProviderBrowser {
  private readonly ready: Envelope[] = [];
  private waiting: ((envelope: Envelope | null) => void) | null = null;
  private ended = false;

  private constructor(
    private readonly connection: StompConnection,
    private readonly id: string,
  ) {}

  /** Opens a browser on `path`; resolves once the broker has the subscription. */
  static async open(connection: StompConnection, path: string, selector: string | null): Promise<StompBrowser> {
    const id = connection.nextId('browse');
    const browser = new StompBrowser(connection, id);
    connection.listen(id, (error, frame) => browser.onFrame(error, frame));
    const headers: Record<string, string> = { destination: path, id, ack: 'auto', browser: 'true', ...connection.transformationHeader };
    if (selector !== null) headers.selector = selector;
    await connection.request('SUBSCRIBE', headers);
    return browser;
  }

  private onFrame(error: Error | null, frame: IncomingFrame | undefined): void {
    if (error || !frame) return this.push(null);
    const headers = frame.headers;
    void readBody(frame).then((body) => this.push(headers.browser === 'end' ? null : frameToEnvelope(headers, body, this.connection.dialect)));
  }

  private push(envelope: Envelope | null): void {
    if (this.ended) return;
    if (envelope === null) this.ended = true;
    if (this.waiting) {
      const waiting = this.waiting;
      this.waiting = null;
      waiting(envelope);
    } else if (envelope !== null) this.ready.push(envelope);
  }

  next(): Promise<Envelope | null> {
    const envelope = this.ready.shift();
    if (envelope !== undefined) return Promise.resolve(envelope);
    if (this.ended) return Promise.resolve(null);
    return new Promise((resolve) => (this.waiting = resolve));
  }

  async close(): Promise<void> {
    this.push(null);
    this.connection.unsubscribeFrames(this.id);
  }
}
