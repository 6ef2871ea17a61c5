import type { Member } from '../../domain/types.js';

/** How a person is shown in lists and confirmations: their name and VK id. */
export function personLabel(member: Pick<Member, 'vkId' | 'name'> | undefined, vkId?: number): string {
  const id = member?.vkId ?? vkId ?? 0;
  const name = member?.name.trim();
  return name ? `${name} (id${id})` : `id${id}`;
}

/** The short form for a button label: the name, or the id when the name is unknown. */
export function personShort(member: Pick<Member, 'vkId' | 'name'>): string {
  return member.name.trim() || `id${member.vkId}`;
}

/** Whether the member is an active teacher whose status is confirmed. */
export function isVerifiedTeacher(member: Member): boolean {
  return member.status === 'active' && member.roles.includes('teacher') && member.teacherStatus === 'verified';
}
