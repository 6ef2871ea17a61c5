import type { App } from '../../app.js';
import { isLocale, type Locale, type Translate } from '../../i18n.js';
import type { MessageRef } from '../../messenger/events.js';
import { RecipientUnreachableError, type OutgoingMessage } from '../../messenger/messenger.js';

/** Whom the bot writes to, as far as words go: their language and the translate function bound to it. */
export interface Reader {
  readonly locale: Locale;
  readonly t: Translate;
}

/** The language of another person: the one kept with them (their /lang or VK's language), else LOCALE. */
export async function localeOf(app: App, personId: number): Promise<Locale> {
  const kept = await app.services.members.languageOf(personId).catch(() => undefined);
  return isLocale(kept) ? kept : app.config.LOCALE;
}

/** Another person as a reader: their language and the translate function in it. */
export async function readerFor(app: App, personId: number): Promise<Reader> {
  const locale = await localeOf(app, personId);
  return { locale, t: app.i18n.bind(locale) };
}

export type NotifyResult = { ok: true; message: MessageRef } | { ok: false; reason: 'unreachable' };

/**
 * Sends a message to another person in a private dialog, in their language, at once. The messenger refuses
 * people who never wrote to the bot (VK: 901): that comes back as `unreachable`, for the caller to report.
 * A use case does not send: it returns a Notice for deliverNotices (notices.ts); this is left for the study
 * chats' member changes, which are not use cases yet.
 */
export async function notifyPerson(app: App, personId: number, build: (t: Translate, reader: Reader) => OutgoingMessage, key?: string): Promise<NotifyResult> {
  const reader = await readerFor(app, personId);
  try {
    const message = await app.messenger.send(personId, build(reader.t, reader), key);
    return { ok: true, message };
  } catch (error) {
    if (error instanceof RecipientUnreachableError) return { ok: false, reason: 'unreachable' };
    throw error;
  }
}
