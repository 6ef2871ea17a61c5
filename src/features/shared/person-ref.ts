import type { Member } from '../../domain/types.js';
import type { Messenger } from '../../messenger/messenger.js';
import { personValue, type FluentPerson, type Translate } from '../../i18n.js';
import { surnameFirst } from '../../domain/name-forms.js';

/** How a person is shown where no mention can be made: their name, never their id ('—' without a name). Messages use {@link personMention}. */
export function personLabel(member: Pick<Member, 'personId' | 'name'> | undefined): string {
  return member?.name.trim() || '—';
}

/** How a person is shown in a roster: the name surname first («Петров Иван»), whatever order it was typed in. */
export function rosterLabel(member: Pick<Member, 'personId' | 'name'>): string {
  return personLabel({ personId: member.personId, name: surnameFirst(member.name) });
}

/** Roster lines in alphabetical order (Russian collation), surname first. */
export function rosterLines(members: readonly Pick<Member, 'personId' | 'name'>[]): string[] {
  const collator = new Intl.Collator('ru');
  return members.map(rosterLabel).sort(collator.compare);
}

/** The short form for a button label: the name ('—' when it is unknown: never the id). */
export function personShort(member: Pick<Member, 'personId' | 'name'>, t?: Translate): string {
  return member.name.trim() || (t ? t('pp-nameless') : '—');
}

/**
 * A member as a message argument: shown as {@link personLabel} shows them, declinable with `NAME($person, case: …)`
 * and with their gender for `GENDER($person)` (src/i18n.ts).
 */
export function personArg(member: Pick<Member, 'personId' | 'name' | 'gender'>): FluentPerson {
  return personValue(personLabel(member), member.name.trim() ? member.gender : undefined);
}

/** The same, shown as {@link personShort} shows them (the name alone). */
export function personShortArg(member: Pick<Member, 'personId' | 'name' | 'gender'>): FluentPerson {
  return personValue(personShort(member), member.gender);
}

/** Whether the member is an active teacher whose status is confirmed. */
export function isVerifiedTeacher(member: Member): boolean {
  return member.status === 'active' && member.roles.includes('teacher') && member.teacherStatus === 'verified';
}

/**
 * How a message to a person names another one: their name as a mention (a link to their page, VK:
 * `[id601|Иван Петров]`), never their raw id; «участник» without a name. Declinable and gendered like
 * {@link personArg}: `NAME($person, case: "genitive")` gives `[id601|Ивана Петрова]`.
 */
export function personMention(messenger: Pick<Messenger, 'mention'>, member: Pick<Member, 'personId' | 'name' | 'gender'>, t?: Translate): FluentPerson {
  const name = member.name.trim();
  if (!name) return personValue(t ? t('pp-nameless') : '—', undefined, (shown) => messenger.mention(member.personId, shown));
  return personValue(name, member.gender, (declined) => messenger.mention(member.personId, declined));
}
