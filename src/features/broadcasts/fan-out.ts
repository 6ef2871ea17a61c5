/**
 * Where every message about a broadcast, a webinar or an online lesson goes out (F13, F26, F31):
 * the announcement, its reminders, a move or a cancellation — to a chat (the channel's or the
 * subject chat, in the school's language) and to people privately, each in their language.
 * {@link sendPrivately} is the one place that sends to many, through the delivery engine.
 */
import type { App, DeliveryAuthor, DeliveryRecipient } from '../../app.js';
import { recipientOf } from '../shared/delivery-report.js';
import { readerFor, type Reader } from '../shared/recipients.js';

/** How a chat message fared: sent, failed (the bot is not in the chat, VK refused), or none asked. */
export type ChatOutcome = 'sent' | 'failed' | 'none';

/** Who was reached privately, who was not, and who waits for the end of the quiet hours (and until when). */
export interface PrivateOutcome {
  reached: number[];
  missed: number[];
  held: number[];
  heldUntil?: number | undefined;
}

/** How a send to many goes: `urgent` ones reach students and parents in the quiet hours too; `author` sees the progress of a big one. */
export interface PrivateSendOptions {
  readonly urgent?: boolean;
  readonly author?: DeliveryAuthor | undefined;
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

/** One message to many people, each in their language: grouped by language, one delivery a group (students and parents held in the quiet hours unless urgent). */
export async function sendPrivately(app: App, people: readonly number[], build: (reader: Reader) => string, options: PrivateSendOptions = {}): Promise<PrivateOutcome> {
  const groups = new Map<string, { reader: Reader; recipients: DeliveryRecipient[] }>();
  for (const id of new Set(people)) {
    const reader = await readerFor(app, id);
    const member = await app.services.members.get(id);
    const group = groups.get(reader.locale) ?? { reader, recipients: [] };
    group.recipients.push(member ? recipientOf(member) : { chat: id });
    groups.set(reader.locale, group);
  }
  const sent: PrivateOutcome = { reached: [], missed: [], held: [] };
  for (const group of groups.values()) {
    const result = await app.deliveries.deliver({ message: { text: build(group.reader) }, recipients: group.recipients, urgent: options.urgent === true, ...(options.author ? { author: options.author } : {}) });
    const held = new Set(result.held);
    for (const { chat } of group.recipients) {
      if (result.outcomes.get(chat)?.ok) sent.reached.push(chat);
      else if (held.has(chat)) sent.held.push(chat);
      else sent.missed.push(chat);
    }
    sent.heldUntil ??= result.heldUntil;
  }
  return sent;
}

/** A message to the chat (if any) and to people privately: what reminders, moves and cancellations send. */
export async function sendEverywhere(app: App, to: { chat?: number | undefined; people: readonly number[] }, build: (reader: Reader) => string, options: PrivateSendOptions = {}): Promise<{ chat: ChatOutcome } & PrivateOutcome> {
  const chat = to.chat === undefined ? 'none' : await sendToChat(app, to.chat, build);
  const people = to.people.length > 0 ? await sendPrivately(app, to.people, build, options) : { reached: [], missed: [], held: [] };
  return { chat, ...people };
}
