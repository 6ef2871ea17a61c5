/**
 * The Lua layer: scripts in files of their own registered with defineCommand, the school's hash
 * tag, the rights checked inside the atomic step, and the promotion planned in TypeScript.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PermissionDeniedError } from '../../src/domain/errors.js';
import { createServices, globalKeys, schoolKeys, type Services } from '../../src/domain/index.js';
import { SCHOOL_PRELUDE } from '../../src/domain/lua.js';
import { planPromotion } from '../../src/domain/movement.js';
import { ACTIONS, can } from '../../src/domain/permissions.js';
import type { ClassGroup, InviteRole, Member } from '../../src/domain/types.js';
import { ADMIN, classIds, expectNoAudit, fixtureName, join, openSchool, verifiedTeacher, type School } from './fixture.js';
import { keysMatching } from '../helpers/redis.js';
import type { ActorId, PersonId } from '../../src/domain/person.js';
import { vk } from '../helpers/people.js';

let school: School;
let s: Services;
beforeEach(async () => {
  school = await openSchool();
  s = school.services;
});
afterEach(async () => {
  vi.restoreAllMocks();
  await school.cleanup();
});

/** After `fn` has read the actor's member record once (the service's own rights check), `change` rewrites it — a change racing the check. */
function raceAfterRightsCheck(personId: PersonId, change: (m: Member) => Member): void {
  const key = schoolKeys(school.prefix, school.schoolId).memberRecord(personId);
  const redis = school.redis;
  const get = redis.get.bind(redis);
  let done = false;
  vi.spyOn(redis, 'get').mockImplementation((async (k: string) => {
    const raw = await get(k);
    if (k === key && raw && !done) {
      done = true;
      await redis.set(key, JSON.stringify(change(JSON.parse(raw) as Member)));
    }
    return raw;
  }) as typeof redis.get);
}

describe('keys and slots', () => {
  it('every key a school writes carries its hash tag; the invite indexes share {invite-index}', async () => {
    const c = await classIds(s, '5А', '11А');
    await join(s, 'student', c['5А']!, { personId: vk(3001) });
    await join(s, 'parent', c['5А']!, { personId: vk(4001), childName: fixtureName(vk(3001)) });
    await verifiedTeacher(s, vk(2001));
    await s.invites.findByCode(vk(5001), 'WRONGCODE');
    await s.movement.applyPromotion(ADMIN, await s.movement.previewPromotion());
    const keys = await keysMatching(school.redis, `${school.prefix}*`);
    expect(keys.length).toBeGreaterThan(20);
    const base = schoolKeys(school.prefix, school.schoolId).base;
    const index = globalKeys(school.prefix).inviteIndexBase;
    expect(base).toBe(`${school.prefix}{s:sch1}:`);
    expect(keys.filter((k) => !k.startsWith(base) && !k.startsWith(index))).toEqual([]);
    expect(keys.some((k) => k.startsWith(`${index}invite:code:`))).toBe(true);
    expect(keys.some((k) => k.startsWith(`${index}throttle:invite-code:5001`))).toBe(true);
  });

  it('a refused invite leaves no claimed token or code behind', async () => {
    const c = await classIds(s, '5А');
    await s.classes.archive(ADMIN, c['5А']!);
    await expect(s.invites.create(ADMIN, { classId: c['5А']!, role: 'student' })).rejects.toMatchObject({ code: expect.any(String) });
    expect(await keysMatching(school.redis, `${globalKeys(school.prefix).inviteIndexBase}invite:*`)).toEqual([]);
  });

  it('registers each script once per connection with defineCommand', async () => {
    const c = await classIds(s, '5А');
    await s.invites.create(ADMIN, { classId: c['5А']!, role: 'student' });
    const commands = school.redis as unknown as Record<string, unknown>;
    expect(typeof commands['parta_invites_create']).toBe('function');
    expect(typeof commands['parta_invites_index']).toBe('function');
  });
});

