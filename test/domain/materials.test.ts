import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PermissionDeniedError } from '../../src/domain/errors.js';
import type { Services } from '../../src/domain/index.js';
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

describe('F21 material for the channels', () => {
  it('a verified teacher hands material in; it waits; a student may not', async () => {
    await verifiedTeacher(s, vk(2001));
    const c = await s.classes.create(ADMIN, '5А');
    await join(s, 'student', c.id, { personId: vk(3001) });
    const material = await s.materials.submit(vk(2001), 'staff', 'Семинар в четверг.');
    expect(material).toMatchObject({ kind: 'staff', text: 'Семинар в четверг.', author: vk(2001), status: 'pending' });
    expect((await s.materials.pending()).map((m) => m.id)).toEqual([material.id]);
    await expect(s.materials.submit(vk(3001), 'school', 'Привет')).rejects.toBeInstanceOf(PermissionDeniedError);
  });

  it('of two admins deciding at once the first decides, once, with its audit entry; a teacher may not decide', async () => {
    await verifiedTeacher(s, vk(2001));
    await s.members.ensureBootstrapAdmins([vk(1002)]);
    const material = await s.materials.submit(vk(2001), 'school', 'Линейка в 9:00.');
    await expect(s.materials.decide(vk(2001), material.id, 'published')).rejects.toBeInstanceOf(PermissionDeniedError);
    const other = await school.second();
    let results: Awaited<ReturnType<Services['materials']['decide']>>[] = [];
    const audit = await auditOf(school, async () => {
      results = await Promise.all([s.materials.decide(ADMIN, material.id, 'published'), other.materials.decide(vk(1002), material.id, 'declined', { reason: 'Нет' })]);
    });
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const winner = results.find((r) => r.ok)!.material;
    expect(results.find((r) => !r.ok)!.material).toEqual(winner);
    expect(audit).toHaveLength(1);
    expect(await s.materials.pending()).toEqual([]);
    await expectNoAudit(school, async () => expect((await s.materials.decide(ADMIN, material.id, 'published')).ok).toBe(false));
  });
});
