/**
 * Where the runtime keeps its state in Redis: the inbox, the seen marks, the peer leases, the
 * processes' heartbeats and the dialog sessions live under the school's base `<prefix>{s:<school>}:`,
 * in the one Redis Cluster slot of the school's records, so that one script may record an update,
 * take its peer's lease and read its sender (see UpdatePreload). The long poll's position and the
 * rate limiter's key are single keys and stay by the VK group.
 */
import type { RedisClient } from '../domain/redis-client.js';
import { schoolKeys } from '../domain/index.js';
import { scanKeys } from './scan-keys.js';

/** The base of the runtime's keys of one school: the school's own base. */
export function runtimeBase(prefix: string, schoolId: string): string {
  return schoolKeys(prefix, schoolId).base;
}

/** Hashes an earlier version kept at `<prefix><name>`, merged into `<base><name>` (entries already there win). */
const LEGACY_HASHES = ['inbox', 'inbox:owner', 'lang'] as const;
/** Set under the school's base once an earlier version's keys were carried over (when, ms): later starts do not look again. */
const CARRIED_OVER = 'runtime:carried-over';
/** Keys an earlier version kept at `<prefix><name>:…`, renamed to `<base><name>:…` with their expiry. */
const LEGACY_FAMILIES = ['seen', 'session'] as const;

/**
 * Renames `from` to `to` unless `to` exists (RENAMENX), keeping its expiry. On a Redis Cluster the two
 * are in different slots, which RENAMENX refuses (CROSSSLOT): the key is copied with DUMP and RESTORE
 * instead, then deleted. Returns whether it moved.
 */
async function moveKey(redis: RedisClient, from: string, to: string): Promise<boolean> {
  if (!redis.isCluster) return (await redis.renamenx(from, to)) === 1;
  const [dump, ttl] = await Promise.all([redis.dumpBuffer(from), redis.pttl(from)]);
  if (!dump || ttl === -2 || (await redis.exists(to)) === 1) return false;
  await redis.restore(to, ttl > 0 ? ttl : 0, dump);
  await redis.del(from);
  return true;
}

/**
 * Moves what a version before the school's hash tag kept at `<prefix>inbox`, `<prefix>session:…`…
 * to the school's base, so that nothing is lost across the upgrade: updates recorded and not yet
 * handled, the seen marks of recent events, dialogs in progress and people's languages. Run at start,
 * before the inbox is read; a no-op once done, and safe to run by two processes at once. The languages
 * hash is copied, not moved: before, it was shared by the schools of one Redis. Returns the keys moved.
 */
export async function carryOverLegacyKeys(redis: RedisClient, prefix: string, base: string): Promise<number> {
  if (base === prefix) return 0;
  // Done once per school: later starts skip the scan of the keyspace.
  if ((await redis.exists(`${base}${CARRIED_OVER}`)) === 1) return 0;
  let moved = 0;
  for (const name of LEGACY_HASHES) {
    const entries = await redis.hgetall(`${prefix}${name}`);
    const fields = Object.entries(entries);
    if (fields.length === 0) continue;
    // One pipeline for the new hash's slot; the old key is in another slot on a cluster, so it goes on its own.
    const copy = redis.pipeline();
    for (const [field, value] of fields) copy.hsetnx(`${base}${name}`, field, value);
    await copy.exec();
    if (name !== 'lang') await redis.del(`${prefix}${name}`);
    moved += 1;
  }
  const seq = Number(await redis.get(`${prefix}inbox:seq`));
  if (seq > 0) {
    // New entries must sort after the ones carried over when a takeover orders them.
    const current = Number(await redis.get(`${base}inbox:seq`));
    if (seq > current) await redis.set(`${base}inbox:seq`, String(seq));
    await redis.del(`${prefix}inbox:seq`);
    moved += 1;
  }
  for (const family of LEGACY_FAMILIES) {
    for await (const keys of scanKeys(redis, `${prefix}${family}:*`)) {
      for (const key of keys) {
        if (await moveKey(redis, key, `${base}${key.slice(prefix.length)}`).catch(() => false)) moved += 1;
      }
    }
  }
  await redis.set(`${base}${CARRIED_OVER}`, String(Date.now()));
  return moved;
}
