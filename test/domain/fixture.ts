/** Shared set-up for the service tests: a school on a real Redis with a fake clock. */
import { expect } from 'vitest';
import type { RedisClient } from '../../src/domain/redis-client.js';
import { newTestConnection, openTestRedis } from '../helpers/redis.js';
import { createServices, schoolKeys, type Services, type ServicesOptions } from '../../src/domain/index.js';
import type { ApplicantInput, AuditEntry, InviteRole, Member } from '../../src/domain/types.js';
import { personRef, type PersonId } from '../../src/domain/person.js';
import { vk } from '../helpers/people.js';

export const ADMIN = vk(1001);
export const T0 = Date.UTC(2025, 8, 1, 9, 0, 0);

export interface School {
  redis: RedisClient;
  prefix: string;
  schoolId: string;
  services: Services;
  clock: { t: number };
  /** A second connection with its own services on the same school, for races. */
  second(): Promise<Services>;
  cleanup(): Promise<void>;
}

/** Opens a school with the staff room and one bootstrap admin ({@link ADMIN}). */
export async function openSchool(extra: Partial<ServicesOptions> = {}, schoolId = 'sch1'): Promise<School> {
  const { redis, prefix, cleanup } = await openTestRedis();
  const clock = { t: T0 };
  const now = () => clock.t;
  const services = createServices({ redis, prefix, schoolId, now, ...extra });
  await services.classes.ensureStaffRoom();
  await services.members.ensureBootstrapAdmins([ADMIN]);
  const others: RedisClient[] = [];
  return {
    redis,
    prefix,
    schoolId,
    services,
    clock,
    async second() {
      const r = newTestConnection();
      others.push(r);
      return createServices({ redis: r, prefix, schoolId, now, ...extra });
    },
    async cleanup() {
      for (const r of others) r.disconnect();
      await cleanup();
    },
  };
}

/** The name a person joined by {@link join} gets unless the test gives one: two words of letters, from the id (3001 → «Тест Гааб»). */
export function fixtureName(personId: PersonId): string {
  const letters = [...String(personRef(personId).id)].map((digit) => 'абвгдежзик'[Number(digit)]).join('');
  return `Тест ${letters[0]!.toUpperCase()}${letters.slice(1)}`;
}

/** Joins a person through an invite approved by the admin; returns the member. */
export async function join(
  s: Services,
  role: InviteRole,
  classId: string,
  input: Partial<ApplicantInput> & { personId: PersonId },
): Promise<Member> {
  const invite = await s.invites.create(ADMIN, { classId, role });
  const used = await s.invites.use(invite.id, {
    name: fixtureName(input.personId),
    consent: true,
    ...(role === 'parent' ? { childName: 'Ребёнок Тестовый' } : {}),
    ...input,
  });
  if (!used.ok) throw new Error(`invite use failed: ${used.reason}`);
  const decided = await s.requests.approve(ADMIN, used.request.id);
  if (!decided.ok || !decided.member) throw new Error('approval failed');
  return decided.member;
}

/** Joins a teacher to the staff room and verifies them. */
export async function verifiedTeacher(s: Services, personId: PersonId): Promise<Member> {
  await join(s, 'teacher', 'staff', { personId, subjects: ['Математика'] });
  return s.members.verifyTeacher(ADMIN, personId);
}

/** Creates classes by name and returns their ids by name. */
export async function classIds(s: Services, ...names: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const n of names) out[n] = (await s.classes.create(ADMIN, n)).id;
  return out;
}

/** An audit entry as the tests compare it: who, what, about what, and the details. */
export type AuditLine = Pick<AuditEntry, 'actor' | 'action' | 'target'> & { details?: AuditEntry['details'] };

/**
 * Runs `fn` and returns the audit entries written while it ran, oldest first,
 * as {@link AuditLine}s; `fn` may be an `expect(...).rejects` assertion. Also
 * checks that every new entry carries the clock's time.
 */
export async function auditOf(school: School, fn: () => Promise<unknown>): Promise<AuditLine[]> {
  const { audit } = school.services;
  const before = (await audit.recent(1))[0]?.id ?? 0;
  await fn();
  const entries = (await audit.recent(1000)).filter((e) => e.id > before).reverse();
  expect(entries.map((e) => e.at)).toEqual(entries.map(() => school.clock.t));
  return entries.map(({ actor, action, target, details }) => (details ? { actor, action, target, details } : { actor, action, target }));
}

/** The raw audit list and sequence of the school, to show a refused operation left both untouched. */
export async function rawAudit(school: School): Promise<{ entries: string[]; seq: string | null }> {
  const base = schoolKeys(school.prefix, school.schoolId).base;
  const [entries, seq] = await Promise.all([school.redis.lrange(`${base}audit`, 0, -1), school.redis.get(`${base}seq:audit`)]);
  return { entries, seq };
}

/** Runs a refused operation (e.g. an `expect(...).rejects` assertion) and checks it wrote no audit entry. */
export async function expectNoAudit(school: School, fn: () => Promise<unknown>): Promise<void> {
  const before = await rawAudit(school);
  await fn();
  expect(await rawAudit(school)).toEqual(before);
}
