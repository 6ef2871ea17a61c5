import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PermissionDeniedError } from '../../src/domain/errors.js';
import type { Services } from '../../src/domain/index.js';
import { ADMIN, auditOf, expectNoAudit, fixtureName, openSchool, verifiedTeacher, type School } from './fixture.js';
import type { PersonId } from '../../src/domain/person.js';
import { vk } from '../helpers/people.js';

let school: School;
let s: Services;
let classId: string;
beforeEach(async () => {
  school = await openSchool();
  s = school.services;
  classId = (await s.classes.create(ADMIN, '5А')).id;
});
afterEach(async () => {
  await school.cleanup();
});

async function apply(role: 'student' | 'parent' | 'teacher', personId: PersonId, cls = classId) {
  const invite = await s.invites.create(ADMIN, { classId: role === 'teacher' ? 'staff' : cls, role });
  const used = await s.invites.use(invite.id, {
    personId,
    name: fixtureName(personId),
    consent: true,
    childName: 'Ребёнок Первый',
    subjects: ['Физика'],
  });
  if (!used.ok) throw new Error(used.reason);
  return used.request;
}

describe('F08 join requests', () => {
  it('approval creates the member and roster entry atomically with the decision', async () => {
    const req = await apply('parent', vk(301));
    expect(req).toMatchObject({ status: 'pending', applicant: { role: 'parent', childName: 'Ребёнок Первый', consent: true } });
    const result = await s.requests.approve(ADMIN, req.id);
    expect(result).toMatchObject({
      ok: true,
      request: { status: 'approved', decidedBy: ADMIN },
      member: { personId: vk(301), roles: ['parent'], classIds: [classId], childName: 'Ребёнок Первый', status: 'active' },
    });
    const roster = await s.members.roster(ADMIN, classId);
    expect(roster.parents).toMatchObject([{ member: { personId: vk(301) }, childName: 'Ребёнок Первый' }]);
    expect((await s.requests.listPending(ADMIN)).total).toBe(0);
    expect((await s.audit.recent()).map((e) => e.action)).toContain('request.approved');
  });

  it('a teacher joins the staff room as pending and keeps subjects', async () => {
    const req = await apply('teacher', vk(401));
    const result = await s.requests.approve(ADMIN, req.id);
    expect(result.ok && result.member).toMatchObject({ roles: ['teacher'], teacherStatus: 'pending', classIds: ['staff'], subjects: ['Физика'] });
    expect(result.ok && 'childName' in (result.member ?? {})).toBe(false);
  });

  it('rejection keeps the reason and creates no member', async () => {
    const req = await apply('student', vk(302));
    const result = await s.requests.reject(ADMIN, req.id, '  не из нашей школы ');
    expect(result).toMatchObject({ ok: true, request: { status: 'rejected', reason: 'не из нашей школы' } });
    expect(await s.members.get(vk(302))).toBeUndefined();
    const again = await s.invites.use(req.inviteId, { personId: vk(302), name: 'Икс Иксов', consent: true });
    expect(again.ok).toBe(true);
  });

  it('finds a person\'s open request for a class and role until it is decided', async () => {
    expect(await s.requests.openFor(vk(305), classId, 'student')).toBeUndefined();
    const req = await apply('student', vk(305));
    expect(await s.requests.openFor(vk(305), classId, 'student')).toBe(req.id);
    expect(await s.requests.openFor(vk(305), classId, 'teacher')).toBeUndefined();
    await s.requests.approve(ADMIN, req.id);
    expect(await s.requests.openFor(vk(305), classId, 'student')).toBeUndefined();
  });

  it('"later" leaves the request pending', async () => {
    const req = await apply('student', vk(303));
    expect(await s.requests.later(ADMIN, req.id)).toMatchObject({ ok: true, request: { status: 'pending' } });
    expect((await s.requests.get(req.id))?.status).toBe('pending');
  });

  it('two reviewers at once: exactly one decision, the loser learns who decided (two connections)', async () => {
    await verifiedTeacher(s, vk(2001));
    await s.members.assignClassTeacher(ADMIN, classId, vk(2001));
    const other = await school.second();
    for (let i = 0; i < 10; i++) {
      const req = await apply('student', vk(600 + i));
      const [a, b] = await Promise.all([s.requests.approve(ADMIN, req.id), other.requests.reject(vk(2001), req.id, 'нет')]);
      const winners = [a, b].filter((r) => r.ok);
      expect(winners).toHaveLength(1);
      const loser = [a, b].find((r) => !r.ok);
      const stored = await s.requests.require(req.id);
      expect(stored.status).not.toBe('pending');
      if (stored.status === 'pending') throw new Error('still pending');
      expect(loser).toEqual({ ok: false, reason: 'already_decided', decidedBy: stored.decidedBy, status: stored.status });
      expect((await s.members.get(vk(600 + i)))?.status === 'active').toBe(stored.status === 'approved');
      const decisions = (await s.audit.recent(3)).filter((e) => e.target.requestId === req.id && e.action.startsWith('request.'));
      expect(decisions).toEqual([
        expect.objectContaining({ action: `request.${stored.status}`, actor: stored.decidedBy, target: { requestId: req.id, classId, personId: vk(600 + i) } }),
      ]);
    }
  });

  it('audits each decision once with the script that takes it; a late or refused decision writes nothing', async () => {
    const approved = await apply('student', vk(311));
    expect(await auditOf(school, () => s.requests.approve(ADMIN, approved.id))).toEqual([
      { actor: ADMIN, action: 'request.approved', target: { requestId: approved.id, classId, personId: vk(311) }, details: { role: 'student', className: '5А' } },
    ]);
    await expectNoAudit(school, async () => expect(await s.requests.reject(ADMIN, approved.id)).toMatchObject({ reason: 'already_decided' }));
    await expectNoAudit(school, async () => expect(await s.requests.later(ADMIN, approved.id)).toMatchObject({ reason: 'already_decided' }));

    const teacher = await apply('teacher', vk(312));
    expect(await auditOf(school, () => s.requests.reject(ADMIN, teacher.id, 'личные данные не пишем в журнал'))).toEqual([
      { actor: ADMIN, action: 'request.rejected', target: { requestId: teacher.id, classId: 'staff', personId: vk(312) }, details: { role: 'teacher', className: 'Учительская' } },
    ]);
    expect(JSON.stringify(await s.audit.recent())).not.toContain('журнал');

    const late = await apply('student', vk(313));
    await s.classes.archive(ADMIN, classId);
    await expectNoAudit(school, async () => expect(await s.requests.approve(ADMIN, late.id)).toEqual({ ok: false, reason: 'class_unavailable' }));
  });

  it('audits the child links an approval makes, in the same script as the decision', async () => {
    const file = async (role: 'student' | 'parent', personId: PersonId, name: string, childName?: string) => {
      const invite = await s.invites.create(ADMIN, { classId, role });
      const used = await s.invites.use(invite.id, { personId, name, consent: true, ...(childName ? { childName } : {}) });
      if (!used.ok) throw new Error(used.reason);
      return used.request.id;
    };
    // Two parents wait for a child nobody in the class has yet.
    const first = await file('parent', vk(4002), 'Орлов Папа', 'Орлов Миша');
    expect(await auditOf(school, () => s.requests.approve(ADMIN, first))).toEqual([
      { actor: ADMIN, action: 'request.approved', target: { requestId: first, classId, personId: vk(4002) }, details: { role: 'parent', className: '5А' } },
      { actor: ADMIN, action: 'family.child_unmatched', target: { requestId: first, classId, personId: vk(4002) }, details: { match: 'none', className: '5А' } },
    ]);
    const second = await file('parent', vk(4001), 'Орлова Мама', 'миша орлов');
    await s.requests.approve(ADMIN, second);
    // The child joins: both parents are linked, in id order, with the decision.
    const child = await file('student', vk(3001), 'Орлов Миша');
    expect(await auditOf(school, () => s.requests.approve(ADMIN, child))).toEqual([
      { actor: ADMIN, action: 'request.approved', target: { requestId: child, classId, personId: vk(3001) }, details: { role: 'student', className: '5А' } },
      { actor: ADMIN, action: 'family.child_linked', target: { requestId: child, classId, personId: vk(4001) }, details: { childId: vk(3001), how: 'name', className: '5А' } },
      { actor: ADMIN, action: 'family.child_linked', target: { requestId: child, classId, personId: vk(4002) }, details: { childId: vk(3001), how: 'name', className: '5А' } },
    ]);
    // A third parent names the child who is now there.
    const third = await file('parent', vk(4003), 'Орлова Бабушка', 'Миша Орлов');
    expect(await auditOf(school, () => s.requests.approve(ADMIN, third))).toEqual([
      { actor: ADMIN, action: 'request.approved', target: { requestId: third, classId, personId: vk(4003) }, details: { role: 'parent', className: '5А' } },
      { actor: ADMIN, action: 'family.child_linked', target: { requestId: third, classId, personId: vk(4003) }, details: { childId: vk(3001), how: 'name', className: '5А' } },
    ]);
  });

  it('reviewers: admins for all requests, class teachers for student and parent requests of their class', async () => {
    await s.members.ensureBootstrapAdmins([vk(1002)]);
    await verifiedTeacher(s, vk(2001));
    await verifiedTeacher(s, vk(2002));
    await s.members.assignClassTeacher(ADMIN, classId, vk(2001));
    const other = await s.classes.create(ADMIN, '6А');
    await s.members.assignClassTeacher(ADMIN, other.id, vk(2002));
    const student = await apply('student', vk(701));
    const teacher = await apply('teacher', vk(702));
    expect(await s.requests.reviewersOf(student.id)).toEqual([ADMIN, vk(1002), vk(2001)]);
    expect(await s.requests.reviewersOf(teacher.id)).toEqual([ADMIN, vk(1002)]);
    await expect(s.requests.approve(vk(2001), teacher.id)).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(s.requests.approve(vk(2002), student.id)).rejects.toBeInstanceOf(PermissionDeniedError);
    expect((await s.requests.approve(vk(2001), student.id)).ok).toBe(true);
  });

  it('who decides: the class teachers among the reviewers; none for a teacher request or a class without one', async () => {
    await verifiedTeacher(s, vk(2001));
    await s.members.assignClassTeacher(ADMIN, classId, vk(2001));
    const other = await s.classes.create(ADMIN, '6А');
    const student = await apply('student', vk(711));
    const teacher = await apply('teacher', vk(712));
    const elsewhere = await apply('parent', vk(713), other.id);
    expect((await s.requests.classTeachersDeciding(student)).map((m) => m.personId)).toEqual([vk(2001)]);
    expect(await s.requests.classTeachersDeciding(teacher)).toEqual([]);
    expect(await s.requests.classTeachersDeciding(elsewhere)).toEqual([]);
  });

  it("a person's pending requests, oldest first; another id with the same digits in front is not theirs; decided ones drop out", async () => {
    const other = await s.classes.create(ADMIN, '6А');
    const first = await apply('student', vk(72));
    school.clock.t += 1000;
    const second = await apply('parent', vk(72), other.id);
    await apply('student', vk(721));
    expect((await s.requests.pendingOf(vk(72))).map((r) => r.id)).toEqual([first.id, second.id]);
    await s.requests.reject(ADMIN, first.id);
    expect((await s.requests.pendingOf(vk(72))).map((r) => r.id)).toEqual([second.id]);
    expect(await s.requests.pendingOf(vk(73))).toEqual([]);
  });

  it('lists pending requests with paging and total, filtered for a class teacher', async () => {
    const other = await s.classes.create(ADMIN, '6А');
    for (let i = 0; i < 5; i++) {
      await apply('student', vk(800 + i));
      school.clock.t += 1000;
    }
    await apply('student', vk(900), other.id);
    await apply('teacher', vk(901));
    const p0 = await s.requests.listPending(ADMIN, { page: 0, pageSize: 3 });
    expect(p0.total).toBe(7);
    expect(p0.items.map((r) => r.applicant.personId)).toEqual([vk(800), vk(801), vk(802)]);
    const p2 = await s.requests.listPending(ADMIN, { page: 2, pageSize: 3 });
    expect(p2.items.map((r) => r.applicant.personId)).toEqual([vk(901)]);
    await verifiedTeacher(s, vk(2001));
    await s.members.assignClassTeacher(ADMIN, other.id, vk(2001));
    const own = await s.requests.listPending(vk(2001));
    expect(own.total).toBe(1);
    expect(own.items[0]?.applicant.personId).toBe(vk(900));
    await expect(s.requests.listPending(vk(800))).rejects.toBeInstanceOf(PermissionDeniedError);
  });
});
