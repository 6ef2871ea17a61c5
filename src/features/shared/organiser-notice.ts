/**
 * Someone else's event changed: meetings, broadcasts and webinars may be moved or cancelled by an
 * admin or the head as well as by their organiser, who then learns who did it; lists name the organiser.
 */
import type { App } from '../../app.js';
import type { FluentPerson, Translate } from '../../i18n.js';
import type { PersonId } from '../../domain/person.js';
import type { Turn } from '../../turn.js';
import { notifyPerson, type Reader } from './recipients.js';
import { personMention } from './person-words.js';

/** A person as a mention with their name (the organiser in a list, the one who changed an event). */
export async function mentionOf(app: App, t: Translate, personId: PersonId): Promise<FluentPerson> {
  return personMention(app, t, personId);
}

/**
 * When the turn's caller is not the event's organiser, tells the organiser, once for `key`, what was done
 * and by whom (`text` gets the mention of the caller); someone who does not accept messages is logged.
 */
export async function tellOrganiser(app: App, turn: Turn, organiser: PersonId, key: string, text: (reader: Reader, who: FluentPerson) => string): Promise<void> {
  if (organiser === turn.caller.personId) return;
  const who = await mentionOf(app, turn.t, turn.caller.personId);
  const told = await notifyPerson(app, organiser, (_t, reader) => ({ text: text(reader, who) }), key);
  if (!told.ok) app.logger.warn({ key, organiser }, 'organiser not told of a change: they do not accept messages from the bot');
}
