import { describe, expect, it } from 'vitest';
import { ACTIONS, PERMISSIONS, PermissionDeniedError, assertCan, can, canSomewhere, effectiveRoles } from '../../src/domain/permissions.js';
import { ROLES, type Member, type Role } from '../../src/domain/types.js';
import { vk } from '../helpers/people.js';

function member(roles: Role[], extra: Partial<Member> = {}): Member {
  return {
    personId: vk(1),
    name: 'X',
    roles,
    classIds: [],
    classTeacherOf: [],
    subjects: [],
    joinedAt: 0,
    status: 'active',
    ...(roles.includes('teacher') ? { teacherStatus: 'verified' as const } : {}),
    ...extra,
  } as Member;
}

describe('DESIGN §4 permission matrix', () => {
  it('covers every action', () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...ACTIONS].sort());
  });

  it.each([
    ['school.edit', ['admin']],
    ['teacher.verify', ['admin', 'head', 'deputy']],
    ['admin.appoint', ['admin', 'head']],
    ['classTeacher.assign', ['admin']],
    ['movement.record', ['admin']],
    ['administration.assign', ['admin']],
    ['roster.view', ['admin', 'head', 'deputy']],
  ] as const)('%s is allowed exactly for %j', (action, allowed) => {
    for (const role of ROLES) {
      expect(can(member([role]), action), `${role} ${action}`).toBe((allowed as readonly string[]).includes(role));
    }
  });

  it('F09/F24: teacher powers need verification', () => {
    const pending = member(['teacher'], { teacherStatus: 'pending', classTeacherOf: ['c1'] });
    expect(can(pending, 'roster.view', { classId: 'c1' })).toBe(false);
    expect(effectiveRoles(pending)).toEqual([]);
    expect(can(member(['teacher'], { classTeacherOf: ['c1'] }), 'roster.view', { classId: 'c1' })).toBe(true);
  });

  it('F07: a class teacher may invite and review students and parents of their own class only', () => {
    const ct = member(['teacher'], { classTeacherOf: ['c1'] });
    expect(can(ct, 'invite.create', { classId: 'c1', role: 'student' })).toBe(true);
    expect(can(ct, 'invite.create', { classId: 'c1', role: 'parent' })).toBe(true);
    expect(can(ct, 'invite.create', { classId: 'c1', role: 'teacher' })).toBe(false);
    expect(can(ct, 'invite.create', { classId: 'c2', role: 'student' })).toBe(false);
    expect(can(ct, 'request.review', { classId: 'c1', role: 'parent' })).toBe(true);
    expect(can(ct, 'request.review', { classId: 'c2', role: 'parent' })).toBe(false);
    expect(can(ct, 'invite.create')).toBe(false);
    const unverified = member(['teacher'], { classTeacherOf: ['c1'], teacherStatus: 'pending' });
    expect(can(unverified, 'invite.create', { classId: 'c1', role: 'student' })).toBe(false);
    expect(can(member(['admin']), 'invite.create', { classId: 'c9', role: 'teacher' })).toBe(true);
  });

  it('a member who left has no powers, and neither has a stranger', () => {
    const left = { ...member(['admin']), status: 'left', leftAt: 1 } as Member;
    expect(can(left, 'school.edit')).toBe(false);
    expect(ACTIONS.filter((action) => can(null, action))).toEqual([]);
  });

  it('assertCan throws PermissionDeniedError with a stable code; the system may do anything', () => {
    expect(() => assertCan(vk(5), member(['student']), 'school.edit')).toThrow(PermissionDeniedError);
    try {
      assertCan(vk(5), null, 'school.edit');
    } catch (e) {
      expect((e as PermissionDeniedError).code).toBe('permission.denied');
    }
    expect(() => assertCan('system', null, 'school.edit')).not.toThrow();
  });
});

describe('canSomewhere (who may open a command)', () => {
  it('allows by role, or as the verified class teacher of some class for class-teacher powers only', () => {
    expect(canSomewhere(member(['admin']), 'invite.create')).toBe(true);
    expect(canSomewhere(member(['teacher']), 'invite.create')).toBe(false);
    expect(canSomewhere(member(['teacher'], { classTeacherOf: ['c1'] }), 'invite.create')).toBe(true);
    expect(canSomewhere(member(['teacher'], { classTeacherOf: ['c1'] }), 'request.review')).toBe(true);
    expect(canSomewhere(member(['teacher'], { classTeacherOf: ['c1'] }), 'movement.record')).toBe(false);
    expect(canSomewhere(member(['teacher'], { classTeacherOf: ['c1'], teacherStatus: 'pending' }), 'invite.create')).toBe(false);
    expect(canSomewhere(null, 'invite.create')).toBe(false);
  });
});
