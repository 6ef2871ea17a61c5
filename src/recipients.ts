import type { App } from './app.js';
import { isLocale, type Translate } from './i18n.js';
import type { OutgoingMessage } from './outbox.js';
import { sessionKey } from './session-storage.js';
import { UserUnreachableError } from './vk-api.js';

/** The translate function in another person's language (their /lang or detected language, else LOCALE). */
export async function translatorFor(app: App, vkId: number): Promise<Translate> {
  const session = (await app.sessions.get(sessionKey(vkId, vkId)).catch(() => undefined)) as { lang?: unknown } | undefined;
  return app.i18n.bind(isLocale(session?.lang) ? session.lang : app.config.LOCALE);
}

export type NotifyResult = { ok: true; conversationMessageId: number } | { ok: false; reason: 'unreachable' };

/**
 * Sends a message to another person in a private dialog, in their language. VK refuses people who
 * never wrote to the community (901): that comes back as `unreachable`, for the caller to report.
 */
export async function notifyPerson(app: App, vkId: number, build: (t: Translate) => OutgoingMessage, key?: string): Promise<NotifyResult> {
  const t = await translatorFor(app, vkId);
  try {
    const sent = await app.outbox.send(vkId, build(t), key);
    return { ok: true, conversationMessageId: sent.conversationMessageId };
  } catch (error) {
    if (error instanceof UserUnreachableError) return { ok: false, reason: 'unreachable' };
    throw error;
  }
}
