import type { Member } from '../../domain/types.js';
import { personValue, type FluentPerson } from '../../i18n.js';
import { surnameFirst } from '../../name-forms.js';

/** How a person is shown in lists and confirmations: their name and VK id. */
export function personLabel(member: Pick<Member, 'vkId' | 'name'> | undefined, vkId?: number): string {
  const id = member?.vkId ?? vkId ?? 0;
  const name = member?.name.trim();
  return name ? `${name} (id${id})` : `id${id}`;
}

/** How a person is shown in a roster: as {@link personLabel}, the name surname first («Петров Иван»), whatever order it was typed in. */
export function rosterLabel(member: Pick<Member, 'vkId' | 'name'>): string {
  return personLabel({ vkId: member.vkId, name: surnameFirst(member.name) });
}

/** Roster lines in alphabetical order (Russian collation), surname first. */
export function rosterLines(members: readonly Pick<Member, 'vkId' | 'name'>[]): string[] {
  const collator = new Intl.Collator('ru');
  return members.map(rosterLabel).sort(collator.compare);
}

/** The short form for a button label: the name, or the id when the name is unknown. */
export function personShort(member: Pick<Member, 'vkId' | 'name'>): string {
  return member.name.trim() || `id${member.vkId}`;
}

/**
 * A member as a message argument: shown as {@link personLabel} shows them, declinable with `NAME($person, case: …)`
 * and with their gender for `GENDER($person)` (src/i18n.ts).
 */
export function personArg(member: Pick<Member, 'vkId' | 'name' | 'gender'>): FluentPerson {
  const name = member.name.trim();
  return name ? personValue(name, member.gender, (declined) => personLabel({ vkId: member.vkId, name: declined })) : personValue(`id${member.vkId}`);
}

/** The same, shown as {@link personShort} shows them (the name alone). */
export function personShortArg(member: Pick<Member, 'vkId' | 'name' | 'gender'>): FluentPerson {
  return personValue(personShort(member), member.gender);
}

/** Whether the member is an active teacher whose status is confirmed. */
export function isVerifiedTeacher(member: Member): boolean {
  return member.status === 'active' && member.roles.includes('teacher') && member.teacherStatus === 'verified';
}
