/**
 * Meetings of the administration (F22), the use cases the /meeting dialog, /meetings and its buttons
 * call: who may plan them, the invitation to the audience — in the administration chat of the deputies
 * or the staff when it has been made, and by private message to those invited who are not in it — with
 * the organiser's report, the reminders (scheduled jobs), moving and cancelling with everyone invited told.
 */
import type { App } from '../../app.js';
import { formatWhen, type Translate } from '../../i18n.js';
import {
  can,
  MEETING_PLACE_MAX,
  MEETING_TITLE_MAX,
  MeetingCancelledError,
  NotFoundError,
  PermissionDeniedError,
  type Meeting,
  type MeetingAudience,
  type Member,
  type AdminChatKind,
} from '../../domain/index.js';
import type { PersonId } from '../../domain/person.js';
import type { Caller, Turn } from '../../turn.js';
import type { JobSpec } from '../shared/job-registry.js';
import { inlineKeyboard } from '../shared/keyboards.js';
import { personMention, personShort } from '../shared/person-ref.js';
import type { Reader } from '../shared/recipients.js';
import { mentionOf, tellOrganiser } from '../shared/organiser-notice.js';
import { attempt } from '../shared/refusals.js';
import { authorOf, heldLines } from '../shared/delivery-report.js';
import { sendInTheirLanguages, type PrivateOutcome } from '../shared/send-in-languages.js';
import type { DeliveryAuthor } from '../../app.js';

/** The callback actions under a meeting in /meetings. */
export const MEETING_MOVE = 'mt.move';
export const MEETING_CANCEL = 'mt.cancel';
/** The job kind of a meeting's reminder. */
export const MEETING_REMINDER = 'meeting.reminder';

/** Who may use /meeting and /meetings: the head, the deputies and the admins. */
export const mayPlanMeetings = (caller: Caller): boolean => can(caller.member, 'meeting.plan');

/** A typed text (title or place), trimmed, or why it is refused. */
export function checkText(t: Translate, typed: string, max: number): { ok: true; text: string } | { ok: false; problem: string } {
  const text = typed.replace(/\s+/gu, ' ').trim();
  if (!text) return { ok: false, problem: t('invalid-empty') };
  if (text.startsWith('/')) return { ok: false, problem: t('invalid-command') };
  if ([...text].length > max) return { ok: false, problem: t('invalid-too-long', { max }) };
  return { ok: true, text };
}

export const checkTitle = (t: Translate, typed: string) => checkText(t, typed, MEETING_TITLE_MAX);
export const checkPlace = (t: Translate, typed: string) => checkText(t, typed, MEETING_PLACE_MAX);

/** The meeting's time in the reader's words. */
export function whenText(app: App, reader: Pick<Reader, 'locale'>, at: number): string {
  return formatWhen(at, app.config.SCHOOL_TZ, reader.locale);
}

/** Whom the meeting is for, in words. */
export async function audienceText(app: App, t: Translate, audience: MeetingAudience): Promise<string> {
  if (audience.kind === 'deputies') return t('mt-audience-deputies');
  if (audience.kind === 'staff') return t('mt-audience-staff');
  const className = (await app.services.classes.get(audience.classId))?.name ?? audience.classId;
  return t('mt-audience-parents', { className });
}

/** «за 24 ч, за 15 мин»: when the reminders go, before the meeting. */
export function remindersText(t: Translate, offsets: readonly number[]): string {
  const one = (ms: number): string => {
    if (ms % 86_400_000 === 0) return t('mt-before', { n: ms / 86_400_000, unit: 'd' });
    if (ms % 3_600_000 === 0) return t('mt-before', { n: ms / 3_600_000, unit: 'h' });
    if (ms % 60_000 === 0) return t('mt-before', { n: ms / 60_000, unit: 'm' });
    return t('mt-before', { n: Math.round(ms / 1000), unit: 's' });
  };
  return offsets.map(one).join(', ');
}

/** A meeting as it is planned in the dialog, before it is kept. */
export interface MeetingDraft {
  title: string;
  at: number;
  place?: string | undefined;
  audience: MeetingAudience;
}

/** The lines every message about a meeting starts with: its title, time and place. */
function aboutLines(app: App, reader: Reader, meeting: Pick<Meeting, 'title' | 'at' | 'place'>): string[] {
  const lines = [reader.t('mt-line-when', { when: whenText(app, reader, meeting.at) })];
  if (meeting.place) lines.push(reader.t('mt-line-place', { place: meeting.place }));
  return lines;
}

