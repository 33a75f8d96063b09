import type { Envelope } from '../../src/spi/public.js';
import type { ProviderBrowser } from '../../src/spi/public.js';
import { ensureGroup, groups, idBefore, lastEntryId, lowestPending, nextId, pendingRange, range, type CommandClient, type StreamEntry } from './commands.js';
import { entryToEnvelope } from './entry-mapping.js';
import { QUEUE_GROUP } from './keys.js';

const PAGE = 100;

/**
 * A queue browser: XRANGE from the queue group's first pending entry, or, with nothing pending,
 * from the first entry not yet delivered, up to the last entry when browsing started. Entries
 * already delivered are shown only while they are pending (not acknowledged).
 */
export class RedisBrowser implements ProviderBrowser {
  private page: StreamEntry[] = [];
  private done = false;

  private constructor(
    private readonly client: CommandClient,
    private readonly stream: string,
    private cursor: string,
    private readonly end: string,
    private readonly lastDelivered: string,
  ) {}

  static async open(client: CommandClient, stream: string): Promise<RedisBrowser> {
    await ensureGroup(client, stream, QUEUE_GROUP, '0');
    const group = (await groups(client, stream)).find((info) => info.name === QUEUE_GROUP);
    const lastDelivered = group?.lastDeliveredId ?? '0-0';
    const start = (await lowestPending(client, stream, QUEUE_GROUP)) ?? nextId(lastDelivered);
    const end = (await lastEntryId(client, stream)) ?? '0-0';
    const browser = new RedisBrowser(client, stream, start, end, lastDelivered);
    if (idBefore(end, start)) browser.done = true;
    return browser;
  }

  async next(): Promise<Envelope | null> {
    while (this.page.length === 0) {
      if (this.done) return null;
      await this.fetch();
    }
    return entryToEnvelope(this.stream, this.page.shift()!);
  }

  private async fetch(): Promise<void> {
    const entries = await range(this.client, this.stream, this.cursor, this.end, PAGE);
    if (entries.length < PAGE) this.done = true;
    if (entries.length === 0) return;
    this.cursor = nextId(entries[entries.length - 1]!.id);
    const first = entries[0]!.id;
    // Delivered entries count only while pending; later ones were never delivered.
    let pending: Set<string> | null = null;
    if (!idBefore(this.lastDelivered, first)) {
      const upTo = idBefore(this.lastDelivered, entries[entries.length - 1]!.id) ? this.lastDelivered : entries[entries.length - 1]!.id;
      pending = new Set((await pendingRange(this.client, this.stream, QUEUE_GROUP, first, upTo, PAGE)).map((entry) => entry.id));
    }
    this.page = entries.filter((entry) => idBefore(this.lastDelivered, entry.id) || (pending?.has(entry.id) ?? false));
  }

  async close(): Promise<void> {
    this.done = true;
    this.page = [];
  }
}
