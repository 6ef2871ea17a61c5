import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChildLinkError, PermissionDeniedError } from '../../src/domain/errors.js';
import { schoolKeys, type Services } from '../../src/domain/index.js';
import type { LeaveResult } from '../../src/domain/movement.js';
import { ADMIN, auditOf, expectNoAudit, openSchool, verifiedTeacher, type School, classIds as createClasses } from './fixture.js';
import type { PersonId } from '../../src/domain/person.js';
import { vk, vks } from '../helpers/people.js';

let school: School;
let s: Services;
beforeEach(async () => {
  school = await openSchool();
  s = school.services;
});
afterEach(async () => {
  await school.cleanup();
});

const classIds = (...names: string[]) => createClasses(s, ...names);

/** Files a request through a fresh invite and approves it; returns the decision. */
async function apply(role: 'student' | 'parent', classId: string, personId: PersonId, name: string, childName?: string) {
  const invite = await s.invites.create(ADMIN, { classId, role });
  const used = await s.invites.use(invite.id, { personId, name, consent: true, ...(childName ? { childName } : {}) });
  if (!used.ok) throw new Error(`invite use failed: ${used.reason}`);
  return s.requests.approve(ADMIN, used.request.id);
}

const children = async (classId: string, parentId: PersonId) =>
  (await s.members.roster(ADMIN, classId)).parents.find((p) => p.member.personId === parentId)?.children;

