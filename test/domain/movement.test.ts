import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LastAdminError, NotAStudentError, PermissionDeniedError } from '../../src/domain/errors.js';
import type { Services } from '../../src/domain/index.js';
import { ADMIN, auditOf, expectNoAudit, join, openSchool, verifiedTeacher, type School, classIds as createClasses } from './fixture.js';
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

const classIds = (...names: string[]) => createClasses(s, ...names);

describe('F10 movement', () => {
  it('transfers a student to another class', async () => {
    const c = await classIds('5А', '5Б');
    await join(s, 'student', c['5А']!, { personId: vk(3001) });
    const res = await s.movement.transfer(ADMIN, { personId: vk(3001), toClassId: c['5Б']! });
    expect(res).toMatchObject({ fromClassId: c['5А'], changed: true, member: { classIds: [c['5Б']] } });
    expect((await s.members.roster(ADMIN, c['5А']!)).students).toEqual([]);
    expect((await s.members.roster(ADMIN, c['5Б']!)).students.map((m) => m.personId)).toEqual([vk(3001)]);
    await expect(s.movement.transfer(ADMIN, { personId: vk(3001), toClassId: c['5Б']!, fromClassId: c['5А']! })).rejects.toBeInstanceOf(
      NotAStudentError,
    );
    await expect(s.movement.transfer(ADMIN, { personId: vk(3001), toClassId: 'staff' })).rejects.toMatchObject({
      code: 'class.staff_room_immutable',
    });
    await verifiedTeacher(s, vk(2001));
    await expect(s.movement.transfer(vk(2001), { personId: vk(3001), toClassId: c['5А']! })).rejects.toBeInstanceOf(PermissionDeniedError);
    expect((await s.audit.recent()).find((e) => e.action === 'movement.transferred')).toMatchObject({
      target: { personId: vk(3001), classId: c['5Б'] },
    });
  });

  it('leaving revokes the leaver’s invites and strips their roles at once', async () => {
    const c = await classIds('5А');
    await verifiedTeacher(s, vk(2001));
    await s.members.assignClassTeacher(ADMIN, c['5А']!, vk(2001));
    await s.members.appointAdmin(ADMIN, vk(2001));
    const own = await s.invites.create(vk(2001), { classId: c['5А']!, role: 'student' });
    const adminInvite = await s.invites.create(ADMIN, { classId: c['5А']!, role: 'student' });
    const res = await s.movement.markLeft(ADMIN, vk(2001));
    expect(res).toMatchObject({ changed: true, revokedInvites: 1, member: { status: 'left', roles: [], classTeacherOf: [] } });
    expect(res.member.teacherStatus).toBeUndefined();
    expect((await s.invites.get(own.id))?.revoked).toBe(true);
    expect((await s.invites.get(adminInvite.id))?.revoked).toBe(false);
    expect((await s.members.listAdmins()).map((m) => m.personId)).toEqual([ADMIN]);
    expect((await s.members.roster(ADMIN, c['5А']!)).classTeachers).toEqual([]);
    await expect(s.invites.create(vk(2001), { classId: c['5А']!, role: 'student' })).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(s.movement.markLeft(ADMIN, ADMIN)).rejects.toBeInstanceOf(LastAdminError);
    expect((await s.movement.markLeft(ADMIN, vk(2001))).changed).toBe(false);
  });

  it('a member who left can rejoin through a new invite', async () => {
    const c = await classIds('5А');
    await join(s, 'student', c['5А']!, { personId: vk(3001) });
    await s.movement.markLeft(ADMIN, vk(3001));
    const back = await join(s, 'student', c['5А']!, { personId: vk(3001) });
    expect(back).toMatchObject({ status: 'active', roles: ['student'], classIds: [c['5А']] });
  });

  it('previews and applies promotion: 5А→6А, 10А→11А, 11А graduates and is archived', async () => {
    const c = await classIds('5А', '6А', '10А', '11А', '11Б');
    await join(s, 'student', c['11А']!, { personId: vk(3001) });
    await join(s, 'parent', c['11А']!, { personId: vk(4001) });
    await join(s, 'parent', c['5А']!, { personId: vk(4001), childName: 'Младший Сын' });
    await join(s, 'student', c['5А']!, { personId: vk(3002) });
    await verifiedTeacher(s, vk(2001));
    await s.members.assignClassTeacher(ADMIN, c['11А']!, vk(2001));
    const gradInvite = await s.invites.create(ADMIN, { classId: c['11А']!, role: 'student' });
    const plan = await s.movement.previewPromotion();
    expect(plan.moves.map((m) => `${m.from}>${m.to}`)).toEqual(['5А>6А', '6А>7А', '10А>11А']);
    expect(plan.graduates.map((g) => g.name)).toEqual(['11А', '11Б']);
    expect(plan.conflicts).toEqual([]);
    expect((await s.classes.get(c['5А']!))?.name).toBe('5А');

    const res = await s.movement.applyPromotion(ADMIN, plan);
    expect(res).toMatchObject({ ok: true, graduatedMembers: 2 });
    const names = (await s.classes.list()).map((x) => x.name);
    expect(names).toEqual(['Учительская', '6А', '7А', '11А']);
    expect((await s.classes.get(c['10А']!))?.name).toBe('11А');
    expect((await s.classes.get(c['11А']!))?.status).toBe('archived');
    expect((await s.classes.findByName('11А'))?.id).toBe(c['10А']);
    expect((await s.members.get(vk(3001)))).toMatchObject({ status: 'left', roles: [] });
    expect((await s.members.get(vk(4001)))).toMatchObject({ status: 'active', roles: ['parent'], classIds: [c['5А']] });
    expect((await s.members.get(vk(3002)))?.classIds).toEqual([c['5А']]);
    expect((await s.members.get(vk(2001)))?.classTeacherOf).toEqual([]);
    expect((await s.invites.get(gradInvite.id))?.revoked).toBe(true);
    expect((await s.audit.recent(1))[0]).toMatchObject({ action: 'movement.promoted', details: { moved: 3, graduatedClasses: 2 } });

    const twice = await s.movement.applyPromotion(ADMIN, plan);
    expect(twice).toMatchObject({ ok: false, reason: 'stale' });
    expect((await s.classes.get(c['5А']!))?.name).toBe('6А');
  });

  it('refuses when a target name is held by a class that is not moving', async () => {
    const c = await classIds('5А', '6А');
    const plan = await s.movement.previewPromotion({ keep: [c['6А']!] });
    expect(plan.kept).toEqual([c['6А']]);
    expect(plan.conflicts).toEqual([{ classId: c['5А'], from: '5А', to: '6А', blockingClassId: c['6А'] }]);
    const res = await s.movement.applyPromotion(ADMIN, plan);
    expect(res).toMatchObject({ ok: false, reason: 'conflict' });
    expect((await s.classes.list()).map((x) => x.name)).toEqual(['Учительская', '5А', '6А']);
  });

  it('refuses a stale plan when classes changed after the preview', async () => {
    await classIds('5А');
    const plan = await s.movement.previewPromotion();
    await s.classes.create(ADMIN, '7В');
    expect(await s.movement.applyPromotion(ADMIN, plan)).toMatchObject({ ok: false, reason: 'stale' });
    expect((await s.classes.list()).map((x) => x.name)).toEqual(['Учительская', '5А', '7В']);
  });

  it('two processes applying the same plan at once: exactly one applies', async () => {
    const c = await classIds('1А', '2А', '3А');
    const other = await school.second();
    const plan = await s.movement.previewPromotion();
    const log = await auditOf(school, async () => {
      const [a, b] = await Promise.all([s.movement.applyPromotion(ADMIN, plan), other.movement.applyPromotion(ADMIN, plan)]);
      expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    });
    expect(log.map((e) => e.action)).toEqual(['class.promoted', 'class.promoted', 'class.promoted', 'movement.promoted']);
    expect((await s.classes.get(c['1А']!))?.name).toBe('2А');
    expect((await s.classes.get(c['3А']!))?.name).toBe('4А');
  });
});

