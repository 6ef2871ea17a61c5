import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ClassArchivedError,
  ClassNameTakenError,
  InvalidClassNameError,
  NotFoundError,
  PermissionDeniedError,
  StaffRoomImmutableError,
  TooManyLettersError,
} from '../../src/domain/errors.js';
import { schoolKeys, LUA_KEY_FUNCTIONS } from '../../src/domain/keys.js';
import { STAFF_ROOM_ID, STAFF_ROOM_NAME } from '../../src/domain/types.js';
import { ADMIN, auditOf, expectNoAudit, join, openSchool, verifiedTeacher, type School } from './fixture.js';
import { vk } from '../helpers/people.js';

let school: School;
beforeEach(async () => {
  school = await openSchool();
});
afterEach(async () => {
  await school.cleanup();
});

describe('F03 staff room', () => {
  it('exists after ensureStaffRoom, which is idempotent', async () => {
    const { classes } = school.services;
    const again = await classes.ensureStaffRoom();
    expect(again).toMatchObject({ id: STAFF_ROOM_ID, kind: 'staff', name: STAFF_ROOM_NAME, status: 'active' });
    const list = await classes.list();
    expect(list.filter((c) => c.kind === 'staff')).toHaveLength(1);
    const audit = await school.services.audit.recent();
    expect(audit.filter((e) => e.action === 'class.staff_room_created')).toEqual([
      expect.objectContaining({ actor: 'system', target: { classId: STAFF_ROOM_ID } }),
    ]);
    expect(await auditOf(school, () => classes.ensureStaffRoom())).toEqual([]);
  });

  it('cannot be archived or renamed', async () => {
    const { classes } = school.services;
    await expect(classes.archive(ADMIN, STAFF_ROOM_ID)).rejects.toBeInstanceOf(StaffRoomImmutableError);
    await expect(classes.rename(ADMIN, STAFF_ROOM_ID, '5А')).rejects.toMatchObject({ code: 'class.staff_room_immutable' });
    expect(await classes.get(STAFF_ROOM_ID)).toMatchObject({ status: 'active', name: STAFF_ROOM_NAME });
  });
});

