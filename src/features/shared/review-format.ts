/**
 * How the review notices name things: a person (roster name, else VK name) with a VK link,
 * a date in the school's time zone, a class, and the commands of another person.
 */
import type { App } from '../../app.js';
import { personValue, type FluentPerson, type Locale, type Translate } from '../../i18n.js';
import { effectiveRoles, type ActorId, type Member } from '../../domain/index.js';
import type { PersonId } from '../../domain/person.js';
import type { Caller } from '../../turn.js';
import { commandLines } from './command-words.js';

/** How a person is called: their name in the roster, else their VK name, else `id123`; the bot itself by a word. */
export async function personName(app: App, t: Translate, personId: ActorId): Promise<string> {
  if (personId === 'system') return t('req-by-system');
  const member = await app.services.members.get(personId);
  if (member?.name.trim()) return member.name.trim();
  const profile = await app.messenger.profile(personId).catch(() => undefined);
  const name = [profile?.firstName, profile?.lastName].filter(Boolean).join(' ').trim();
  return name || t('pp-nameless');
}

/** The same as {@link personName}, as a message argument with the person's gender (see `NAME` and `GENDER` in src/i18n.ts). */
export async function personRef(app: App, t: Translate, personId: ActorId): Promise<FluentPerson | string> {
  if (personId === 'system') return t('req-by-system');
  const member = await app.services.members.get(personId);
  if (member?.name.trim()) return personValue(member.name.trim(), member.gender);
  const profile = await app.messenger.profile(personId).catch(() => undefined);
  const name = [profile?.firstName, profile?.lastName].filter(Boolean).join(' ').trim();
  return name ? personValue(name, profile?.gender) : `id${personId}`;
}

/** The same as {@link personRef}, shown as the messenger's mention of the person (a link to them). */
export async function personMention(app: App, t: Translate, personId: PersonId): Promise<FluentPerson> {
  const ref = await personRef(app, t, personId);
  const name = typeof ref === 'string' ? ref : ref.value.name;
  return personValue(name, typeof ref === 'string' ? undefined : ref.value.gender, (shown) => app.messenger.mention(personId, shown));
}

/** The name of a request's class (the staff room for teachers). */
export async function classNameOf(app: App, classId: string): Promise<string> {
  return (await app.services.classes.get(classId))?.name ?? '—';
}

/** Commands everyone has, left out of a welcome's list (its last line names /help and /menu). */
const EVERYONE_HAS = new Set(['start', 'help', 'menu', 'join', 'cancel', 'lang']);

/** What a member can do now, for their welcome: the commands of their roles in force, then where the rest is. */
export function commandLinesFor(app: App, t: Translate, locale: Locale, member: Member): string[] {
  const caller: Caller = { personId: member.personId, member, roles: new Set(effectiveRoles(member)) };
  const commands = app.commands.availableTo(caller).filter((command) => !EVERYONE_HAS.has(command.name));
  return [...commandLines(t, locale, commands), '', t('req-welcome-more')];
}