describe('rights in Lua', () => {
  it("the prelude's can() agrees with permissions.ts for every action, member and scope", async () => {
    const c = await classIds(s, '5А', '5Б');
    const base: Omit<Extract<Member, { status: 'active' }>, 'personId'> = { name: '', roles: [], classIds: [], classTeacherOf: [], subjects: [], status: 'active', joinedAt: 0 };
    const people: Member[] = [
      { ...base, personId: vk(7001), roles: ['admin'] },
      { ...base, personId: vk(7002), roles: ['head', 'teacher'], teacherStatus: 'verified' },
      { ...base, personId: vk(7003), roles: ['deputy'] },
      { ...base, personId: vk(7004), roles: ['teacher'], teacherStatus: 'verified', classTeacherOf: [c['5А']!] },
      { ...base, personId: vk(7005), roles: ['teacher'], teacherStatus: 'pending', classTeacherOf: [c['5А']!] },
      { ...base, personId: vk(7006), roles: ['admin'], status: 'left', leftAt: 1 },
      { ...base, personId: vk(7007), roles: ['student'], classIds: [c['5А']!] },
    ];
    const keys = schoolKeys(school.prefix, school.schoolId);
    for (const m of people) await school.redis.set(keys.memberRecord(m.personId), JSON.stringify(m));
    const scopes: { classId?: string; role?: InviteRole }[] = [
      {},
      { classId: c['5А']! },
      { classId: c['5Б']! },
      ...(['student', 'parent', 'teacher'] as const).map((role) => ({ classId: c['5А']!, role })),
    ];
    const cases: { actor: ActorId; action: string; classId: string | null; role: string | null }[] = [];
    const expected: boolean[] = [];
    for (const actor of [...people.map((m) => m.personId), vk(9999), 'system' as const]) {
      const member = people.find((m) => m.personId === actor) ?? null;
      for (const action of ACTIONS) {
        for (const scope of scopes) {
          cases.push({ actor, action, classId: scope.classId ?? null, role: scope.role ?? null });
          expected.push(actor === 'system' || can(member, action, scope));
        }
      }
    }
    const script = `${SCHOOL_PRELUDE}
local out = {}
for i, k in ipairs(cjson.decode(ARGV[2])) do
  local classId, role = k.classId, k.role
  if classId == cjson.null then classId = nil end
  if role == cjson.null then role = nil end
  out[i] = can(tostring(k.actor), k.action, classId, role) and 1 or 0
end
return out`;
    const got = (await school.redis.eval(script, 1, keys.base, 0, JSON.stringify(cases))) as number[];
    expect(got.map((x) => x === 1)).toEqual(expected);
  });

  it('a reviewer whose right is taken away during the decision is refused in the script, with nothing written', async () => {
    const c = await classIds(s, '5А');
    await s.members.appointAdmin(ADMIN, (await verifiedTeacher(s, vk(2001))).personId);
    const invite = await s.invites.create(ADMIN, { classId: c['5А']!, role: 'student' });
    const used = await s.invites.use(invite.id, { personId: vk(3001), name: 'Иванов Иван', consent: true });
    if (!used.ok) throw new Error(used.reason);
    raceAfterRightsCheck(vk(2001), (m) => ({ ...m, roles: m.roles.filter((r) => r !== 'admin') }));
    await expectNoAudit(school, () => expect(s.requests.approve(vk(2001), used.request.id)).rejects.toBeInstanceOf(PermissionDeniedError));
    expect(await s.requests.get(used.request.id)).toMatchObject({ status: 'pending' });
    expect(await s.members.get(vk(3001))).toBeUndefined();
  });

  it('a class teacher unassigned during a revocation is refused in the script', async () => {
    const c = await classIds(s, '5А');
    await verifiedTeacher(s, vk(2001));
    await s.members.assignClassTeacher(ADMIN, c['5А']!, vk(2001));
    const invite = await s.invites.create(vk(2001), { classId: c['5А']!, role: 'student' });
    raceAfterRightsCheck(vk(2001), (m) => ({ ...m, classTeacherOf: [] }));
    await expectNoAudit(school, () => expect(s.invites.revoke(vk(2001), invite.id)).rejects.toBeInstanceOf(PermissionDeniedError));
    expect((await s.invites.get(invite.id))?.revoked).toBe(false);
    vi.restoreAllMocks();
    await s.members.assignClassTeacher(ADMIN, c['5А']!, vk(2001));
    raceAfterRightsCheck(vk(2001), (m) => ({ ...m, classTeacherOf: [] }));
    await expectNoAudit(school, () =>
      expect(s.invites.revokeAllUnused(vk(2001), { classId: c['5А']! })).rejects.toBeInstanceOf(PermissionDeniedError),
    );
    expect((await s.invites.get(invite.id))?.revoked).toBe(false);
  });
});

