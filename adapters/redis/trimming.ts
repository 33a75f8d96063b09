import { destroyGroup, groups, idBefore, lowestPending, nextId, type CommandClient } from './commands.js';
import { membersKey, NON_DURABLE_GROUP_PREFIX, TOPIC_PREFIX } from './keys.js';
import { activeMembers } from './leases.js';

/** A stream is trimmed at most this often per connection, after acknowledgements. */
const TRIM_INTERVAL_MS = 1000;

/**
 * Streams do not shrink by themselves. After acknowledgements, a stream loses the entries every
 * group is done with: below each group's lowest pending entry, or, with nothing pending, up to
 * what it was last given. A queue stream without its group is left alone (its messages wait for a
 * first consumer); a topic stream without groups has no one to read its entries and is emptied.
 * Non-durable groups whose members' leases all lapsed (a crashed subscriber) are removed first,
 * so they do not pin the stream forever. Costs XINFO GROUPS plus one XPENDING per group and an XTRIM.
 */
export class Trimmer {
  private readonly due = new Map<string, NodeJS.Timeout>();
  private readonly lastRun = new Map<string, number>();
  private stopped = false;

  constructor(
    private readonly client: CommandClient,
    private readonly enabled: boolean,
  ) {}

  /** Something was acknowledged or a group removed on this stream. */
  touched(stream: string): void {
    if (!this.enabled || this.stopped || this.due.has(stream)) return;
    const wait = Math.max(0, (this.lastRun.get(stream) ?? 0) + TRIM_INTERVAL_MS - Date.now());
    const timer = setTimeout(() => {
      this.due.delete(stream);
      this.lastRun.set(stream, Date.now());
      trimStream(this.client, stream).catch(() => undefined); // the next acknowledgement tries again
    }, wait);
    timer.unref();
    this.due.set(stream, timer);
  }

  /** Runs the trims still due now, so a closing connection leaves its streams trimmed. */
  async flush(): Promise<void> {
    const streams = [...this.due.keys()];
    this.stop();
    await Promise.all(streams.map((stream) => trimStream(this.client, stream).catch(() => undefined)));
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.due.values()) clearTimeout(timer);
    this.due.clear();
  }
}

/** Removes what every group of `stream` has acknowledged; answers the MINID used, or null when nothing could go. */
export async function trimStream(client: CommandClient, stream: string): Promise<string | null> {
  const topic = stream.startsWith(TOPIC_PREFIX);
  let boundary: string | null = null;
  let anyGroup = false;
  for (const group of await groups(client, stream)) {
    if (group.name.startsWith(NON_DURABLE_GROUP_PREFIX) && (await activeMembers(client, membersKey(stream, group.name))) === 0) {
      await destroyGroup(client, stream, group.name);
      continue;
    }
    anyGroup = true;
    const low = group.pending > 0 ? await lowestPending(client, stream, group.name) : null;
    const keep = low ?? nextId(group.lastDeliveredId);
    if (boundary === null || idBefore(keep, boundary)) boundary = keep;
  }
  if (!anyGroup) {
    if (!topic) return null;
    const last = await client.sendCommand<[string, unknown][]>(['XREVRANGE', stream, '+', '-', 'COUNT', '1']);
    if (last.length === 0) return null;
    boundary = nextId(last[0]![0]);
  }
  await client.sendCommand(['XTRIM', stream, 'MINID', boundary!]);
  return boundary;
}
