import type { App } from '../../app.js';
import { can, PermissionDeniedError } from '../../domain/index.js';
import type { SchoolField, SchoolProfile } from '../../domain/school.js';
import type { Caller } from '../../turn.js';

/**
 * Saves the school's profile on behalf of an administrator (F01, F02): checks the right now, stores
 * the profile, makes sure the staff room exists, gives a bootstrap admin who joined without a name
 * the administrator's name from the profile, and records the change in the audit log.
 */
export async function saveSchoolProfile(app: App, caller: Caller, fields: Record<SchoolField, string>): Promise<SchoolProfile> {
  if (!can(caller.member, 'school.edit')) throw new PermissionDeniedError('school.edit', caller.personId);
  const profile = await app.school.save(fields, caller.personId);
  await app.services.classes.ensureStaffRoom();
  if (caller.member && !caller.member.name.trim() && profile.adminName) await app.services.members.setName(caller.personId, profile.adminName);
  await app.services.audit.record(caller.personId, 'school.saved');
  app.logger.info({ schoolId: app.school.schoolId, by: profile.updatedBy }, 'school profile saved');
  return profile;
}
