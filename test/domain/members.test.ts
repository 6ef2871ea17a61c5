import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  LastAdminError,
  NotATeacherError,
  NotVerifiedTeacherError,
  PermissionDeniedError,
  StaffRoomImmutableError,
} from '../../src/domain/errors.js';
import type { Services } from '../../src/domain/index.js';
import { can, effectiveRoles } from '../../src/domain/permissions.js';
import { ADMIN, auditOf, expectNoAudit, join, openSchool, verifiedTeacher, type School } from './fixture.js';
import { vk } from '../helpers/people.js';

let school: School;
let s: Services;
beforeEach(async () => {
  school = await openSchool();
  s = school.services;
});
afterEach(async () => {
  await school.cleanup();
});

describe('F06/F18 admins', () => {
  it('bootstrap admins are admins from the first start; idempotent', async () => {
    expect(await auditOf(school, () => s.members.ensureBootstrapAdmins([ADMIN, vk(1002), vk(1002), vk(1003)]))).toEqual([
      { actor: 'system', action: 'admin.bootstrapped', target: { personId: vk(1002) } },
      { actor: 'system', action: 'admin.bootstrapped', target: { personId: vk(1003) } },
    ]);
    await expectNoAudit(school, async () => expect(await s.members.ensureBootstrapAdmins([ADMIN, vk(1002)])).toEqual([]));
    expect((await s.members.listAdmins()).map((m) => m.personId)).toEqual([ADMIN, vk(1002), vk(1003)]);
    expect(can((await s.members.get(vk(1002))) ?? null, 'school.edit')).toBe(true);
  });

  it('head or admin appoints an admin from verified teachers only', async () => {
    await join(s, 'teacher', 'staff', { personId: vk(2001) });
    await expect(s.members.appointAdmin(ADMIN, vk(2001))).rejects.toBeInstanceOf(NotVerifiedTeacherError);
    await s.members.verifyTeacher(ADMIN, vk(2001));
    await verifiedTeacher(s, vk(2002));
    await s.members.setAdministrationRole(ADMIN, vk(2002), 'head');
    const cls = await s.classes.create(ADMIN, '5А');
    await join(s, 'student', cls.id, { personId: vk(3001) });
    await expect(s.members.appointAdmin(vk(3001), vk(2001))).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(s.members.appointAdmin(ADMIN, vk(3001))).rejects.toBeInstanceOf(NotATeacherError);
    const appointed = await s.members.appointAdmin(vk(2002), vk(2001));
    expect(appointed.roles).toEqual(['teacher', 'admin']);
    expect((await s.members.listAdmins()).map((m) => m.personId)).toEqual([ADMIN, vk(2001)]);
    expect((await s.audit.recent()).find((e) => e.action === 'admin.appointed')).toMatchObject({ actor: vk(2002), target: { personId: vk(2001) } });
  });

  it('never removes the last admin', async () => {
    await expect(s.members.removeAdmin(ADMIN, ADMIN)).rejects.toBeInstanceOf(LastAdminError);
    await verifiedTeacher(s, vk(2001));
    await s.members.appointAdmin(ADMIN, vk(2001));
    const other = await school.second();
    const results = await Promise.allSettled([s.members.removeAdmin(ADMIN, ADMIN), other.members.removeAdmin(vk(2001), vk(2001))]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await s.members.listAdmins()).toHaveLength(1);
  });

  it('admin marks verified teachers as head (one) or deputy', async () => {
    await verifiedTeacher(s, vk(2001));
    await verifiedTeacher(s, vk(2002));
    await join(s, 'teacher', 'staff', { personId: vk(2003) });
    await expect(s.members.setAdministrationRole(ADMIN, vk(2003), 'deputy')).rejects.toBeInstanceOf(NotVerifiedTeacherError);
    await s.members.setAdministrationRole(ADMIN, vk(2001), 'head');
    await s.members.setAdministrationRole(ADMIN, vk(2002), 'head');
    expect((await s.members.listByRole('head')).map((m) => m.personId)).toEqual([vk(2002)]);
    await s.members.setAdministrationRole(ADMIN, vk(2001), 'deputy');
    await expect(s.members.setAdministrationRole(vk(2002), vk(2001), 'deputy')).rejects.toBeInstanceOf(PermissionDeniedError);
    await s.members.unsetAdministrationRole(ADMIN, vk(2001), 'deputy');
    expect((await s.members.get(vk(2001)))?.roles).toEqual(['teacher']);
  });
});