/** How a message to the meeting's people went: in the administration chat (if any), and privately. */
interface Sent extends PrivateOutcome {
  chat?: { kind: AdminChatKind; ok: boolean } | undefined;
}

/** The administration chat a meeting's messages go to: the leadership chat for the deputies, the staff chat for all staff (once made). */
const CHAT_OF: Partial<Record<MeetingAudience['kind'], AdminChatKind>> = { deputies: 'leadership', staff: 'staff' };

/**
 * A message about the meeting to the people it concerns: in the audience's administration chat when it
 * has been made (in the school's language), and privately to those of them not in that chat (all of them
 * when the chat could not be written to).
 */
async function sendToAudience(app: App, audience: MeetingAudience, people: readonly PersonId[], build: (reader: Reader) => string, options: { urgent?: boolean; author?: DeliveryAuthor } = {}): Promise<Sent> {
  const kind = CHAT_OF[audience.kind];
  const chat = kind ? await app.services.adminChats.get(kind) : undefined;
  if (!kind || !chat) return sendInTheirLanguages(app, people, build, options);
  const reader = { locale: app.config.LOCALE, t: app.i18n.bind(app.config.LOCALE) };
  const ok = await app.messenger.send(chat.peer, { text: build(reader) }).then(
    () => true,
    (error: unknown) => {
      app.logger.warn({ peer: chat.peer, err: error instanceof Error ? error.name : 'unknown' }, 'meeting message not sent to the administration chat');
      return false;
    },
  );
  const inChat = new Set(ok ? await app.messenger.members(chat.peer).catch((): PersonId[] => []) : []);
  const rest = people.filter((id) => !inChat.has(id));
  const sent = rest.length > 0 ? await sendInTheirLanguages(app, rest, build, options) : { reached: [], missed: [], held: [] };
  return { ...sent, chat: { kind, ok } };
}

/** How many were reached and who was not, named, worded for the organiser; and how many wait for the quiet hours' end. */
async function reportLines(app: App, t: Translate, sent: Sent, what: 'invitation' | 'change'): Promise<string[]> {
  const total = sent.reached.length + sent.missed.length + sent.held.length;
  const chatLine = sent.chat ? [t('mt-report-chat', { chat: sent.chat.kind, outcome: sent.chat.ok ? 'sent' : 'failed' })] : [];
  if (total === 0) return chatLine.length > 0 ? chatLine : [t('mt-report-nobody')];
  const lines = [...chatLine, t(what === 'invitation' ? 'mt-report-reached' : 'mt-report-told', { reached: sent.reached.length, total })];
  const held = heldLines(t, app.config, sent);
  if (held.length > 0) lines.push('', ...held);
  if (sent.missed.length === 0) return lines;
  lines.push('', t('mt-report-missed', { count: sent.missed.length }));
  for (const [i, id] of sent.missed.entries()) lines.push(`${i + 1}. ${personMention(app.messenger, (await app.services.members.get(id)) ?? { personId: id, name: '' }, t)}`);
  return lines;
}

/** The job id of a meeting's reminder `before` ms ahead, for the meeting's current version. */
function reminderJobId(meeting: Pick<Meeting, 'id' | 'version'>, before: number): string {
  return `meeting.${meeting.id}.v${meeting.version}.r${before}`;
}

/** Schedules the meeting's reminders (MEETING_REMINDERS before it); those already past are skipped. Returns the offsets scheduled. */
async function scheduleReminders(app: App, meeting: Meeting): Promise<number[]> {
  const now = Date.now();
  const due = app.config.MEETING_REMINDERS.filter((before) => meeting.at - before > now);
  for (const before of due) {
    await app.scheduler.schedule(reminderJobId(meeting, before), MEETING_REMINDER, meeting.at - before, { meetingId: meeting.id, version: meeting.version, before });
  }
  return due;
}

/** Drops the reminders of a version of the meeting (a reminder that runs anyway finds the meeting changed and sends nothing). */
async function cancelReminders(app: App, meeting: Pick<Meeting, 'id' | 'version'>): Promise<void> {
  for (const before of app.config.MEETING_REMINDERS) await app.scheduler.cancel(reminderJobId(meeting, before));
}

