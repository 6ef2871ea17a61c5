import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STAFF_ROOM_ID } from '../../src/domain/types.js';
import { ADMIN, classIds, openSchool, type School } from './fixture.js';

let school: School;
beforeEach(async () => {
  school = await openSchool();
});
afterEach(async () => {
  await school.cleanup();
});

describe('the first steps after the school setup (issue 10)', () => {
  it('follow the records: classes, the staff room invite, a class teacher and an invite for every active class', async () => {
    const s = school.services;
    await s.classes.ensureStaffRoom();
    expect(await s.firstSteps.checklist()).toEqual({
      steps: [
        { id: 'classes', done: false },
        { id: 'staff-invite', done: false },
        { id: 'class-teachers', done: false, covered: 0, total: 0 },
        { id: 'class-invites', done: false, covered: 0, total: 0 },
      ],
      next: 'classes',
    });
    const ids = await classIds(s, '5А', '5Б');
    expect((await s.firstSteps.checklist()).next).toBe('staff-invite');
    await s.invites.create(ADMIN, { classId: STAFF_ROOM_ID, role: 'teacher' });
    await s.invites.create(ADMIN, { classId: ids['5А']!, role: 'student' });
    const partly = await s.firstSteps.checklist();
    expect(partly.next).toBe('class-teachers');
    expect(partly.steps[3]).toEqual({ id: 'class-invites', done: false, covered: 1, total: 2 });
    // An archived class no longer counts: the one left has its invite.
    await s.classes.archive(ADMIN, ids['5Б']!);
    const after = await s.firstSteps.checklist();
    expect(after.steps[3]).toEqual({ id: 'class-invites', done: true, covered: 1, total: 1 });
    expect(after.steps[2]).toEqual({ id: 'class-teachers', done: false, covered: 0, total: 1 });
  });
});
