/** Arranges people of the school for end-to-end tests through the services (invite → request → approval). */
import type { Services } from '../../src/domain/index.js';
import type { Gender, InviteRole, Member } from '../../src/domain/types.js';
import { ADMIN } from './harness.js';
import { vk } from './people.js';

/** Joins the emulator's user `userId` to a class (by id or name) with a role, approved by the bootstrap admin; `gender` as their VK profile would give it. */
export async function joinAs(services: Services, role: InviteRole, classRef: string, userId: number, name: string, childName = 'Ребёнок Тестовый', gender?: Gender): Promise<Member> {
  const classGroup = (await services.classes.get(classRef)) ?? (await services.classes.findByName(classRef));
  if (!classGroup) throw new Error(`no class ${classRef}`);
  const invite = await services.invites.create(ADMIN, { classId: classGroup.id, role });
  const used = await services.invites.use(invite.id, {
    personId: vk(userId),
    name,
    ...(gender ? { gender } : {}),
    consent: true,
    ...(role === 'parent' ? { childName } : {}),
    ...(role === 'teacher' ? { subjects: ['Математика'] } : {}),
  });
  if (!used.ok) throw new Error(`invite use failed: ${used.reason}`);
  const decided = await services.requests.approve(ADMIN, used.request.id);
  if (!decided.ok || !decided.member) throw new Error('approval failed');
  return decided.member;
}

/** The emulator's user `userId` as a teacher who joined the staff room and whose status is verified. */
export async function verifiedTeacher(services: Services, userId: number, name: string): Promise<Member> {
  await joinAs(services, 'teacher', 'staff', userId, name);
  return services.members.verifyTeacher(ADMIN, vk(userId));
}
