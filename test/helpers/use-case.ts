/** What the use-case tests (test/features/) share: a person's turn as the bot builds it, and the notices a use case returns, in words. */
import type { App } from '../../src/app.js';
import { effectiveRoles } from '../../src/domain/index.js';
import type { Locale } from '../../src/i18n.js';
import type { Notice } from '../../src/features/shared/notices.js';
import { readerFor } from '../../src/features/shared/recipients.js';
import type { Turn } from '../../src/turn.js';
import { vk } from './people.js';

/** The turn of the emulator's user `userId` as the bot's middleware would build it (their record read now); replies go to their dialog. */
export async function turnFor(app: App, userId: number, locale: Locale = 'ru'): Promise<Turn> {
  const personId = vk(userId);
  const member = (await app.services.members.get(personId)) ?? null;
  return {
    app,
    eventId: undefined,
    locale,
    t: app.i18n.bind(locale),
    caller: { personId, member, roles: new Set(member ? effectiveRoles(member) : []) },
    reply: (text, keyboard) => app.messenger.send(personId, { text, keyboard }),
  };
}

/** Each notice as «send <to> <key>» (the key left out when the update keys it) or «edit <chat>». */
export function noticeLines(notices: readonly Notice[]): string[] {
  return notices.map((n) => (n.kind === 'edit' ? `edit ${n.message.chat}` : n.key === undefined ? `send ${n.to}` : `send ${n.to} ${n.key}`));
}

/** The text each notice would carry, in its reader's language (built, not sent). */
export async function noticeTexts(app: App, notices: readonly Notice[]): Promise<string[]> {
  return Promise.all(notices.map(async (n) => (await n.build(await readerFor(app, n.kind === 'edit' ? n.message.chat : n.to))).text));
}
