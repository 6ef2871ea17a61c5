/** Arranges people of the school for end-to-end tests through the services (invite → request → approval). */
import type { Services } from '../../src/domain/index.js';
import type { Gender, InviteRole, Member } from '../../src/domain/types.js';
import { ADMIN_ID } from './harness.js';

/** Joins a person to a class (by id or name) with a role, approved by the bootstrap admin; `gender` as their VK profile would give it. */
export async function joinAs(services: Services, role: InviteRole, classRef: string, personId: number, name: string, childName = 'Ребёнок Тестовый', gender?: Gender): Promise<Member> {
  const classGroup = (await services.classes.get(classRef)) ?? (await services.classes.findByName(classRef));
  if (!classGroup) throw new Error(`no class ${classRef}`);
  const invite = await services.invites.create(ADMIN_ID, { classId: classGroup.id, role });
  const used = await services.invites.use(invite.id, {
    personId,
    name,
    ...(gender ? { gender } : {}),
    consent: true,
    ...(role === 'parent' ? { childName } : {}),
    ...(role === 'teacher' ? { subjects: ['Математика'] } : {}),
  });
  if (!used.ok) throw new Error(`invite use failed: ${used.reason}`);
  const decided = await services.requests.approve(ADMIN_ID, used.request.id);
  if (!decided.ok || !decided.member) throw new Error('approval failed');
  return decided.member;
}

/** A teacher who joined the staff room and whose status is verified. */
export async function verifiedTeacher(services: Services, personId: number, name: string): Promise<Member> {
  await joinAs(services, 'teacher', 'staff', personId, name);
  return services.members.verifyTeacher(ADMIN_ID, personId);
}
