/**
 * The report of people taken out of chats (study chats, administration chats) after a move, a leave
 * or a role taken away: what each removal step returns, and the lines the person acting reads.
 */
import type { FluentPerson, Translate } from '../../i18n.js';
import type { Member } from '../../domain/index.js';
import type { PersonId } from '../../domain/person.js';

/** The titles of the chats each person was removed from, by personId. */
export type ChatRemovals = ReadonlyMap<PersonId, readonly string[]>;

/**
 * A line for each of `people` who was removed from chats: `who` names them (a mention), and from which chats; `key` words it
 * (`sc-removed-report`: a class's study chats, `ac-removed-report`: the administration chats).
 */
export function removedLines(t: Translate, who: (member: Member) => FluentPerson | string, chats: ChatRemovals, people: readonly Member[], key: 'sc-removed-report' | 'ac-removed-report' = 'sc-removed-report'): string[] {
  return people.flatMap((member) => {
    const titles = chats.get(member.personId);
    return titles && titles.length > 0 ? [t(key, { person: who(member), count: titles.length, chats: titles.map((title) => t('sc-quoted', { title })).join(', ') })] : [];
  });
}