/** The people who get the invitation: the audience today, without the organiser. */
async function invitees(app: App, organiser: PersonId, audience: MeetingAudience): Promise<Member[]> {
  return (await app.services.meetings.audience(audience)).filter((m) => m.personId !== organiser);
}

/**
 * Keeps the meeting, sends the invitation to the audience by private message, schedules the
 * reminders and returns the organiser's report. Refused with words when the time has passed meanwhile.
 */
export async function createMeeting(app: App, turn: Turn, draft: MeetingDraft): Promise<string> {
  const { t, caller } = turn;
  const people = await invitees(app, caller.personId, draft.audience);
  const kept = await attempt(t, () => app.services.meetings.create(caller.personId, { ...draft, invited: people.map((m) => m.personId) }));
  if (!kept.ok) return kept.text;
  const meeting = kept.value;
  const organiser = caller.member ? personShort(caller.member) : app.messenger.mention(caller.personId, '…');
  const sent = await sendToAudience(app, meeting.audience, meeting.invited, (reader) => [reader.t('mt-invite', { organiser, title: meeting.title }), ...aboutLines(app, reader, meeting)].join('\n'), { author: authorOf(turn) });
  const reminders = await scheduleReminders(app, meeting);
  app.logger.info({ meeting: meeting.id, organiser: caller.personId, invited: meeting.invited.length, reached: sent.reached.length, reminders: reminders.length }, 'meeting planned');
  return [
    t('mt-created', { title: meeting.title, when: whenText(app, turn, meeting.at) }),
    '',
    ...(await reportLines(app, t, sent, 'invitation')),
    '',
    reminders.length > 0 ? t('mt-report-reminders', { list: remindersText(t, reminders) }) : t('mt-report-no-reminders'),
  ].join('\n');
}

/** A meeting's reminder: sent to everyone invited and the organiser, if the meeting is still as it was when scheduled. */
export const meetingReminderJob: JobSpec = {
  kind: MEETING_REMINDER,
  async run(app, job) {
    const { meetingId, version } = job.data as { meetingId: string; version: number };
    const meeting = await app.services.meetings.get(meetingId);
    if (!meeting || meeting.status !== 'planned' || meeting.version !== version) return;
    const people = [...meeting.invited, meeting.organiser];
    // A reminder is due at its time: it is not held by the quiet hours.
    const sent = await sendToAudience(app, meeting.audience, people, (reader) => [reader.t('mt-reminder', { title: meeting.title }), ...aboutLines(app, reader, meeting)].join('\n'), { urgent: true });
    app.logger.info({ meeting: meeting.id, jobId: job.id, reached: sent.reached.length, total: people.length }, 'meeting reminder sent');
  },
};

/** Why a move or a cancellation is refused, in words; undefined for anything else (rethrown). */
function changeRefusal(t: Translate, error: unknown): string | undefined {
  if (error instanceof MeetingCancelledError) return t('mt-already-cancelled');
  if (error instanceof NotFoundError) return t('mt-not-found');
  if (error instanceof PermissionDeniedError) return t('mt-not-yours');
  return undefined;
}

/** The meeting this person may change now (planned, theirs), or the refusal in words. */
export async function changeableMeeting(app: App, turn: Turn, id: string): Promise<{ ok: true; meeting: Meeting } | { ok: false; text: string }> {
  const { t, caller } = turn;
  if (!mayPlanMeetings(caller)) return { ok: false, text: t('mt-denied') };
  const meeting = await app.services.meetings.get(id);
  if (!meeting) return { ok: false, text: t('mt-not-found') };
  if (meeting.organiser !== caller.personId && !can(caller.member, 'event.manageAny')) return { ok: false, text: t('mt-not-yours') };
  if (meeting.status !== 'planned') return { ok: false, text: t('mt-already-cancelled') };
  return { ok: true, meeting };
}

