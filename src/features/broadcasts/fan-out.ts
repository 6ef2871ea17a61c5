/**
 * Where every message about a broadcast, a webinar or an online lesson goes out (F13, F26, F31):
 * the announcement, its reminders, a move or a cancellation — to a chat (the channel's or the
 * subject chat, in the school's language) and to people privately, each in their language.
 * People are sent to privately through src/features/shared/send-in-languages.ts (the delivery engine).
 */
import type { App } from '../../app.js';
import type { PersonId } from '../../domain/person.js';
import type { Reader } from '../shared/recipients.js';
import { sendInTheirLanguages, type PrivateOutcome, type PrivateSendOptions } from '../shared/send-in-languages.js';

/** How a chat message fared: sent, failed (the bot is not in the chat, VK refused), or none asked. */
export type ChatOutcome = 'sent' | 'failed' | 'none';

export type { PrivateOutcome, PrivateSendOptions } from '../shared/send-in-languages.js';

/** The school's reader: a chat is read in the school's language (LOCALE). */
export function schoolReader(app: App): Reader {
  return { locale: app.config.LOCALE, t: app.i18n.bind(app.config.LOCALE) };
}

/** Posts a message in a chat in the school's language; a refusal of the messenger is logged and comes back as `failed`. */
export async function sendToChat(app: App, chat: number, build: (reader: Reader) => string): Promise<Exclude<ChatOutcome, 'none'>> {
  try {
    await app.messenger.send(chat, { text: build(schoolReader(app)) });
    return 'sent';
  } catch (error) {
    app.logger.warn({ peer: chat, err: error instanceof Error ? error.name : 'unknown' }, 'broadcast message not sent to the chat');
    return 'failed';
  }
}

/** A message to the chat (if any) and to people privately: what reminders, moves and cancellations send. */
export async function sendEverywhere(app: App, to: { chat?: number | undefined; people: readonly PersonId[] }, build: (reader: Reader) => string, options: PrivateSendOptions = {}): Promise<{ chat: ChatOutcome } & PrivateOutcome> {
  const chat = to.chat === undefined ? 'none' : await sendToChat(app, to.chat, build);
  const people = to.people.length > 0 ? await sendInTheirLanguages(app, to.people, build, options) : { reached: [], missed: [], held: [] };
  return { chat, ...people };
}