describe('F08 parents linked to their children', () => {
  it('links the parent to the one student whose name matches (case, ё/е, spaces, either order); the name is kept as typed, its spaces tidied', async () => {
    const c = await classIds('5А');
    await apply('student', c['5А']!, vk(3001), 'Семёнов Пётр');
    await apply('student', c['5А']!, vk(3002), 'Иванова Анна');
    const decided = await apply('parent', c['5А']!, vk(4001), 'Семенова Ольга', '  петр   СЕМЕНОВ ');
    expect(decided).toMatchObject({ ok: true, child: { status: 'linked', childId: vk(3001), childName: 'петр СЕМЕНОВ' } });
    expect(await children(c['5А']!, vk(4001))).toEqual([{ childName: 'петр СЕМЕНОВ', childId: vk(3001) }]);
    const roster = await s.members.roster(ADMIN, c['5А']!);
    expect(roster.parents[0]).toMatchObject({ childName: 'петр СЕМЕНОВ' });
    expect((await s.audit.recent(5)).find((e) => e.action === 'family.child_linked')).toMatchObject({
      target: { personId: vk(4001), classId: c['5А'] },
      details: { childId: vk(3001), how: 'name' },
    });
    const stored = await school.redis.hget(schoolKeys(school.prefix, school.schoolId).classParents(c['5А']!), '4001');
    expect(JSON.parse(stored!)).toEqual([{ childName: 'петр СЕМЕНОВ', childId: '3001' }]);
  });

  it('keeps the name only when no student or several match, and says so; a student approved later is linked', async () => {
    const c = await classIds('5А');
    const none = await apply('parent', c['5А']!, vk(4001), 'Орлова Ирина', 'Орлов Миша');
    expect(none).toMatchObject({ ok: true, child: { status: 'none', childName: 'Орлов Миша' } });
    expect(none.ok && none.child?.childId).toBeUndefined();
    expect((await s.audit.recent(3)).find((e) => e.action === 'family.child_unmatched')).toMatchObject({
      target: { personId: vk(4001), classId: c['5А'] },
      details: { match: 'none' },
    });
    const student = await apply('student', c['5А']!, vk(3001), 'Миша Орлов');
    expect(student).toMatchObject({ ok: true, linkedParents: [vk(4001)] });
    expect(await children(c['5А']!, vk(4001))).toEqual([{ childName: 'Орлов Миша', childId: vk(3001) }]);

    await apply('student', c['5А']!, vk(3002), 'Петров Иван');
    await apply('student', c['5А']!, vk(3003), 'Иван Петров Сергеевич');
    const ambiguous = await apply('parent', c['5А']!, vk(4002), 'Петрова Анна', 'Петров Иван');
    expect(ambiguous).toMatchObject({ ok: true, child: { status: 'ambiguous' } });
    expect(await children(c['5А']!, vk(4002))).toEqual([{ childName: 'Петров Иван' }]);
    // A third namesake does not resolve the doubt.
    expect(await apply('student', c['5А']!, vk(3004), 'петров иван')).toMatchObject({ ok: true, linkedParents: [] });
  });

  it('a parent applies again for a second child of the same class; the same child is already_member', async () => {
    const c = await classIds('5А');
    await apply('student', c['5А']!, vk(3001), 'Кузнецов Олег');
    await apply('student', c['5А']!, vk(3002), 'Кузнецова Мария');
    await apply('parent', c['5А']!, vk(4001), 'Кузнецова Вера', 'Кузнецов Олег');
    const invite = await s.invites.create(ADMIN, { classId: c['5А']!, role: 'parent' });
    const again = await s.invites.use(invite.id, { personId: vk(4001), name: 'Кузнецова Вера', consent: true, childName: 'олег кузнецов' });
    expect(again).toEqual({ ok: false, reason: 'already_member' });
    // The dialog asks the same rule before the consent: the linked child by name in either order, not another child, not another class.
    expect(await s.family.hasChild(vk(4001), c['5А']!, 'олег кузнецов')).toBe(true);
    expect(await s.family.hasChild(vk(4001), c['5А']!, 'Кузнецова Маша')).toBe(false);
    expect(await s.family.hasChild(vk(4002), c['5А']!, 'Кузнецов Олег')).toBe(false);
    const second = await s.invites.use(invite.id, { personId: vk(4001), name: 'Кузнецова Вера', consent: true, childName: 'Кузнецова Маша' });
    expect(second.ok).toBe(true);
    const third = await s.invites.use(invite.id, { personId: vk(4001), name: 'Кузнецова Вера', consent: true, childName: 'Кузнецова Маша' });
    expect(third).toMatchObject({ ok: false, reason: 'already_pending' });
    if (!second.ok) return;
    const decided = await s.requests.approve(ADMIN, second.request.id);
    expect(decided).toMatchObject({ ok: true, child: { status: 'none' }, member: { roles: ['parent'], classIds: [c['5А']] } });
    expect(await children(c['5А']!, vk(4001))).toEqual([{ childName: 'Кузнецов Олег', childId: vk(3001) }, { childName: 'Кузнецова Маша' }]);
    expect((await s.members.roster(ADMIN, c['5А']!)).parents[0]?.childName).toBe('Кузнецов Олег, Кузнецова Маша');
    // The one unlinked child is linked by hand to the student with another spelling.
    const log = await auditOf(school, async () => {
      const linked = await s.family.linkChild(ADMIN, vk(4001), vk(3002));
      expect(linked).toMatchObject({ changed: true, classId: c['5А'], childName: 'Кузнецова Маша' });
    });
    expect(log).toEqual([
      { actor: ADMIN, action: 'family.child_linked', target: { personId: vk(4001), classId: c['5А'] }, details: { childId: vk(3002), how: 'hand', className: '5А' } },
    ]);
    expect(await children(c['5А']!, vk(4001))).toEqual([
      { childName: 'Кузнецов Олег', childId: vk(3001) },
      { childName: 'Кузнецова Маша', childId: vk(3002) },
    ]);
    await expectNoAudit(school, async () => expect((await s.family.linkChild(ADMIN, vk(4001), vk(3002))).changed).toBe(false));
    // Linked by hand, the student's own name also counts as the same child.
    const invite2 = await s.invites.create(ADMIN, { classId: c['5А']!, role: 'parent' });
    expect(await s.invites.use(invite2.id, { personId: vk(4001), name: 'Кузнецова Вера', consent: true, childName: 'Мария Кузнецова' })).toEqual({
      ok: false,
      reason: 'already_member',
    });
  });

  it('/linkchild refusals: no shared class, someone who is no parent there, a teacher of another class', async () => {
    const c = await classIds('5А', '5Б');
    await apply('student', c['5А']!, vk(3001), 'Лебедев Коля');
    await apply('student', c['5Б']!, vk(3002), 'Лебедева Оля');
    await apply('parent', c['5Б']!, vk(4001), 'Лебедева Нина', 'Лебедева Оля');
    await expect(s.family.linkChild(ADMIN, vk(4001), vk(3001))).rejects.toMatchObject({ problem: 'no_common_class' });
    await expectNoAudit(school, () => expect(s.family.linkChild(ADMIN, vk(4001), vk(3001), c['5А'])).rejects.toBeInstanceOf(ChildLinkError));
    await verifiedTeacher(s, vk(2001));
    await s.members.assignClassTeacher(ADMIN, c['5А']!, vk(2001));
    await expect(s.family.linkChild(vk(2001), vk(4001), vk(3002))).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(s.family.linkChild(vk(3001), vk(4001), vk(3002))).rejects.toBeInstanceOf(PermissionDeniedError);
    await s.members.assignClassTeacher(ADMIN, c['5Б']!, vk(2001));
    expect(await s.family.linkChild(vk(2001), vk(4001), vk(3002))).toMatchObject({ changed: false, classId: c['5Б'] });
  });
});

