/**
 * Upgrades of the school's stored records made at start, once: what an earlier version wrote in a
 * format this one no longer reads.
 */
import { z } from 'zod';
import type { RedisClient } from '../domain/redis-client.js';
import { LuaCommand } from '../domain/lua.js';
import { scanKeys } from './scan-keys.js';

/** Set under the school's base once the person fields were renamed (when, ms): later starts do not look again. */
const PERSON_FIELDS_RENAMED = 'records:person-fields';

/**
 * The fields that named a person by their VK id, and the neutral names they have now (a person is
 * a messenger's `{platform, id}` written as one string: see domain/person.ts).
 */
const PERSON_FIELDS: Readonly<Record<string, string>> = {
  vkId: 'personId',
  vkIds: 'personIds',
  childVkId: 'childId',
  studentVkId: 'studentId',
  parentVkId: 'parentId',
};

/** Writes `next` over `key` (its hash field, or its list item at an index) only while it still holds `prev`, keeping its expiry (./lua/replace-if-same.lua): 1 when written. */
const REPLACE_IF_SAME = LuaCommand.fromFile(import.meta.url, './lua/replace-if-same.lua', 'partaReplaceIfSame', z.union([z.literal(0), z.literal(1)]));

/** The object with every person field of an earlier version renamed, at any depth; the same object when none was there. */
function renamed(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(renamed);
    return items.some((item, i) => item !== value[i]) ? items : value;
  }
  if (value === null || typeof value !== 'object') return value;
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [field, inner] of Object.entries(value)) {
    const name = PERSON_FIELDS[field] ?? field;
    const next = renamed(inner);
    if (name !== field || next !== inner) changed = true;
    out[name] = next;
  }
  return changed ? out : value;
}

/** The JSON text with the person fields renamed, undefined when it is no JSON or has none. */
function upgradedJson(text: string): string | undefined {
  if (!/"(vkIds?|childVkId|studentVkId|parentVkId)"/.test(text)) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    const next = renamed(parsed);
    return next === parsed ? undefined : JSON.stringify(next);
  } catch {
    return undefined;
  }
}

/**
 * Renames the fields by which an earlier version named a person in the school's records, dialog
 * sessions and scheduled jobs (`vkId` → `personId`, `childVkId` → `childId`…), in every string, hash
 * and list value under the school's base. Run at start, before updates are handled; a no-op once done,
 * and safe to run by two processes at once (a value changed meanwhile is left to the other). Returns
 * the values rewritten.
 */
export async function renamePersonFields(redis: RedisClient, base: string): Promise<number> {
  const marker = `${base}${PERSON_FIELDS_RENAMED}`;
  if ((await redis.exists(marker)) === 1) return 0;
  let rewritten = 0;
  const replace = async (key: string, prev: string, kind: 'string' | 'hash' | 'list', at: string | number = ''): Promise<void> => {
    const next = upgradedJson(prev);
    if (next !== undefined) rewritten += await REPLACE_IF_SAME.run(redis, [key], [prev, next, kind, at]);
  };
  for await (const keys of scanKeys(redis, `${base}*`, 500)) {
    for (const key of keys) {
      const type = await redis.type(key);
      if (type === 'string') {
        const value = await redis.get(key);
        if (value !== null) await replace(key, value, 'string');
      } else if (type === 'hash') {
        for (const [field, value] of Object.entries(await redis.hgetall(key))) await replace(key, value, 'hash', field);
      } else if (type === 'list') {
        const items = await redis.lrange(key, 0, -1);
        for (const [i, value] of items.entries()) await replace(key, value, 'list', i);
      }
    }
  }
  await redis.set(marker, String(Date.now()));
  return rewritten;
}
