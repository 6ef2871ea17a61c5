/**
 * The photos and documents a post carries (F12): taken from the admin's message and made the
 * community's own (downloaded and uploaded again), so the post keeps them when the admin deletes theirs.
 */
import type { App } from '../../app.js';
import type { Translate } from '../../i18n.js';
import type { IncomingMessage } from '../../messenger/events.js';

/** How many attachments one message may carry (VK's limit). */
export const POST_ATTACHMENTS_MAX = 10;

/** The attachments of a post as the messenger sends them, or why they are refused (the person is asked again). */
export type TakenAttachments = { ok: true; attachment: string | undefined; count: number } | { ok: false; problem: string };

/** Takes the photos and documents of `message` for a post; anything else, too many, or one that cannot be had is refused with words. */
export async function takeAttachments(app: App, t: Translate, message: IncomingMessage): Promise<TakenAttachments> {
  const files = message.attachments;
  if (files.length === 0) return { ok: true, attachment: undefined, count: 0 };
  if (files.some((file) => file.kind === 'other')) return { ok: false, problem: t('ch-attach-kinds') };
  if (files.length > POST_ATTACHMENTS_MAX) return { ok: false, problem: t('ch-attach-too-many', { max: POST_ATTACHMENTS_MAX, count: files.length }) };
  const taken: string[] = [];
  for (const file of files) {
    if (file.kind === 'other') continue;
    try {
      taken.push(await app.messenger.reupload(file, message.chat));
    } catch (error) {
      app.logger.warn({ chat: message.chat, kind: file.kind, err: error instanceof Error ? error.name : 'unknown' }, 'attachment not taken for a post');
      return { ok: false, problem: t('ch-attach-failed') };
    }
  }
  return { ok: true, attachment: taken.join(','), count: taken.length };
}