describe('planPromotion (pure)', () => {
  const cls = (id: string, grade: number, letter: string, status: 'active' | 'archived' = 'active'): ClassGroup => ({
    id,
    kind: 'regular',
    name: `${grade}${letter}`,
    grade,
    letter,
    status,
    createdAt: 0,
  });
  const staff: ClassGroup = { id: 'staff', kind: 'staff', name: 'Учительская', status: 'active', createdAt: 0 };

  it('moves every active class up a grade in grade and letter order, graduates 11th grades, skips the archived and the staff room', () => {
    const classes = [cls('c3', 11, 'А'), cls('c2', 5, 'Б'), cls('c1', 5, 'А'), cls('c4', 7, 'А', 'archived'), staff];
    expect(planPromotion(classes, { '11А': 'c3', '5Б': 'c2', '5А': 'c1', Учительская: 'staff' })).toEqual({
      moves: [
        { classId: 'c1', from: '5А', to: '6А' },
        { classId: 'c2', from: '5Б', to: '6Б' },
      ],
      graduates: [{ classId: 'c3', name: '11А' }],
      kept: [],
      conflicts: [],
    });
  });

  it('a kept class stays and blocks the move onto its name; a name freed by a moving class does not', () => {
    const classes = [cls('c1', 5, 'А'), cls('c2', 6, 'А'), cls('c3', 6, 'Б'), cls('c4', 7, 'Б')];
    const byName = { '5А': 'c1', '6А': 'c2', '6Б': 'c3', '7Б': 'c4' };
    expect(planPromotion(classes, byName, ['c2'])).toEqual({
      moves: [
        { classId: 'c1', from: '5А', to: '6А' },
        { classId: 'c3', from: '6Б', to: '7Б' },
        { classId: 'c4', from: '7Б', to: '8Б' },
      ],
      graduates: [],
      kept: ['c2'],
      conflicts: [{ classId: 'c1', from: '5А', to: '6А', blockingClassId: 'c2' }],
    });
  });

  it('the script checks a plan it is given: a class renamed, added or moved since is stale; a forged plan too', async () => {
    const c = await classIds(s, '5А', '11А');
    const plan = await s.movement.previewPromotion();
    const forged = { ...plan, moves: plan.moves.map((m) => ({ ...m, to: '7А' })) };
    await expectNoAudit(school, async () => expect(await s.movement.applyPromotion(ADMIN, forged)).toMatchObject({ ok: false, reason: 'stale' }));
    const partial = { ...plan, graduates: [] };
    await expectNoAudit(school, async () => expect(await s.movement.applyPromotion(ADMIN, partial)).toMatchObject({ ok: false, reason: 'stale' }));
    await s.classes.create(ADMIN, '7В');
    const res = await s.movement.applyPromotion(ADMIN, plan);
    expect(res).toMatchObject({ ok: false, reason: 'stale' });
    expect(res.plan.moves.map((m) => m.to)).toEqual(['6А', '8В']);
    expect(await s.classes.get(c['5А']!)).toMatchObject({ name: '5А', grade: 5 });
  });
});

describe('exactly once', () => {
  /** The operation under way (an update's event id and which change of it). */
  let op = 'u1:w1';
  /** The school's services as the bot builds them for an update: with the operation key. */
  const withKey = async (): Promise<Services> =>
    createServices({ redis: school.redis, prefix: school.prefix, schoolId: school.schoolId, now: () => school.clock.t }).keyedBy(() => op);

  it('a change repeated with the same operation key gets the kept reply and changes nothing', async () => {
    const k = await withKey();
    op = 'u1:w1';
    const first = await k.classes.create(ADMIN, '5А');
    await expectNoAudit(school, async () => expect(await k.classes.create(ADMIN, '5А')).toEqual(first));
    op = 'u2:w1';
    await expect(k.classes.create(ADMIN, '5А')).rejects.toMatchObject({ code: expect.any(String) });
  });

  it('a promotion repeated after a crash is reported as done, not as stale, and applied once', async () => {
    const k = await withKey();
    await classIds(s, '5А', '11А');
    const plan = await k.movement.previewPromotion();
    op = 'u3:w1';
    const first = await k.movement.applyPromotion(ADMIN, plan);
    expect(first).toMatchObject({ ok: true });
    await expectNoAudit(school, async () => expect(await k.movement.applyPromotion(ADMIN, plan)).toEqual(first));
    op = 'u4:w1';
    expect(await k.movement.applyPromotion(ADMIN, plan)).toMatchObject({ ok: false, reason: 'stale' });
  });

  it('a wrong code looked up twice with the same key counts once (the kept reply is in the index slot)', async () => {
    const k = await withKey();
    op = 'u5:w1';
    const first = await k.invites.findByCode(vk(5001), 'WRONGCODE');
    expect(await k.invites.findByCode(vk(5001), 'WRONGCODE')).toEqual(first);
    op = 'u6:w1';
    expect(await k.invites.findByCode(vk(5001), 'WRONGCODE')).toMatchObject({ ok: false, reason: 'not_found', attemptsLeft: 3 });
    expect(await keysMatching(school.redis, `${globalKeys(school.prefix).inviteIndexBase}once:*`)).toHaveLength(2);
  });
});
