import { RESP_TYPES } from '@redis/client';
import { RELEASED_CONSUMER } from './keys.js';

/**
 * The stream commands jms-ts sends, as raw RESP2 commands: replies stay plain arrays, and field
 * values come back as Buffers so a BytesMessage body is never passed through a string.
 */
export type Argument = string | Buffer;

export interface CommandClient {
  sendCommand<T = unknown>(args: readonly Argument[], options?: { typeMapping?: Record<number, unknown> }): Promise<T>;
}

const AS_BUFFERS = { typeMapping: { [RESP_TYPES.BLOB_STRING]: Buffer } };

/** One stream entry: its id and its fields in order. */
export interface StreamEntry {
  readonly id: string;
  readonly fields: ReadonlyMap<string, Buffer>;
}

type RawEntry = [Buffer, Buffer[] | null];

function entry([id, flat]: RawEntry): StreamEntry | null {
  if (flat === null) return null; // a pending entry whose data was trimmed or deleted
  const fields = new Map<string, Buffer>();
  for (let i = 0; i + 1 < flat.length; i += 2) fields.set(flat[i]!.toString(), flat[i + 1]!);
  return { id: id.toString(), fields };
}

function entries(raw: RawEntry[] | null): StreamEntry[] {
  const result: StreamEntry[] = [];
  for (const item of raw ?? []) {
    const parsed = entry(item);
    if (parsed !== null) result.push(parsed);
  }
  return result;
}

/** XADD of `fields` (an array this takes over: the command is built in front of it, not copied). */
export function xaddArgs(stream: string, fields: Argument[], maxLen: number | null): Argument[] {
  if (maxLen === null) fields.unshift('XADD', stream, '*');
  else fields.unshift('XADD', stream, 'MAXLEN', '~', String(maxLen), '*');
  return fields;
}

export function xackArgs(stream: string, group: string, ids: readonly string[]): Argument[] {
  return ['XACK', stream, group, ...ids];
}

/** Creates the group at `start` ('0' for a queue, '$' for a subscription); an existing group is kept. */
export async function ensureGroup(client: CommandClient, stream: string, group: string, start: '0' | '$'): Promise<boolean> {
  try {
    await client.sendCommand(['XGROUP', 'CREATE', stream, group, start, 'MKSTREAM']);
    return true;
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('BUSYGROUP')) return false;
    throw error;
  }
}

export async function destroyGroup(client: CommandClient, stream: string, group: string): Promise<void> {
  await client.sendCommand(['XGROUP', 'DESTROY', stream, group]);
}

export async function deleteConsumer(client: CommandClient, stream: string, group: string, consumer: string): Promise<void> {
  await client.sendCommand(['XGROUP', 'DELCONSUMER', stream, group, consumer]);
}

/** New entries for this consumer (`>`), waiting up to `blockMs`. */
export async function readNew(client: CommandClient, stream: string, group: string, consumer: string, count: number, blockMs: number): Promise<StreamEntry[]> {
  const reply = await client.sendCommand<[Buffer, RawEntry[]][] | null>(
    ['XREADGROUP', 'GROUP', group, consumer, 'COUNT', String(count), 'BLOCK', String(blockMs), 'STREAMS', stream, '>'],
    AS_BUFFERS,
  );
  return entries(reply?.[0]?.[1] ?? null);
}

/** Takes over entries idle for at least `minIdleMs` (a crashed or closed consumer's); counts a delivery each. */
export async function autoClaim(client: CommandClient, stream: string, group: string, consumer: string, minIdleMs: number, count: number): Promise<StreamEntry[]> {
  const reply = await client.sendCommand<[Buffer, RawEntry[], Buffer[]?]>(
    ['XAUTOCLAIM', stream, group, consumer, String(minIdleMs), '0-0', 'COUNT', String(count)],
    AS_BUFFERS,
  );
  return entries(reply[1]);
}

export interface PendingEntry {
  readonly id: string;
  readonly consumer: string;
  readonly deliveries: number;
}

/** The pending entries list between two ids, optionally of one consumer. */
export async function pendingRange(
  client: CommandClient,
  stream: string,
  group: string,
  start: string,
  end: string,
  count: number,
  consumer?: string,
): Promise<PendingEntry[]> {
  const args: Argument[] = ['XPENDING', stream, group, start, end, String(count)];
  if (consumer !== undefined) args.push(consumer);
  const reply = await client.sendCommand<[string, string, number, number][]>(args);
  return reply.map(([id, owner, , deliveries]) => ({ id, consumer: owner, deliveries }));
}

/** Moves entries to another consumer without counting a delivery, marked idle so the next reader claims them at once. */
export async function release(client: CommandClient, stream: string, group: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await client.sendCommand(['XCLAIM', stream, group, RELEASED_CONSUMER, '0', ...ids, 'IDLE', String(RELEASED_IDLE_MS), 'JUSTID']);
}

/** A year: longer than any reclaim idle time, so released entries are claimed first. */
/** Claims entries for their current consumer again: resets their idle time without counting a delivery. */
export async function touch(client: CommandClient, stream: string, group: string, consumer: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await client.sendCommand(['XCLAIM', stream, group, consumer, '0', ...ids, 'JUSTID']);
}

const RELEASED_IDLE_MS = 365 * 24 * 3600 * 1000;

export async function range(client: CommandClient, stream: string, start: string, end: string, count: number): Promise<StreamEntry[]> {
  return entries(await client.sendCommand<RawEntry[]>(['XRANGE', stream, start, end, 'COUNT', String(count)], AS_BUFFERS));
}

export interface GroupInfo {
  readonly name: string;
  readonly pending: number;
  readonly lastDeliveredId: string;
}

/** The stream's groups; none when the stream does not exist. */
export async function groups(client: CommandClient, stream: string): Promise<GroupInfo[]> {
  let reply: (string | number)[][];
  try {
    reply = await client.sendCommand<(string | number)[][]>(['XINFO', 'GROUPS', stream]);
  } catch (error) {
    if (error instanceof Error && /no such key/i.test(error.message)) return [];
    throw error;
  }
  return reply.map((flat) => {
    const info = new Map<string, string | number>();
    for (let i = 0; i + 1 < flat.length; i += 2) info.set(String(flat[i]), flat[i + 1]!);
    return { name: String(info.get('name')), pending: Number(info.get('pending')), lastDeliveredId: String(info.get('last-delivered-id')) };
  });
}

/** The lowest pending id of a group, or null when nothing is pending. */
export async function lowestPending(client: CommandClient, stream: string, group: string): Promise<string | null> {
  const reply = await client.sendCommand<[number, string | null, ...unknown[]]>(['XPENDING', stream, group]);
  return reply[0] > 0 ? reply[1] : null;
}

/** The stream's last entry id, or null when the stream is empty or absent. */
export async function lastEntryId(client: CommandClient, stream: string): Promise<string | null> {
  const reply = await client.sendCommand<[string, unknown][]>(['XREVRANGE', stream, '+', '-', 'COUNT', '1']);
  return reply[0]?.[0] ?? null;
}

/** The id right after `id`, for exclusive ranges. */
export function nextId(id: string): string {
  const [ms, seq] = id.split('-');
  return `${ms}-${BigInt(seq ?? '0') + 1n}`;
}

/** Whether entry id `a` sorts before `b`. */
export function idBefore(a: string, b: string): boolean {
  const [am, as] = a.split('-').map(BigInt) as [bigint, bigint];
  const [bm, bs] = b.split('-').map(BigInt) as [bigint, bigint];
  return am < bm || (am === bm && as < bs);
}
