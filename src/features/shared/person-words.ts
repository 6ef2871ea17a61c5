/**
 * How messages name a person: their name in the roster (else their name on the messenger), as a
 * mention that declines in Russian; the bot itself by a word.
 */
import type { App } from '../../app.js';
import { personValue, type FluentPerson, type Translate } from '../../i18n.js';
import type { ActorId } from '../../domain/index.js';
import type { PersonId } from '../../domain/person.js';

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
