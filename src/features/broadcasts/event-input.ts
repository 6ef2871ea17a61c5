/** What the broadcast, webinar and lesson dialogs accept as a title and as a link, or why not. */
import type { Translate } from '../../i18n.js';
import { BROADCAST_LINK_MAX, BROADCAST_TITLE_MAX } from '../../domain/index.js';

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };

/** A typed title, its spaces squeezed, or why it is refused: empty, a command, too long. */
export function checkTitle(t: Translate, typed: string): Checked<string> {
  const title = typed.replace(/\s+/gu, ' ').trim();
  if (!title) return { ok: false, problem: t('invalid-empty') };
  if (title.startsWith('/')) return { ok: false, problem: t('invalid-command') };
  if ([...title].length > BROADCAST_TITLE_MAX) return { ok: false, problem: t('invalid-too-long', { max: BROADCAST_TITLE_MAX }) };
  return { ok: true, value: title };
}

/**
 * A typed link: an http(s) address with a host name that has a dot («vk.com/video-1_2» gets
 * `https://` in front), without spaces, at most {@link BROADCAST_LINK_MAX} characters; or why not.
 */
export function checkLink(t: Translate, typed: string): Checked<string> {
  const text = typed.trim();
  if (!text) return { ok: false, problem: t('invalid-empty') };
  if (text.startsWith('/')) return { ok: false, problem: t('invalid-command') };
  if (text.length > BROADCAST_LINK_MAX) return { ok: false, problem: t('bc-link-too-long', { max: BROADCAST_LINK_MAX }) };
  const withScheme = /^[a-z][a-z0-9+.-]*:/iu.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, problem: t('bc-link-bad') };
  }
  const host = url.hostname;
  const hostOk = /^[a-z0-9.-]+$/iu.test(host) && host.includes('.') && !host.startsWith('.') && !host.endsWith('.') && !host.includes('..');
  if (/\s/u.test(text) || (url.protocol !== 'https:' && url.protocol !== 'http:') || !hostOk) return { ok: false, problem: t('bc-link-bad') };
  return { ok: true, value: withScheme };
}
