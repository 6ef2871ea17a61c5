/**
 * The words of broadcasts, webinars and online lessons (F13, F26, F31): the announcement as its
 * readers see it, the reminder, the move and cancellation notices, whom it is for, and the report
 * lines its organiser gets.
 */
import type { App } from '../../app.js';
import { formatWhen, type Translate } from '../../i18n.js';
import type { Broadcast, BroadcastAudience, BroadcastKind } from '../../domain/index.js';
import { personMention } from '../shared/person-ref.js';
import { heldLines } from '../shared/delivery-report.js';
import type { Reader } from '../shared/recipients.js';
import type { ChatOutcome, PrivateOutcome } from './fan-out.js';

/** What an announcement shows: its kind, title, time, link and (a lesson's) teacher. */
export type EventView = Pick<Broadcast, 'kind' | 'title' | 'at' | 'link'> & { teacher?: string | undefined };

/** How many people not reached a report names (the rest counted). */
const MISSED_NAMED = 20;

/** The event's time in the reader's words, in the school's time zone. */
export function whenText(app: App, reader: Pick<Reader, 'locale'>, at: number): string {
  return formatWhen(at, app.config.SCHOOL_TZ, reader.locale);
}

/** The lines under every message about the event: when it starts and its link. */
function aboutLines(app: App, reader: Reader, event: EventView): string[] {
  return [reader.t('bc-line-when', { when: whenText(app, reader, event.at) }), reader.t('bc-line-link', { link: event.link })];
}

/** The announcement itself, as the chat and the people get it. */
export function announcementText(app: App, reader: Reader, event: EventView): string {
  const lines = [reader.t('bc-announce', { kind: event.kind, title: event.title }), ...aboutLines(app, reader, event)];
  if (event.teacher) lines.push(reader.t('bc-line-teacher', { name: event.teacher }));
  return lines.join('\n');
}

/** The reminder before the start. */
export function reminderText(app: App, reader: Reader, event: EventView): string {
  return [reader.t('bc-reminder', { kind: event.kind, title: event.title }), ...aboutLines(app, reader, event)].join('\n');
}

/** The notice of a move, with the time it was at when known. */
export function movedText(app: App, reader: Reader, event: EventView, was: number | undefined): string {
  const lines = [reader.t('bc-moved-notice', { kind: event.kind, title: event.title, when: whenText(app, reader, event.at) })];
  if (was !== undefined) lines.push(reader.t('bc-moved-was', { when: whenText(app, reader, was) }));
  lines.push(reader.t('bc-line-link', { link: event.link }));
  return lines.join('\n');
}

/** The notice of a cancellation. */
export function cancelledText(app: App, reader: Reader, event: EventView): string {
  return reader.t('bc-cancelled-notice', { kind: event.kind, title: event.title, when: whenText(app, reader, event.at) });
}

/** Whom it is for and how it goes, in words: the channel and private copies, private copies only, a class, a subject chat. */
export async function audienceText(app: App, t: Translate, audience: BroadcastAudience, privately: boolean): Promise<string> {
  if (audience.kind === 'chat') {
    const chat = await app.services.studyChats.get(audience.studyChatId);
    return t('bc-audience-chat', { title: chat?.title ?? audience.studyChatId });
  }
  if (audience.kind === 'class') {
    const className = (await app.services.classes.get(audience.classId))?.name ?? audience.classId;
    return t('bc-audience-class', { className });
  }
  return t('bc-audience', { kind: audience.kind, privately: privately ? 'yes' : 'no' });
}

/** «за 24 ч, за 15 мин»: when the reminders go, before the start. */
export function remindersText(t: Translate, offsets: readonly number[]): string {
  const one = (ms: number): string => {
    if (ms % 86_400_000 === 0) return t('bc-before', { n: ms / 86_400_000, unit: 'd' });
    if (ms % 3_600_000 === 0) return t('bc-before', { n: ms / 3_600_000, unit: 'h' });
    if (ms % 60_000 === 0) return t('bc-before', { n: ms / 60_000, unit: 'm' });
    return t('bc-before', { n: Math.round(ms / 1000), unit: 's' });
  };
  return offsets.map(one).join(', ');
}

/** The report's line on the reminders scheduled (or why there are none). */
export function remindersLine(t: Translate, kind: BroadcastKind, offsets: readonly number[]): string {
  if (offsets.length === 0) return t('bc-report-no-reminders');
  return t('bc-report-reminders', { list: remindersText(t, offsets), where: kind === 'lesson' ? 'chat' : 'all' });
}

/**
 * How the messages fared, worded for the organiser: the chat, then how many were reached privately
 * and who was not (named, the first {@link MISSED_NAMED}). `what`: the announcement, or a notice of a change.
 */
export async function reportLines(app: App, t: Translate, sent: { chat: ChatOutcome | 'unbound' } & PrivateOutcome, what: 'announcement' | 'change'): Promise<string[]> {
  const lines: string[] = [];
  if (sent.chat !== 'none') lines.push(t('bc-report-chat', { outcome: sent.chat, what }));
  const total = sent.reached.length + sent.missed.length + sent.held.length;
  if (total > 0) lines.push(t(what === 'announcement' ? 'bc-report-reached' : 'bc-report-told', { reached: sent.reached.length, total }));
  else if (sent.chat === 'none' || sent.chat === 'unbound') lines.push(t('bc-report-nobody'));
  const held = heldLines(t, app.config, sent);
  if (held.length > 0) lines.push('', ...held);
  if (sent.missed.length === 0) return lines;
  lines.push('', t('bc-report-missed', { count: sent.missed.length }));
  for (const [i, id] of sent.missed.slice(0, MISSED_NAMED).entries()) lines.push(`${i + 1}. ${personMention(app.messenger, (await app.services.members.get(id)) ?? { personId: id, name: '' }, t)}`);
  if (sent.missed.length > MISSED_NAMED) lines.push(t('bc-report-missed-more', { count: sent.missed.length - MISSED_NAMED }));
  return lines;
}
