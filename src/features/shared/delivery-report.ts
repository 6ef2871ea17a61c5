/**
 * The words of sends to many (src/runtime/delivery.ts) that every feature shares: the author's
 * progress message and its last state, what to do about those the messenger refused, how many wait
 * for the end of the quiet hours; and who is held by the quiet hours at all (students and parents).
 */
import type { Config } from '../../config.js';
import { isLocale, type I18n, type Translate } from '../../i18n.js';
import { STAFF_ROLES, type Member } from '../../domain/index.js';
import type { PersonId } from '../../domain/person.js';
import { clockText, type DeliveryAuthor, type DeliveryRecipient, type DeliveryResult, type DeliveryTexts } from '../../app.js';

/** What to do about a refusal, by the messenger's code (VK's: no permission, blacklist, privacy, reply window, too many). */
const REFUSAL_KEYS: Readonly<Record<number, 'dl-refused-901' | 'dl-refused-900' | 'dl-refused-902' | 'dl-refused-950' | 'dl-refused-9'>> = {
  901: 'dl-refused-901',
  900: 'dl-refused-900',
  902: 'dl-refused-902',
  950: 'dl-refused-950',
  9: 'dl-refused-9',
};

/** A person as a delivery's recipient: students and parents (no staff role) wait for the end of the quiet hours. */
export function recipientOf(member: Pick<Member, 'personId' | 'roles'>): DeliveryRecipient {
  return { chat: member.personId, quiet: !member.roles.some((role) => (STAFF_ROLES as readonly string[]).includes(role)) };
}

/** «21:00–08:00»: the quiet hours as configured. */
export function quietHoursText(config: Pick<Config, 'QUIET_HOURS'>): string {
  const quiet = config.QUIET_HOURS;
  return quiet ? `${clockText(quiet.from)}–${clockText(quiet.to)}` : '';
}

/** «08:00»: a time of the school's day. */
export function timeText(config: Pick<Config, 'SCHOOL_TZ'>, at: number): string {
  return new Intl.DateTimeFormat('ru-RU', { timeZone: config.SCHOOL_TZ, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(at));
}

/** What to do about each kind of refusal, one line each, under a header with their number; none when all were reached. */
export function refusalLines(t: Translate, result: Pick<DeliveryResult, 'refused'>): string[] {
  if (result.refused.length === 0) return [];
  const byKey = new Map<(typeof REFUSAL_KEYS)[number] | 'dl-refused-other', number>();
  for (const refusal of result.refused) {
    const key = (!refusal.ok && refusal.code !== undefined ? REFUSAL_KEYS[refusal.code] : undefined) ?? 'dl-refused-other';
    byKey.set(key, (byKey.get(key) ?? 0) + 1);
  }
  return [t('dl-refused-header', { count: result.refused.length }), ...[...byKey].map(([key, count]) => `• ${t(key, { count })}`)];
}

/** How many wait for the end of the quiet hours, and until when; none when nobody waits. */
export function heldLines(t: Translate, config: Pick<Config, 'QUIET_HOURS' | 'SCHOOL_TZ'>, result: Pick<DeliveryResult, 'held' | 'heldUntil'>): string[] {
  if (result.held.length === 0 || result.heldUntil === undefined) return [];
  return [t('dl-held', { count: result.held.length, time: timeText(config, result.heldUntil), quiet: quietHoursText(config) })];
}

/** The author's progress message: while it runs, and its last state (with the refusals and those held). */
export function deliveryTexts(i18n: I18n, config: Pick<Config, 'QUIET_HOURS' | 'SCHOOL_TZ' | 'LOCALE'>): DeliveryTexts {
  const bind = (locale: string) => i18n.bind(isLocale(locale) ? locale : config.LOCALE);
  return {
    progress: (locale, sent, total) => bind(locale)('dl-progress', { sent, total }),
    finished(locale, result) {
      const t = bind(locale);
      const sent = result.total - result.held.length;
      const lines = [t('dl-progress-done', { sent, total: result.total }), t('dl-delivered', { count: result.delivered })];
      const refused = refusalLines(t, result);
      if (refused.length > 0) lines.push('', ...refused);
      if (result.failed > 0) lines.push('', t('dl-failed', { count: result.failed }));
      const held = heldLines(t, config, result);
      if (held.length > 0) lines.push('', ...held);
      return lines.join('\n');
    },
    heldSent(locale, result) {
      const t = bind(locale);
      const lines = [t('dl-held-sent', { delivered: result.delivered, total: result.total })];
      const refused = refusalLines(t, result);
      if (refused.length > 0) lines.push('', ...refused);
      if (result.failed > 0) lines.push('', t('dl-failed', { count: result.failed }));
      return lines.join('\n');
    },
  };
}

/** The author of a send, as the engine takes them: their chat and language. */
export const authorOf = (turn: { caller: { personId: PersonId }; locale: string }): DeliveryAuthor => ({ chat: turn.caller.personId, locale: turn.locale });
