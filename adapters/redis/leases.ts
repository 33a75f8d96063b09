import type { CommandClient } from './commands.js';

/**
 * Leases in Redis for what must be known across processes: which connection holds a client id,
 * and which consumers are members of a subscription's group. A lease lapses when its holder stops
 * renewing it (a crashed process), so nothing stays taken forever.
 */
export const LEASE_MS = 30000;
/** Holders renew this often; well inside the lease. */
export const RENEW_MS = LEASE_MS / 3;

const RELEASE_IF_OWNER = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";
const RENEW_IF_OWNER = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0";

/** SET NX with a lease: true when `owner` now holds `key`. */
export async function claim(client: CommandClient, key: string, owner: string): Promise<boolean> {
  return (await client.sendCommand<string | null>(['SET', key, owner, 'NX', 'PX', String(LEASE_MS)])) === 'OK';
}

export async function renew(client: CommandClient, key: string, owner: string): Promise<void> {
  await client.sendCommand(['EVAL', RENEW_IF_OWNER, '1', key, owner, String(LEASE_MS)]);
}

export async function releaseClaim(client: CommandClient, key: string, owner: string): Promise<void> {
  await client.sendCommand(['EVAL', RELEASE_IF_OWNER, '1', key, owner]);
}

/**
 * Joins a group's member set (a sorted set scored by lease expiry). An exclusive join (an unshared
 * durable subscription) fails while another member's lease runs. ARGV: member, now, expiry, exclusive.
 */
const JOIN = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
if ARGV[4] == '1' and redis.call('ZCARD', KEYS[1]) > 0 then return 0 end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
redis.call('PEXPIREAT', KEYS[1], ARGV[3])
return 1`;

/** Leaves and answers how many members remain. ARGV: member, now. */
const LEAVE = `
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
return redis.call('ZCARD', KEYS[1])`;

/** Renews a member and the set's own expiry. ARGV: member, expiry. */
const RENEW_MEMBER = `
redis.call('ZADD', KEYS[1], 'XX', ARGV[2], ARGV[1])
if redis.call('PEXPIRETIME', KEYS[1]) < tonumber(ARGV[2]) then redis.call('PEXPIREAT', KEYS[1], ARGV[2]) end
return 1`;

export async function join(client: CommandClient, key: string, member: string, exclusive: boolean): Promise<boolean> {
  const now = Date.now();
  const reply = await client.sendCommand<number>(['EVAL', JOIN, '1', key, member, String(now), String(now + LEASE_MS), exclusive ? '1' : '0']);
  return reply === 1;
}

export async function renewMember(client: CommandClient, key: string, member: string): Promise<void> {
  await client.sendCommand(['EVAL', RENEW_MEMBER, '1', key, member, String(Date.now() + LEASE_MS)]);
}

export async function leave(client: CommandClient, key: string, member: string): Promise<number> {
  return client.sendCommand<number>(['EVAL', LEAVE, '1', key, member, String(Date.now())]);
}

/** Members whose lease still runs. */
export async function activeMembers(client: CommandClient, key: string): Promise<number> {
  return client.sendCommand<number>(['ZCOUNT', key, String(Date.now()), '+inf']);
}
