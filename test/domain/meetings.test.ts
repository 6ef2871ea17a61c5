import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MeetingCancelledError, PermissionDeniedError, type Services } from '../../src/domain/index.js';
import { ADMIN, T0, classIds, join, openSchool, verifiedTeacher, type School } from './fixture.js';
import { vk } from '../helpers/people.js';

let school: School;
let s: Services;
beforeEach(async () => {
  school = await openSchool();
  s = school.services;
  await verifiedTeacher(s, vk(200));
  await s.members.setAdministrationRole(ADMIN, vk(200), 'deputy');
  await verifiedTeacher(s, vk(300));
});
afterEach(() => school.cleanup());

describe('F22 meetings in the domain', () => {
  it('F22: a deputy plans a meeting, moves it (the version rises) and cancels it; a teacher may not plan one', async () => {
    const at = T0 + 3 * 24 * 3600_000;
    const planned = await s.meetings.create(vk(200), { title: 'Педсовет', at, place: 'Актовый зал', audience: { kind: 'staff' }, invited: [vk(300)] });
    expect(planned).toMatchObject({ status: 'planned', title: 'Педсовет', at, organiser: vk(200), invited: [vk(300)], version: 1 });
    expect((await s.meetings.upcoming(vk(200), T0)).map((m) => m.id)).toEqual([planned.id]);
    const moved = await s.meetings.move(vk(200), planned.id, at + 3600_000);
    expect(moved).toMatchObject({ at: at + 3600_000, version: 2 });
    expect(await s.meetings.cancel(ADMIN, planned.id)).toMatchObject({ status: 'cancelled' });
    await expect(s.meetings.move(vk(200), planned.id, at)).rejects.toBeInstanceOf(MeetingCancelledError);
    expect(await s.meetings.upcoming('all', T0)).toEqual([]);
    await expect(s.meetings.create(vk(300), { title: 'Моё', at, audience: { kind: 'staff' }, invited: [] })).rejects.toBeInstanceOf(PermissionDeniedError);
  });

  it("F22: a parents' meeting is for the class's parents", async () => {
    const c = await classIds(s, '5А');
    await join(s, 'parent', c['5А']!, { personId: vk(4001) });
    const meeting = await s.meetings.create(vk(200), { title: 'Родительское собрание', at: T0 + 3600_000, audience: { kind: 'parents', classId: c['5А']! }, invited: [vk(4001)] });
    expect(meeting.audience).toEqual({ kind: 'parents', classId: c['5А']! });
    expect((await s.meetings.audience(meeting.audience)).map((m) => m.personId)).toEqual([vk(4001)]);
  });
});
