/**
 * How the review notices name things: a person (roster name, else VK name) with a VK link,
 * a date in the school's time zone, a class, and the /help lines of another person.
 */
import type { App } from '../../app.js';
import type { Translate } from '../../i18n.js';
import { effectiveRoles, type ActorId, type Member } from '../../domain/index.js';
import type { Caller } from '../../turn.js';

/** How a person is called: their name in the roster, else their VK name, else `id123`; the bot itself by a word. */
export async function personName(app: App, t: Translate, vkId: ActorId): Promise<string> {
  if (vkId === 'system') return t('req-by-system');
  const member = await app.services.members.get(vkId);
  if (member?.name.trim()) return member.name.trim();
  const profile = await app.messenger.profile(vkId).catch(() => undefined);
  const name = [profile?.firstName, profile?.lastName].filter(Boolean).join(' ').trim();
  return name || t('pp-nameless');
}

/** The name of a request's class (the staff room for teachers). */
export async function classNameOf(app: App, classId: string): Promise<string> {
  return (await app.services.classes.get(classId))?.name ?? '—';
}

/** The lines of /help a member would see now: the commands of their roles in force. */
export function commandLinesFor(app: App, t: Translate, member: Member): string[] {
  const caller: Caller = { vkId: member.vkId, member, roles: new Set(effectiveRoles(member)) };
  return app.commands.availableTo(caller).map((command) => t('help-line', { command: command.name, summary: t(command.summaryKey) }));
}
