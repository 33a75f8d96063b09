import { InvalidDestinationException } from '../../src/api/exceptions.js';
import { StompBrowser } from './browser.js';
import type { StompConnection } from './connection.js';

/**
 * ActiveMQ answers an UNSUBSCRIBE of an unknown durable subscription as if it had worked, so each
 * durable subscription leaves one marker message in a queue of its own, which unsubscribe checks.
 */
export class DurableRegistry {
  constructor(
    private readonly connection: StompConnection,
    private readonly clientId: () => string | null,
  ) {}

  private path(name: string): string {
    return `/queue/jmsts.registry.${encodeURIComponent(this.clientId() ?? '')}.${encodeURIComponent(name)}`;
  }

  private async markers(name: string): Promise<number> {
    const browser = await StompBrowser.open(this.connection, this.path(name), null);
    let count = 0;
    while ((await browser.next()) !== null) count++;
    await browser.close();
    return count;
  }

  async record(name: string): Promise<void> {
    if ((await this.markers(name)) > 0) return;
    await this.connection.request('SEND', { destination: this.path(name), persistent: 'true', 'content-length': '0' }, Buffer.alloc(0));
  }

  async unsubscribe(name: string): Promise<void> {
    const { connection } = this;
    if (connection.dialect.capabilities.durableSubscriptions === 'unsupported' || (await this.markers(name)) === 0) {
      throw new InvalidDestinationException(`No durable subscription "${name}" for client id "${this.clientId() ?? ''}"`);
    }
    await connection.request('UNSUBSCRIBE', { id: connection.nextId('unsubscribe'), 'activemq.subscriptionName': name });
    await this.takeMarker(name);
  }

  /** Consumes the subscription's marker: an auto-ack subscription that ends at the first message. */
  private async takeMarker(name: string): Promise<void> {
    const { connection } = this;
    const id = connection.nextId('registry');
    const taken = new Promise<void>((resolve) => {
      connection.listen(id, (_error, frame) => {
        frame?.resume();
        resolve();
      });
    });
    await connection.request('SUBSCRIBE', { destination: this.path(name), id, ack: 'auto', [connection.dialect.prefetchHeader]: '1' });
    await taken;
    connection.unsubscribeFrames(id);
  }
}