describe('F10 movement with linked parents', () => {
  it('a transfer moves the linked parents atomically; a parent with another child in the old class stays there too', async () => {
    const c = await classIds('5А', '5Б');
    await apply('student', c['5А']!, vk(3001), 'Волков Саша');
    await apply('student', c['5А']!, vk(3002), 'Волкова Даша');
    await apply('parent', c['5А']!, vk(4001), 'Волков Папа', 'Волков Саша');
    await apply('parent', c['5А']!, vk(4002), 'Волкова Мама', 'Волков Саша');
    await apply('parent', c['5А']!, vk(4002), 'Волкова Мама', 'Волкова Даша');
    await apply('parent', c['5А']!, vk(4003), 'Чужой Родитель', 'Волков Александр');
    const res = await s.movement.transfer(ADMIN, { personId: vk(3001), toClassId: c['5Б']! });
    expect(res.parents.map((p) => [p.member.personId, p.stayedInFromClass])).toEqual([
      [vk(4001), false],
      [vk(4002), true],
    ]);
    expect(res.parents[0]?.member.classIds).toEqual([c['5Б']]);
    expect(res.parents[1]?.member.classIds).toEqual([c['5А'], c['5Б']]);
    const old = await s.members.roster(ADMIN, c['5А']!);
    expect(old.parents.map((p) => [p.member.personId, p.children])).toEqual([
      [vk(4002), [{ childName: 'Волкова Даша', childId: vk(3002) }]],
      [vk(4003), [{ childName: 'Волков Александр' }]],
    ]);
    const fresh = await s.members.roster(ADMIN, c['5Б']!);
    expect(fresh.parents.map((p) => [p.member.personId, p.children])).toEqual([
      [vk(4001), [{ childName: 'Волков Саша', childId: vk(3001) }]],
      [vk(4002), [{ childName: 'Волков Саша', childId: vk(3001) }]],
    ]);
    const audit = await s.audit.recent(5);
    expect(audit.filter((e) => e.action === 'movement.parent_transferred').map((e) => e.target)).toEqual([
      { personId: vk(4002), classId: c['5Б'] },
      { personId: vk(4001), classId: c['5Б'] },
    ]);
    expect(audit.find((e) => e.action === 'movement.transferred')).toMatchObject({ details: { fromClassId: c['5А'], parents: 2 } });
    // And back: the mother leaves 5Б again, having no other child there; she keeps 5А.
    let back = res;
    expect(
      await auditOf(school, async () => {
        back = await s.movement.transfer(ADMIN, { personId: vk(3001), toClassId: c['5А']! });
      }),
    ).toEqual([
      { actor: ADMIN, action: 'movement.transferred', target: { personId: vk(3001), classId: c['5А'] }, details: { fromClassId: c['5Б'], parents: 2, className: '5А', fromClassName: '5Б' } },
      ...vks(4001, 4002).map((personId) => ({
        actor: ADMIN,
        action: 'movement.parent_transferred',
        target: { personId, classId: c['5А'] },
        details: { fromClassId: c['5Б'], childId: vk(3001), stayedInFromClass: false, className: '5А', fromClassName: '5Б' },
      })),
    ]);
    expect(back.parents.map((p) => [p.member.personId, p.member.classIds])).toEqual([
      [vk(4001), [c['5А']]],
      [vk(4002), [c['5А']]],
    ]);
    expect(await children(c['5А']!, vk(4002))).toEqual([
      { childName: 'Волкова Даша', childId: vk(3002) },
      { childName: 'Волков Саша', childId: vk(3001) },
    ]);
    expect((await s.members.roster(ADMIN, c['5Б']!)).parents).toEqual([]);
  });

  it('two transfers of the same student racing with each other leave one consistent state', async () => {
    const c = await classIds('5А', '5Б', '5В');
    await apply('student', c['5А']!, vk(3001), 'Быстров Петя');
    await apply('parent', c['5А']!, vk(4001), 'Быстрова Мама', 'Быстров Петя');
    const other = await school.second();
    const results = await Promise.allSettled([
      s.movement.transfer(ADMIN, { personId: vk(3001), toClassId: c['5Б']!, fromClassId: c['5А']! }),
      other.movement.transfer(ADMIN, { personId: vk(3001), toClassId: c['5В']!, fromClassId: c['5А']! }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const student = await s.members.get(vk(3001));
    const parent = await s.members.get(vk(4001));
    expect(student?.classIds).toHaveLength(1);
    expect(parent?.classIds).toEqual(student?.classIds);
    expect(await children(student!.classIds[0]!, vk(4001))).toEqual([{ childName: 'Быстров Петя', childId: vk(3001) }]);
  });

  it('marking a student as left rejects their pending requests and detaches their parents', async () => {
    const c = await classIds('5А', '6А');
    await apply('student', c['5А']!, vk(3001), 'Уходящий Ваня');
    await apply('student', c['6А']!, vk(3002), 'Остающаяся Аня');
    await apply('parent', c['5А']!, vk(4001), 'Только Ванин', 'Уходящий Ваня');
    await apply('parent', c['5А']!, vk(4002), 'Мама Двоих', 'Уходящий Ваня');
    await apply('parent', c['6А']!, vk(4002), 'Мама Двоих', 'Остающаяся Аня');
    const invite = await s.invites.create(ADMIN, { classId: c['6А']!, role: 'student' });
    const pending = await s.invites.use(invite.id, { personId: vk(3001), name: 'Уходящий Ваня', consent: true });
    const parentInvite = await s.invites.create(ADMIN, { classId: c['6А']!, role: 'parent' });
    const parentPending = await s.invites.use(parentInvite.id, { personId: vk(4001), name: 'Только Ванин', consent: true, childName: 'Кто-то Неизвестный' });
    if (!pending.ok || !parentPending.ok) throw new Error('not filed');

    let res: LeaveResult | undefined;
    const log = await auditOf(school, async () => {
      res = await s.movement.markLeft(ADMIN, vk(3001));
    });
    if (!res) throw new Error('no result');
    // One script: the leaving, the rejected request, then each parent in id order.
    expect(log).toEqual([
      { actor: ADMIN, action: 'movement.left', target: { personId: vk(3001) }, details: { revokedInvites: 0, rejectedRequests: 1, parents: 2 } },
      {
        actor: ADMIN,
        action: 'request.rejected',
        target: { requestId: pending.request.id, classId: c['6А'], personId: vk(3001) },
        details: { role: 'student', cause: 'left', className: '6А' },
      },
      { actor: ADMIN, action: 'family.child_unlinked', target: { personId: vk(4001), classId: c['5А'] }, details: { childId: vk(3001), leftClass: true, className: '5А' } },
      { actor: ADMIN, action: 'movement.left', target: { personId: vk(4001) }, details: { cause: 'child_left', rejectedRequests: 1 } },
      {
        actor: ADMIN,
        action: 'request.rejected',
        target: { requestId: parentPending.request.id, classId: c['6А'], personId: vk(4001) },
        details: { role: 'parent', cause: 'left', className: '6А' },
      },
      { actor: ADMIN, action: 'family.child_unlinked', target: { personId: vk(4002), classId: c['5А'] }, details: { childId: vk(3001), leftClass: true, className: '5А' } },
    ]);
    expect(res.rejectedRequests).toEqual([{ id: pending.request.id, classId: c['6А'], role: 'student' }]);
    expect(await s.requests.get(pending.request.id)).toMatchObject({ status: 'rejected', decidedBy: ADMIN, reasonCode: 'left' });
    expect(res.parents.map((p) => [p.member.personId, p.leftClass, p.leftSchool, p.member.status])).toEqual([
      [vk(4001), true, true, 'left'],
      [vk(4002), true, false, 'active'],
    ]);
    expect(res.parents[0]?.rejectedRequests.map((r) => r.id)).toEqual([parentPending.request.id]);
    expect(await s.requests.get(parentPending.request.id)).toMatchObject({ status: 'rejected', reasonCode: 'left' });
    expect(await s.members.get(vk(4002))).toMatchObject({ roles: ['parent'], classIds: [c['6А']] });
    expect((await s.members.roster(ADMIN, c['5А']!)).parents).toEqual([]);
    expect((await s.requests.listPending(ADMIN)).total).toBe(0);
    const audit = await s.audit.recent(10);
    expect(audit.find((e) => e.action === 'movement.left' && e.target.personId === vk(3001))).toMatchObject({
      details: { rejectedRequests: 1, parents: 2 },
    });
    expect(audit.filter((e) => e.action === 'family.child_unlinked').map((e) => e.target.personId).sort()).toEqual([vk(4001), vk(4002)]);
    expect(audit.find((e) => e.action === 'movement.left' && e.target.personId === vk(4001))).toMatchObject({ details: { cause: 'child_left' } });
    expect(audit.filter((e) => e.action === 'request.rejected').map((e) => e.target.requestId).sort()).toEqual(
      [pending.request.id, parentPending.request.id].sort(),
    );
    expect(JSON.stringify(audit)).not.toContain('Ваня');
  });

  it('graduation: a graduate’s parent keeps the class of a younger child; pending requests of those who leave are rejected', async () => {
    const c = await classIds('5А', '11А');
    await apply('student', c['11А']!, vk(3001), 'Старший Сын');
    await apply('student', c['5А']!, vk(3002), 'Младшая Дочь');
    await apply('parent', c['11А']!, vk(4001), 'Общий Родитель', 'Старший Сын');
    await apply('parent', c['5А']!, vk(4001), 'Общий Родитель', 'Младшая Дочь');
    await apply('parent', c['11А']!, vk(4002), 'Родитель Выпускника', 'Старший Сын');
    const invite = await s.invites.create(ADMIN, { classId: c['5А']!, role: 'parent' });
    const pending = await s.invites.use(invite.id, { personId: vk(4002), name: 'Родитель Выпускника', consent: true, childName: 'Кто-то Неизвестный' });
    if (!pending.ok) throw new Error('not filed');
    const plan = await s.movement.previewPromotion();
    const log = await auditOf(school, async () => {
      const res = await s.movement.applyPromotion(ADMIN, plan);
      expect(res).toMatchObject({ ok: true, graduatedMembers: 3, rejectedRequests: [{ id: pending.request.id, role: 'parent' }] });
    });
    // One entry a class with its names then and now; then the promotion; then each request it closed (under the class's new name).
    expect(log).toEqual([
      { actor: ADMIN, action: 'class.promoted', target: { classId: c['5А'] }, details: { className: '5А', newName: '6А' } },
      { actor: ADMIN, action: 'class.graduated', target: { classId: c['11А'] }, details: { className: '11А' } },
      {
        actor: ADMIN,
        action: 'movement.promoted',
        target: {},
        details: { moved: 1, graduatedClasses: 1, graduatedMembers: 3, rejectedRequests: 1, revokedInvites: expect.any(Number) as number },
      },
      {
        actor: ADMIN,
        action: 'request.rejected',
        target: { requestId: pending.request.id, classId: c['5А'] },
        details: { role: 'parent', cause: 'graduated', className: '6А' },
      },
    ]);
    expect(await s.members.get(vk(4001))).toMatchObject({ status: 'active', roles: ['parent'], classIds: [c['5А']] });
    expect(await children(c['5А']!, vk(4001))).toEqual([{ childName: 'Младшая Дочь', childId: vk(3002) }]);
    expect(await s.members.get(vk(4002))).toMatchObject({ status: 'left', roles: [] });
    expect(await s.requests.get(pending.request.id)).toMatchObject({ status: 'rejected', reasonCode: 'left' });
  });
});
