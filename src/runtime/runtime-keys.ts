/**
 * Where the runtime keeps its state in Redis: the inbox, the seen marks, the peer leases, the
 * processes' heartbeats and the dialog sessions live under the school's base `<prefix>{s:<school>}:`,
 * in the one Redis Cluster slot of the school's records, so that one script may record an update,
 * take its peer's lease and read its sender (see UpdatePreload). The long poll's position and the
 * rate limiter's key are single keys and stay by the VK group.
 */
import type { Redis } from 'ioredis';
import { schoolKeys } from '../domain/index.js';

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
 * Moves what a version before the school's hash tag kept at `<prefix>inbox`, `<prefix>session:…`…
 * to the school's base, so that nothing is lost across the upgrade: updates recorded and not yet
 * handled, the seen marks of recent events, dialogs in progress and people's languages. Run at start,
 * before the inbox is read; a no-op once done, and safe to run by two processes at once. The languages
 * hash is copied, not moved: before, it was shared by the schools of one Redis. Returns the keys moved.
 */
export async function carryOverLegacyKeys(redis: Redis, prefix: string, base: string): Promise<number> {
  if (base === prefix) return 0;
  // Done once per school: later starts skip the scan of the keyspace.
  if ((await redis.exists(`${base}${CARRIED_OVER}`)) === 1) return 0;
  let moved = 0;
  for (const name of LEGACY_HASHES) {
    const entries = await redis.hgetall(`${prefix}${name}`);
    const fields = Object.entries(entries);
    if (fields.length === 0) continue;
    const copy = redis.pipeline();
    for (const [field, value] of fields) copy.hsetnx(`${base}${name}`, field, value);
    if (name !== 'lang') copy.del(`${prefix}${name}`);
    await copy.exec();
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
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}${family}:*`, 'COUNT', 1000);
      cursor = next;
      for (const key of keys) {
        if ((await redis.renamenx(key, `${base}${key.slice(prefix.length)}`).catch(() => 0)) === 1) moved += 1;
      }
    } while (cursor !== '0');
  }
  await redis.set(`${base}${CARRIED_OVER}`, String(Date.now()));
  return moved;
}
