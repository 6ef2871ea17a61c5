import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PermissionDeniedError } from '../../../src/domain/index.js';
import { saveSchoolProfile } from '../../../src/features/school/save-profile.js';
import { Harness } from '../../helpers/harness.js';
import { vk } from '../../helpers/people.js';
import { PROFILE } from '../../helpers/school-profile.js';
import { verifiedTeacher } from '../../helpers/school-people.js';

describe('saving the school profile (F02)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start();
  });
  afterEach(() => h.close());

  it('is refused to anyone but an admin at the moment it runs, and nothing is stored', async () => {
    const teacher = await verifiedTeacher(h.bot.app.services, 300, 'Петрова Анна Сергеевна');
    const caller = { personId: vk(300), member: teacher, roles: new Set(teacher.roles) };
    await expect(saveSchoolProfile(h.bot.app, caller, PROFILE)).rejects.toBeInstanceOf(PermissionDeniedError);
    expect(await h.bot.app.school.get()).toBeNull();
    expect((await h.bot.app.services.audit.recent(10)).some((entry) => entry.action === 'school.saved')).toBe(false);
  });
});