describe('audit of role changes', () => {
  it('each change writes one entry in its script; a no-op or a refusal writes none', async () => {
    await join(s, 'teacher', 'staff', { personId: vk(2001) });
    await verifiedTeacher(s, vk(2002));
    await expectNoAudit(school, () => expect(s.members.appointAdmin(ADMIN, vk(2001))).rejects.toBeInstanceOf(NotVerifiedTeacherError));
    expect(await auditOf(school, () => s.members.verifyTeacher(ADMIN, vk(2001)))).toEqual([
      { actor: ADMIN, action: 'teacher.verified', target: { personId: vk(2001) } },
    ]);
    await expectNoAudit(school, () => s.members.verifyTeacher(ADMIN, vk(2001)));
    expect(await auditOf(school, () => s.members.appointAdmin(ADMIN, vk(2001)))).toEqual([
      { actor: ADMIN, action: 'admin.appointed', target: { personId: vk(2001) } },
    ]);
    await expectNoAudit(school, () => s.members.appointAdmin(ADMIN, vk(2001)));
    expect(await auditOf(school, () => s.members.removeAdmin(vk(2001), ADMIN))).toEqual([
      { actor: vk(2001), action: 'admin.removed', target: { personId: ADMIN } },
    ]);
    await expectNoAudit(school, () => expect(s.members.removeAdmin(vk(2001), vk(2001))).rejects.toBeInstanceOf(LastAdminError));

    expect(await auditOf(school, () => s.members.setAdministrationRole(vk(2001), vk(2002), 'head'))).toEqual([
      { actor: vk(2001), action: 'head.assigned', target: { personId: vk(2002) } },
    ]);
    // A new head: the previous one loses the role in the same step, and the log says so.
    expect(await auditOf(school, () => s.members.setAdministrationRole(vk(2001), vk(2001), 'head'))).toEqual([
      { actor: vk(2001), action: 'head.assigned', target: { personId: vk(2001) } },
      { actor: vk(2001), action: 'head.unassigned', target: { personId: vk(2002) } },
    ]);
    await expectNoAudit(school, () => s.members.setAdministrationRole(vk(2001), vk(2001), 'head'));
    expect(await auditOf(school, () => s.members.setAdministrationRole(vk(2001), vk(2002), 'deputy'))).toEqual([
      { actor: vk(2001), action: 'deputy.assigned', target: { personId: vk(2002) } },
    ]);
    expect(await auditOf(school, () => s.members.unsetAdministrationRole(vk(2001), vk(2002), 'deputy'))).toEqual([
      { actor: vk(2001), action: 'deputy.unassigned', target: { personId: vk(2002) } },
    ]);
    await expectNoAudit(school, () => s.members.unsetAdministrationRole(vk(2001), vk(2002), 'deputy'));

    const cls = await s.classes.create(vk(2001), '5А');
    expect(await auditOf(school, () => s.members.assignClassTeacher(vk(2001), cls.id, vk(2002)))).toEqual([
      { actor: vk(2001), action: 'classTeacher.assigned', target: { personId: vk(2002), classId: cls.id }, details: { className: '5А' } },
    ]);
    await expectNoAudit(school, () => s.members.assignClassTeacher(vk(2001), cls.id, vk(2002)));
    await expectNoAudit(school, () => expect(s.members.assignClassTeacher(vk(2001), 'staff', vk(2002))).rejects.toBeInstanceOf(StaffRoomImmutableError));
    expect(await auditOf(school, () => s.members.unassignClassTeacher(vk(2001), cls.id, vk(2002)))).toEqual([
      { actor: vk(2001), action: 'classTeacher.unassigned', target: { personId: vk(2002), classId: cls.id }, details: { className: '5А' } },
    ]);
    await expectNoAudit(school, () => s.members.unassignClassTeacher(vk(2001), cls.id, vk(2002)));

    expect(await auditOf(school, () => s.members.setName(vk(2002), 'Новое Имя'))).toEqual([
      { actor: vk(2002), action: 'member.renamed', target: { personId: vk(2002) } },
    ]);
    await expectNoAudit(school, () => s.members.setName(vk(2002), 'Новое Имя'));
    expect(JSON.stringify(await s.audit.recent(100))).not.toContain('Новое');
  });
});

