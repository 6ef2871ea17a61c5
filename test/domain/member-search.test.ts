import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nameMatches, nameWords } from '../../src/domain/member-search.js';
import { schoolKeys } from '../../src/domain/index.js';
import type { Member } from '../../src/domain/types.js';
import { vk } from '../helpers/people.js';
import { openSchool, T0, type School } from './fixture.js';

let school: School;
beforeEach(async () => {
  school = await openSchool();
});
afterEach(async () => {
  await school.cleanup();
});

const SURNAMES = ['Соколов', 'Петров', 'Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Лебедев', 'Козлов', 'Новиков', 'Морозов', 'Волков', 'Фёдоров'];
const NAMES = ['Иван', 'Пётр', 'Мария', 'Анна', 'Олег', 'Ольга'];

/** Writes `count` active students straight into Redis, as the school's records keep them. */
async function seed(count: number): Promise<void> {
  const keys = schoolKeys(school.prefix, school.schoolId);
  const pipeline = school.redis.pipeline();
  for (let i = 0; i < count; i++) {
    const personId = vk(10_000 + i);
    const female = i % 2 === 1;
    const surname = SURNAMES[i % SURNAMES.length]! + (female ? 'а' : '');
    const member: Member = { personId, name: `${surname} ${NAMES[i % NAMES.length]!}`, roles: ['student'], classIds: ['c1'], classTeacherOf: [], subjects: [], joinedAt: T0, status: 'active' };
    pipeline.set(keys.memberRecord(personId), JSON.stringify(member));
    pipeline.sadd(keys.members, personId);
  }
  await pipeline.exec();
}

describe('finding members by name (issue 10)', () => {
  it('a query matches when each of its words begins a different word of the name; any case, «ё» = «е»', () => {
    expect(nameWords('Фёдорова  АННА-Мария')).toEqual(['федорова', 'анна', 'мария']);
    expect(nameMatches('Соколова Мария', nameWords('соко'))).toBe(true);
    expect(nameMatches('Соколова Мария', nameWords('мар сок'))).toBe(true);
    expect(nameMatches('Соколов Пётр', nameWords('ПЕТР'))).toBe(true);
    expect(nameMatches('Соколова Мария', nameWords('кол'))).toBe(false);
    expect(nameMatches('Соколова Мария', nameWords('соко соко'))).toBe(false);
    expect(nameMatches('Соколова Мария', [])).toBe(false);
  });

  it('searches 1,500 members in one read, fast; only active members, sorted by name, at most the limit', async () => {
    await seed(1500);
    const started = performance.now();
    const found = await school.services.members.searchByName('федорова ольга');
    const took = performance.now() - started;
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((m) => m.name.startsWith('Фёдорова'))).toBe(true);
    expect(found.map((m) => m.name)).toEqual([...found.map((m) => m.name)].sort((a, b) => a.localeCompare(b, 'ru-RU')));
    expect(took).toBeLessThan(500);
    expect(await school.services.members.searchByName('сок', 5)).toHaveLength(5);
    expect(await school.services.members.searchByName('  ')).toEqual([]);
  });
});
