/**
 * Where every message about a broadcast, a webinar or an online lesson goes out (F13, F26, F31):
 * the announcement, its reminders, a move or a cancellation — to a chat (the channel's or the
 * subject chat, in the school's language) and to people privately, each in their language.
 * {@link sendPrivately} is the one place that sends to many, so that a delivery engine can take it over.
 */
import type { App } from '../../app.js';
import { readerFor, type Reader } from '../shared/recipients.js';

/** How a chat message fared: sent, failed (the bot is not in the chat, VK refused), or none asked. */
export type ChatOutcome = 'sent' | 'failed' | 'none';

/** Who was reached privately and who was not. */
export interface PrivateOutcome {
  reached: number[];
  missed: number[];
}

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

/** One message to many people, each in their language: grouped by language, one send to many a group. */
export async function sendPrivately(app: App, people: readonly number[], build: (reader: Reader) => string): Promise<PrivateOutcome> {
  const groups = new Map<string, { reader: Reader; ids: number[] }>();
  for (const id of new Set(people)) {
    const reader = await readerFor(app, id);
    const group = groups.get(reader.locale) ?? { reader, ids: [] };
    group.ids.push(id);
    groups.set(reader.locale, group);
  }
  const reached: number[] = [];
  const missed: number[] = [];
  for (const group of groups.values()) {
    const deliveries = await app.messenger.sendMany(group.ids, { text: build(group.reader) });
    group.ids.forEach((id, i) => (deliveries[i]?.ok ? reached : missed).push(id));
  }
  return { reached, missed };
}

/** A message to the chat (if any) and to people privately: what reminders, moves and cancellations send. */
export async function sendEverywhere(app: App, to: { chat?: number | undefined; people: readonly number[] }, build: (reader: Reader) => string): Promise<{ chat: ChatOutcome } & PrivateOutcome> {
  const chat = to.chat === undefined ? 'none' : await sendToChat(app, to.chat, build);
  const people = to.people.length > 0 ? await sendPrivately(app, to.people, build) : { reached: [], missed: [] };
  return { chat, ...people };
}