/** Cancels a meeting: its reminders dropped, everyone invited told; returns the organiser's report. */
export async function cancelMeeting(app: App, turn: Turn, id: string): Promise<{ ok: boolean; text: string }> {
  const { t, caller } = turn;
  let meeting: Meeting;
  try {
    meeting = await app.services.meetings.cancel(caller.personId, id);
  } catch (error) {
    const text = changeRefusal(t, error);
    if (text === undefined) throw error;
    return { ok: false, text };
  }
  await cancelReminders(app, meeting);
  // The one cancelling is not told again: their report says it.
  const sent = await sendToAudience(app, meeting.audience, meeting.invited.filter((id) => id !== caller.personId), (reader) => reader.t('mt-cancelled-notice', { title: meeting.title, when: whenText(app, reader, meeting.at) }));
  await tellOrganiser(app, turn, meeting.organiser, `mt-changed:${meeting.id}:cancelled`, (reader, who) => reader.t('mt-changed-by', { change: 'cancelled', who, title: meeting.title, when: whenText(app, reader, meeting.at) }));
  app.logger.info({ meeting: meeting.id, by: caller.personId, organiser: meeting.organiser, reached: sent.reached.length }, 'meeting cancelled');
  return { ok: true, text: [t('mt-cancelled', { title: meeting.title, when: whenText(app, turn, meeting.at) }), '', ...(await reportLines(app, t, sent, 'change'))].join('\n') };
}

/** Moves a meeting to `at`: the old reminders dropped, new ones scheduled, everyone invited told; returns the organiser's report. */
export async function moveMeeting(app: App, turn: Turn, id: string, at: number): Promise<string> {
  const { t, caller } = turn;
  const before = await app.services.meetings.get(id);
  let meeting: Meeting;
  try {
    meeting = await app.services.meetings.move(caller.personId, id, at);
  } catch (error) {
    const text = changeRefusal(t, error);
    if (text === undefined) throw error;
    return text;
  }
  // The version before this move (a repeat after a crash reads the record already moved: its previous version).
  const was = before && before.version < meeting.version ? before.at : undefined;
  await cancelReminders(app, { id: meeting.id, version: meeting.version - 1 });
  const sent = await sendToAudience(app, meeting.audience, meeting.invited.filter((id) => id !== caller.personId), (reader) =>
    [reader.t('mt-moved-notice', { title: meeting.title, when: whenText(app, reader, meeting.at) }), ...(was !== undefined ? [reader.t('mt-moved-was', { when: whenText(app, reader, was) })] : []), ...(meeting.place ? [reader.t('mt-line-place', { place: meeting.place })] : [])].join('\n'),
  );
  const reminders = await scheduleReminders(app, meeting);
  await tellOrganiser(app, turn, meeting.organiser, `mt-changed:${meeting.id}:${meeting.version}`, (reader, who) => reader.t('mt-changed-by', { change: 'moved', who, title: meeting.title, when: whenText(app, reader, meeting.at) }));
  app.logger.info({ meeting: meeting.id, by: caller.personId, organiser: meeting.organiser, reached: sent.reached.length, reminders: reminders.length }, 'meeting moved');
  return [
    t('mt-moved', { title: meeting.title, when: whenText(app, turn, meeting.at) }),
    '',
    ...(await reportLines(app, t, sent, 'change')),
    '',
    reminders.length > 0 ? t('mt-report-reminders', { list: remindersText(t, reminders) }) : t('mt-report-no-reminders'),
  ].join('\n');
}

/** /meetings: the organiser's upcoming meetings (for an admin or the head, the whole school's, each with its organiser), one message each with «Перенести» and «Отменить». */
export async function sendUpcoming(app: App, turn: Turn): Promise<unknown> {
  const { t, caller } = turn;
  const school = can(caller.member, 'event.manageAny');
  const meetings = await app.services.meetings.upcoming(school ? 'all' : caller.personId, Date.now());
  if (meetings.length === 0) return turn.reply(t(school ? 'mt-list-none-school' : 'mt-list-none'));
  await turn.reply(t(school ? 'mt-list-header-school' : 'mt-list-header', { count: meetings.length }));
  for (const meeting of meetings) {
    const lines = [
      t('mt-list-title', { title: meeting.title }),
      ...aboutLines(app, turn, meeting),
      t('mt-line-audience', { audience: await audienceText(app, t, meeting.audience), count: meeting.invited.length }),
      ...(meeting.organiser === caller.personId ? [] : [t('mt-line-organiser', { who: await mentionOf(app, t, meeting.organiser) })]),
    ];
    await turn.reply(
      lines.join('\n'),
      inlineKeyboard([
        [
          { label: t('mt-btn-move'), payload: { k: 'cb', a: MEETING_MOVE, id: meeting.id }, color: 'primary' },
          { label: t('mt-btn-cancel'), payload: { k: 'cb', a: MEETING_CANCEL, id: meeting.id }, color: 'negative' },
        ],
      ]),
    );
  }
  return undefined;
}
