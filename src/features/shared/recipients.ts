import type { App } from '../../app.js';
import { isLocale, type Locale, type Translate } from '../../i18n.js';
import { asPersonId, type PersonId } from '../../domain/person.js';
import type { MessageRef } from '../../messenger/events.js';
import type { Recipient } from '../../messenger/ids.js';
import { RecipientUnreachableError, type OutgoingMessage } from '../../messenger/messenger.js';

/** Whom the bot writes to, as far as words go: their language and the translate function bound to it. */
export interface Reader {
  readonly locale: Locale;
  readonly t: Translate;
}

/** The language of another person: the one kept with them (their /lang or VK's language), else LOCALE. */
export async function localeOf(app: App, personId: PersonId): Promise<Locale> {
  const kept = await app.services.members.languageOf(personId).catch(() => undefined);
  return isLocale(kept) ? kept : app.config.LOCALE;
}

/**
 * Whoever reads what goes to `to`, as a reader: a person's language and the translate function in it. A chat
 * (the chat of a message sent earlier) reads in the language of the person whose private dialog it is (VK: the
 * chat is the person's id), else in LOCALE.
 */
export async function readerFor(app: App, to: Recipient): Promise<Reader> {
  const person = typeof to === 'number' ? asPersonId(to) : to;
  const locale = person === undefined ? app.config.LOCALE : await localeOf(app, person);
  return { locale, t: app.i18n.bind(locale) };
}

export type NotifyResult = { ok: true; message: MessageRef } | { ok: false; reason: 'unreachable' };

/**
 * Sends a message to another person in a private dialog, in their language, at once. The messenger refuses
 * people who never wrote to the bot (VK: 901): that comes back as `unreachable`, for the caller to report.
 * A use case does not send: it returns a Notice for deliverNotices (notices.ts); this is left for the study
 * chats' member changes, which are not use cases yet.
 */
export async function notifyPerson(app: App, personId: PersonId, build: (t: Translate, reader: Reader) => OutgoingMessage, key?: string): Promise<NotifyResult> {
  const reader = await readerFor(app, personId);
  try {
    const message = await app.messenger.send(personId, build(reader.t, reader), key);
    return { ok: true, message };
  } catch (error) {
    if (error instanceof RecipientUnreachableError) return { ok: false, reason: 'unreachable' };
    throw error;
  }
}