describe('audit of movement', () => {
  it('a transfer, a leaving and a promotion each audit in their script; refusals and no-ops write nothing', async () => {
    const c = await classIds('5А', '5Б', '11А');
    await join(s, 'student', c['5А']!, { personId: vk(3001) });
    expect(await auditOf(school, () => s.movement.transfer(ADMIN, { personId: vk(3001), toClassId: c['5Б']! }))).toEqual([
      { actor: ADMIN, action: 'movement.transferred', target: { personId: vk(3001), classId: c['5Б'] }, details: { fromClassId: c['5А'], parents: 0, className: '5Б', fromClassName: '5А' } },
    ]);
    await expectNoAudit(school, async () => expect((await s.movement.transfer(ADMIN, { personId: vk(3001), toClassId: c['5Б']! })).changed).toBe(false));
    await expectNoAudit(school, () =>
      expect(s.movement.transfer(ADMIN, { personId: vk(3001), toClassId: c['5Б']!, fromClassId: c['5А']! })).rejects.toBeInstanceOf(NotAStudentError),
    );
    await expectNoAudit(school, () => expect(s.movement.transfer(ADMIN, { personId: vk(3001), toClassId: 'staff' })).rejects.toMatchObject({ code: 'class.staff_room_immutable' }));

    await verifiedTeacher(s, vk(2001));
    const own = await s.invites.create(ADMIN, { classId: 'staff', role: 'teacher' });
    await s.members.appointAdmin(ADMIN, vk(2001));
    const invite = await s.invites.create(vk(2001), { classId: c['5А']!, role: 'student' });
    expect(await auditOf(school, () => s.movement.markLeft(ADMIN, vk(2001)))).toEqual([
      { actor: ADMIN, action: 'movement.left', target: { personId: vk(2001) }, details: { revokedInvites: 1, rejectedRequests: 0, parents: 0 } },
    ]);
    expect((await s.invites.get(invite.id))?.revoked).toBe(true);
    expect((await s.invites.get(own.id))?.revoked).toBe(false);
    await expectNoAudit(school, () => s.movement.markLeft(ADMIN, vk(2001)));
    await expectNoAudit(school, () => expect(s.movement.markLeft(ADMIN, ADMIN)).rejects.toBeInstanceOf(LastAdminError));

    const stale = await s.movement.previewPromotion();
    const sixth = await s.classes.create(ADMIN, '6А');
    const blocked = await s.movement.previewPromotion({ keep: [sixth.id] });
    await expectNoAudit(school, async () => expect(await s.movement.applyPromotion(ADMIN, blocked)).toMatchObject({ ok: false, reason: 'conflict' }));
    await expectNoAudit(school, async () => expect(await s.movement.applyPromotion(ADMIN, stale)).toMatchObject({ ok: false, reason: 'stale' }));
    await s.classes.archive(ADMIN, sixth.id);
    const plan = await s.movement.previewPromotion();
    // 5А's invite was revoked when its author left; none of last year's invites is left to revoke.
    expect(await auditOf(school, () => s.movement.applyPromotion(ADMIN, plan))).toEqual([
      { actor: ADMIN, action: 'class.promoted', target: { classId: c['5А'] }, details: { className: '5А', newName: '6А' } },
      { actor: ADMIN, action: 'class.promoted', target: { classId: c['5Б'] }, details: { className: '5Б', newName: '6Б' } },
      { actor: ADMIN, action: 'class.graduated', target: { classId: c['11А'] }, details: { className: '11А' } },
      {
        actor: ADMIN,
        action: 'movement.promoted',
        target: {},
        details: { moved: 2, graduatedClasses: 1, graduatedMembers: 0, rejectedRequests: 0, revokedInvites: 1 },
      },
    ]);
  });
});

describe('audit log', () => {
  it('records who, what, when with target ids only, newest first', async () => {
    const c = await classIds('5А');
    school.clock.t += 5000;
    await join(s, 'student', c['5А']!, { personId: vk(3001), name: 'Секретное Имя' });
    const recent = await s.audit.recent(10);
    expect(recent[0]).toMatchObject({ action: 'request.approved', actor: ADMIN, target: { personId: vk(3001), classId: c['5А'] } });
    expect(recent[0]!.at).toBe(school.clock.t);
    expect(recent.map((e) => e.id)).toEqual([...recent.map((e) => e.id)].sort((x, y) => y - x));
    expect(JSON.stringify(recent)).not.toContain('Секретное');
    expect(await s.audit.recent(2)).toHaveLength(2);
  });
});
