import { createClient } from '@redis/client';

export type RawRedis = ReturnType<typeof createClient>;

/** A plain node-redis client, the way an application without jms-ts talks to the same server. */
export async function rawClient(url: string): Promise<RawRedis> {
  const client = createClient({ url, RESP: 2 } as never) as RawRedis;
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** Deletes the keys a test made (streams and the adapter's bookkeeping under jms:*{stream}*). */
export async function deleteKeys(client: RawRedis, ...keys: string[]): Promise<void> {
  const members: string[] = [];
  for (const key of keys) {
    for await (const batch of client.scanIterator({ MATCH: `jms:members:{${key}}:*`, COUNT: 1000 })) members.push(...(batch as unknown as string[]));
  }
  const all = [...keys, ...members];
  if (all.length > 0) await client.del(all);
}
