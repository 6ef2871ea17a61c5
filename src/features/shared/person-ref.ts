import type { Member } from '../../domain/types.js';
import type { Messenger } from '../../messenger/messenger.js';
import type { Translate } from '../../i18n.js';

/** How a person is shown where no mention can be made: their name, never their id ('—' without a name). Messages use {@link personMention}. */
export function personLabel(member: Pick<Member, 'vkId' | 'name'> | undefined): string {
  return member?.name.trim() || '—';
}

/** The short form for a button label: the name ('—' when it is unknown: never the id). */
export function personShort(member: Pick<Member, 'vkId' | 'name'>, t?: Translate): string {
  return member.name.trim() || (t ? t('pp-nameless') : '—');
}

/** Whether the member is an active teacher whose status is confirmed. */
export function isVerifiedTeacher(member: Member): boolean {
  return member.status === 'active' && member.roles.includes('teacher') && member.teacherStatus === 'verified';
}

/**
 * How a message to a person names another one: their name as a mention (a link to their page, VK:
 * `[id601|Иван Петров]`), never their raw id; «участник» without a name.
 */
export function personMention(messenger: Pick<Messenger, 'mention'>, member: Pick<Member, 'vkId' | 'name'>, t?: Translate): string {
  const name = member.name.trim() || (t ? t('pp-nameless') : '—');
  return messenger.mention(member.vkId, name);
}