describe('F09/F20/F24 teacher verification', () => {
  it('a teacher is pending until an admin, head or deputy verifies; only then has teacher powers', async () => {
    const pending = await join(s, 'teacher', 'staff', { personId: vk(2001) });
    expect(pending.teacherStatus).toBe('pending');
    expect(effectiveRoles(pending)).not.toContain('teacher');
    expect((await s.members.listUnverifiedTeachers()).map((m) => m.personId)).toEqual([vk(2001)]);
    await verifiedTeacher(s, vk(2002));
    await expect(s.members.verifyTeacher(vk(2002), vk(2001))).rejects.toBeInstanceOf(PermissionDeniedError);
    await s.members.setAdministrationRole(ADMIN, vk(2002), 'deputy');
    const verified = await s.members.verifyTeacher(vk(2002), vk(2001));
    expect(verified.teacherStatus).toBe('verified');
    expect(effectiveRoles(verified)).toContain('teacher');
    expect(await s.members.listUnverifiedTeachers()).toEqual([]);
  });

  it('F09 F20: of two verifiers confirming at once the first wins in one atomic step, and the record keeps who it was until the teacher leaves', async () => {
    await join(s, 'teacher', 'staff', { personId: vk(2001) });
    await verifiedTeacher(s, vk(2002));
    await s.members.setAdministrationRole(ADMIN, vk(2002), 'deputy');
    school.clock.t = 5_000;
    const other = await school.second();
    let results: Awaited<ReturnType<Services['members']['confirmTeacherStatus']>>[] = [];
    const audit = await auditOf(school, async () => {
      results = await Promise.all([s.members.confirmTeacherStatus(ADMIN, vk(2001)), other.members.confirmTeacherStatus(vk(2002), vk(2001))]);
    });
    const [a, b] = results as [(typeof results)[0], (typeof results)[0]];
    expect([a.confirmed, b.confirmed].sort()).toEqual([false, true]);
    const winner = a.confirmed ? ADMIN : vk(2002);
    expect(a.teacher).toMatchObject({ teacherStatus: 'verified', verifiedBy: winner });
    expect(b.teacher).toMatchObject({ verifiedBy: winner });
    expect(audit).toEqual([{ actor: winner, action: 'teacher.verified', target: { personId: vk(2001) } }]);
    await s.movement.markLeft(ADMIN, vk(2001));
    const left = await s.members.get(vk(2001));
    expect(left?.verifiedBy).toBeUndefined();
    expect(left?.verifiedAt).toBeUndefined();
  });
});

describe('F07 class teachers and rosters', () => {
  it('assigns verified teachers to several classes; roster shows students, parents, class teachers', async () => {
    const a = await s.classes.create(ADMIN, '5А');
    const b = await s.classes.create(ADMIN, '6Б');
    await join(s, 'teacher', 'staff', { personId: vk(2001) });
    await expect(s.members.assignClassTeacher(ADMIN, a.id, vk(2001))).rejects.toBeInstanceOf(NotVerifiedTeacherError);
    await s.members.verifyTeacher(ADMIN, vk(2001));
    await expect(s.members.assignClassTeacher(ADMIN, 'staff', vk(2001))).rejects.toBeInstanceOf(StaffRoomImmutableError);
    await s.members.assignClassTeacher(ADMIN, a.id, vk(2001));
    const both = await s.members.assignClassTeacher(ADMIN, b.id, vk(2001));
    expect(both.classTeacherOf).toEqual([a.id, b.id]);
    await join(s, 'student', a.id, { personId: vk(3001), name: 'Иванов Иван' });
    await join(s, 'parent', a.id, { personId: vk(4001), name: 'Иванова Мария', childName: 'Иванов Иван' });
    const roster = await s.members.roster(vk(2001), a.id);
    expect(roster.students.map((m) => m.personId)).toEqual([vk(3001)]);
    expect(roster.parents.map((p) => [p.member.personId, p.childName])).toEqual([[vk(4001), 'Иванов Иван']]);
    expect(roster.classTeachers.map((m) => m.personId)).toEqual([vk(2001)]);
    expect((await s.members.roster(ADMIN, 'staff')).teachers.map((m) => m.personId)).toEqual([vk(2001)]);
    await expect(s.members.roster(vk(3001), a.id)).rejects.toBeInstanceOf(PermissionDeniedError);
    const after = await s.members.unassignClassTeacher(ADMIN, a.id, vk(2001));
    expect(after.classTeacherOf).toEqual([b.id]);
    await expect(s.members.roster(vk(2001), a.id)).rejects.toBeInstanceOf(PermissionDeniedError);
  });
});
