import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { schoolKeys } from '../../src/domain/index.js';
import { renamePersonFields } from '../../src/runtime/record-upgrades.js';
import { scanKeys } from '../../src/runtime/scan-keys.js';
import { ADMIN, classIds, join, openSchool, verifiedTeacher, type School } from '../domain/fixture.js';
import { vk } from '../helpers/people.js';

/** The field names an earlier version used for people, by today's names. */
const EARLIER: Record<string, string> = { personId: 'vkId', personIds: 'vkIds', childId: 'childVkId', studentId: 'studentVkId', parentId: 'parentVkId' };

function aged(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(aged);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([field, inner]) => [EARLIER[field] ?? field, aged(inner)]));
}

const agedJson = (text: string): string => {
  try {
    return JSON.stringify(aged(JSON.parse(text)));
  } catch {
    return text;
  }
};

/** Rewrites every JSON value of the school as the earlier version wrote it; returns how many changed. */
async function writeAsEarlierVersion(school: School): Promise<number> {
  const { redis } = school;
  let changed = 0;
  const rewrite = async (value: string, write: (next: string) => Promise<unknown>): Promise<void> => {
    if (agedJson(value) === value) return;
    changed += 1;
    await write(agedJson(value));
  };
  for await (const keys of scanKeys(redis, `${schoolKeys(school.prefix, school.schoolId).base}*`)) {
    for (const key of keys) {
      const type = await redis.type(key);
      if (type === 'string') await rewrite((await redis.get(key))!, (next) => redis.set(key, next, 'KEEPTTL'));
      if (type === 'hash') for (const [field, value] of Object.entries(await redis.hgetall(key))) await rewrite(value, (next) => redis.hset(key, field, next));
      if (type === 'list') for (const [i, value] of (await redis.lrange(key, 0, -1)).entries()) await rewrite(value, (next) => redis.lset(key, i, next));
    }
  }
  return changed;
}

describe("an earlier version's records, which named people by `vkId`", () => {
  let school: School;
  beforeEach(async () => {
    school = await openSchool();
  });
  afterEach(() => school.cleanup());

  it('are read again after the start renames their fields, once, keeping expiries and what others wrote meanwhile', async () => {
    const s = school.services;
    const { '5А': classId } = await classIds(s, '5А');
    await join(s, 'student', classId!, { personId: vk(301), name: 'Петров Иван' });
    await join(s, 'parent', classId!, { personId: vk(401), name: 'Петрова Анна', childName: 'Петров Иван' });
    await verifiedTeacher(s, vk(501));
    const base = schoolKeys(school.prefix, school.schoolId).base;
    // A dialog in progress, kept with its expiry, that names a person.
    await school.redis.set(`${base}session:7:7`, JSON.stringify({ scene: 'x', state: { picked: { personId: 301 } } }), 'EX', 500);
    const before = { roster: await s.members.roster(ADMIN, classId!), teacher: await s.members.get(vk(501)), audit: await s.audit.recent() };

    expect(await writeAsEarlierVersion(school)).toBeGreaterThan(5);
    // The earlier format is not what this version reads.
    await expect(s.members.get(vk(301))).rejects.toThrow();

    const rewritten = await renamePersonFields(school.redis, base);
    expect(rewritten).toBeGreaterThan(5);
    expect(await s.members.roster(ADMIN, classId!)).toEqual(before.roster);
    expect(await s.members.get(vk(501))).toEqual(before.teacher);
    expect(await s.audit.recent()).toEqual(before.audit);
    expect(JSON.parse((await school.redis.get(`${base}session:7:7`))!)).toEqual({ scene: 'x', state: { picked: { personId: 301 } } });
    expect(await school.redis.ttl(`${base}session:7:7`)).toBeGreaterThan(400);

    // Done once: a later start does not scan again.
    await school.redis.set(`${base}session:8:8`, JSON.stringify({ vkId: 1 }));
    expect(await renamePersonFields(school.redis, base)).toBe(0);
    expect(await school.redis.get(`${base}session:8:8`)).toBe('{"vkId":1}');
  });
});