describe('F04 classes', () => {
  it('bulk-creates with a per-name result: created / duplicate / invalid', async () => {
    const { classes } = school.services;
    const results = await classes.createMany(ADMIN, ['5a', '5 А', '6б', '12Г', '7D', '6-Б']);
    expect(results.map((r) => r.status)).toEqual(['created', 'duplicate', 'created', 'invalid', 'invalid', 'duplicate']);
    const [first, second, , bad, latin] = results;
    expect(first).toMatchObject({ status: 'created', classGroup: { name: '5А', grade: 5, letter: 'А', kind: 'regular' } });
    expect(second).toMatchObject({ name: '5А', existingId: first?.status === 'created' ? first.classGroup.id : '' });
    expect(bad).toMatchObject({ reason: 'grade_out_of_range' });
    expect(latin).toMatchObject({ reason: 'not_cyrillic' });
    const again = await classes.createMany(ADMIN, ['5А']);
    expect(again[0]?.status).toBe('duplicate');
    expect((await classes.list()).map((c) => c.name)).toEqual([STAFF_ROOM_NAME, '5А', '6Б']);
    expect((await school.services.audit.recent()).filter((e) => e.action === 'class.created')).toHaveLength(2);
  });

  it('refuses, creating nothing, names that give a grade more than 10 letters; the grid preview too', async () => {
    const { classes } = school.services;
    const eleven = Array.from('АБВГДЕЖЗИКЛ', (letter) => `5${letter}`);
    await expect(classes.createMany(ADMIN, ['6А', ...eleven])).rejects.toMatchObject(new TooManyLettersError(5, 10));
    expect((await classes.list()).map((c) => c.name)).toEqual([STAFF_ROOM_NAME]);
    expect(await classes.previewGrid({ fromGrade: 1, toGrade: 2, letters: 'АБВГДЕЖЗИКЛ' })).toEqual({ ok: false, reason: 'too_many_letters', detail: '10' });
    expect((await classes.createMany(ADMIN, eleven.slice(0, 10))).every((r) => r.status === 'created')).toBe(true);
  });

  it('previews a grid without creating, marking existing names', async () => {
    const { classes } = school.services;
    await classes.create(ADMIN, '1Б');
    const preview = await classes.previewGrid({ fromGrade: 1, toGrade: 2, letters: 'АБ' });
    expect(preview).toEqual({
      ok: true,
      rows: [
        { name: '1А', grade: 1, letter: 'А', exists: false },
        { name: '1Б', grade: 1, letter: 'Б', exists: true },
        { name: '2А', grade: 2, letter: 'А', exists: false },
        { name: '2Б', grade: 2, letter: 'Б', exists: false },
      ],
    });
    expect((await classes.list()).length).toBe(2);
    if (!preview.ok) throw new Error('preview failed');
    const created = await classes.createMany(ADMIN, preview.rows.map((r) => r.name));
    expect(created.map((r) => r.status)).toEqual(['created', 'duplicate', 'created', 'created']);
  });

  it('renames to a free valid name, refuses taken and invalid names', async () => {
    const { classes } = school.services;
    const a = await classes.create(ADMIN, '5А');
    await classes.create(ADMIN, '5Б');
    await expect(classes.rename(ADMIN, a.id, '5б')).rejects.toBeInstanceOf(ClassNameTakenError);
    await expect(classes.rename(ADMIN, a.id, '5')).rejects.toBeInstanceOf(InvalidClassNameError);
    const renamed = await classes.rename(ADMIN, a.id, '5 в');
    expect(renamed.name).toBe('5В');
    expect((await classes.findByName('5a'))).toBeUndefined();
    expect((await classes.findByName('5В'))?.id).toBe(a.id);
    expect((await classes.create(ADMIN, '5А')).name).toBe('5А');
  });

  it('archives: frees the name, revokes its invites, unassigns class teachers; no renames after', async () => {
    const { classes, invites, members } = school.services;
    const a = await classes.create(ADMIN, '5А');
    await verifiedTeacher(school.services, vk(2001));
    await members.assignClassTeacher(ADMIN, a.id, vk(2001));
    const inv = await invites.create(ADMIN, { classId: a.id, role: 'student' });
    const { classGroup, revokedInvites } = await classes.archive(ADMIN, a.id);
    expect(classGroup.status).toBe('archived');
    expect(revokedInvites).toBe(1);
    expect((await invites.get(inv.id))?.revoked).toBe(true);
    expect((await members.get(vk(2001)))?.classTeacherOf).toEqual([]);
    await expect(classes.rename(ADMIN, a.id, '5Б')).rejects.toBeInstanceOf(ClassArchivedError);
    expect((await classes.archive(ADMIN, a.id)).revokedInvites).toBe(0);
    expect(await classes.list()).toHaveLength(1);
    expect(await classes.list({ includeArchived: true })).toHaveLength(2);
    const again = await classes.create(ADMIN, '5А');
    expect(again.id).not.toBe(a.id);
  });

  it('audits each change once, in the same script: created, renamed, archived; no entry for a refusal or a no-op', async () => {
    const { classes, invites } = school.services;
    let ids: string[] = [];
    expect(
      await auditOf(school, async () => {
        const results = await classes.createMany(ADMIN, ['5А', '5а', '6Б', '12А']);
        ids = results.flatMap((r) => (r.status === 'created' ? [r.classGroup.id] : []));
      }),
    ).toEqual([
      { actor: ADMIN, action: 'class.created', target: { classId: ids[0] }, details: { className: '5А' } },
      { actor: ADMIN, action: 'class.created', target: { classId: ids[1] }, details: { className: '6Б' } },
    ]);
    const [a, b] = ids as [string, string];
    await expectNoAudit(school, () => classes.createMany(ADMIN, ['5А', '13Б']));
    expect(await auditOf(school, () => classes.rename(ADMIN, a, '5В'))).toEqual([
      { actor: ADMIN, action: 'class.renamed', target: { classId: a }, details: { className: '5В', previousName: '5А' } },
    ]);
    await expectNoAudit(school, () => classes.rename(ADMIN, a, '5В'));
    await expectNoAudit(school, () => expect(classes.rename(ADMIN, a, '6Б')).rejects.toBeInstanceOf(ClassNameTakenError));
    await expectNoAudit(school, () => expect(classes.rename(ADMIN, 'c404', '7А')).rejects.toBeInstanceOf(NotFoundError));
    await invites.create(ADMIN, { classId: b, role: 'student' });
    await invites.create(ADMIN, { classId: b, role: 'parent' });
    expect(await auditOf(school, () => classes.archive(ADMIN, b))).toEqual([
      { actor: ADMIN, action: 'class.archived', target: { classId: b }, details: { revokedInvites: 2, className: '6Б' } },
    ]);
    await expectNoAudit(school, () => classes.archive(ADMIN, b));
    await expectNoAudit(school, () => expect(classes.rename(ADMIN, b, '7А')).rejects.toBeInstanceOf(ClassArchivedError));
    await expectNoAudit(school, () => expect(classes.archive(ADMIN, STAFF_ROOM_ID)).rejects.toBeInstanceOf(StaffRoomImmutableError));
  });

  it('only admins edit the structure', async () => {
    const { classes } = school.services;
    await verifiedTeacher(school.services, vk(2002));
    await expect(classes.createMany(vk(2002), ['5А'])).rejects.toBeInstanceOf(PermissionDeniedError);
    await expect(classes.createMany(vk(9999), ['5А'])).rejects.toMatchObject({ code: 'permission.denied' });
    const a = await classes.create(ADMIN, '5А');
    await join(school.services, 'student', a.id, { personId: vk(3001) });
    await expect(classes.archive(vk(3001), a.id)).rejects.toBeInstanceOf(PermissionDeniedError);
  });

  it('keeps keys under the prefix and school id; Lua key builders match keys.ts', async () => {
    const keys = schoolKeys(school.prefix, 'sch1');
    expect(await school.redis.exists(keys.classRecord(STAFF_ROOM_ID))).toBe(1);
    const script = `local B = KEYS[1]\n${LUA_KEY_FUNCTIONS}\nreturn { kClass('c1'), kStudents('c1'), kParents('c1'), kTeachers('c1'),
      kLeads('c1'), kClassInvites('c1'), kInvite('i1'), kInvites(), kInvitesByAuthor(7), kRequest('r1'), kRequestsPending(),
      kRequestsOpen(), kMember(7), kMembers(), kRole('admin'), kSeq('class'), kClasses(), kClassByName(), kAudit(), kSeq('audit') }`;
    const got = await school.redis.eval(script, 1, keys.base);
    expect(got).toEqual([
      keys.classRecord('c1'), keys.classStudents('c1'), keys.classParents('c1'), keys.classTeachers('c1'),
      keys.classLeads('c1'), keys.classInvites('c1'), keys.inviteRecord('i1'), keys.invites, keys.invitesByAuthor(vk(7)),
      keys.requestRecord('r1'), keys.requestsPending, keys.requestsOpen, keys.memberRecord(vk(7)), keys.members,
      keys.role('admin'), keys.seq('class'), keys.classes, keys.classByName, keys.audit, keys.seq('audit'),
    ]);
    // The braces are a Redis Cluster hash tag: every key of a school in one slot.
    expect(keys.base).toBe(`${school.prefix}{s:sch1}:`);
    for (const key of got as string[]) expect(key.startsWith(keys.base)).toBe(true);
  });
});
