/**
 * Moving and cancelling broadcasts, webinars and online lessons (F13, F26, F31), and the lists with
 * the buttons that do it (/broadcasts, /lessons): everyone who got the announcement — its chat and
 * the people who got it privately — is told, and the reminders follow the event.
 */
import type { App } from '../../app.js';
import { BROADCAST_RIGHT, can, type Broadcast, type BroadcastKind } from '../../domain/index.js';
import type { PersonId } from '../../domain/person.js';
import type { Turn } from '../../turn.js';
import { inlineKeyboard } from '../shared/keyboards.js';
import { mentionOf, tellOrganiser } from '../shared/organiser-notice.js';
import { cancelReminders, scheduleReminders } from './event-reminders.js';
import { audienceText, cancelledText, movedText, remindersLine, reportLines, whenText } from './event-texts.js';
import { sendEverywhere } from './fan-out.js';
import { refusing } from './keep-event.js';

/** The callback actions under an event of /broadcasts or /lessons. */
export const BROADCAST_MOVE = 'bc.move';
export const BROADCAST_CANCEL = 'bc.cancel';

/** Which list a command shows: broadcasts and webinars, or online lessons. */
export type EventList = 'broadcasts' | 'lessons';
const LIST_KINDS: Readonly<Record<EventList, readonly BroadcastKind[]>> = { broadcasts: ['broadcast', 'webinar'], lessons: ['lesson'] };

/** Whether this person may change someone else's event: an admin or the head, for a broadcast or a webinar (a lesson is its teacher's). */
const managesAny = (turn: Turn, event: Broadcast): boolean => event.kind !== 'lesson' && can(turn.caller.member, 'event.manageAny');

/** The event this person may change now (planned; theirs while they still have the right, or anyone's for an admin or the head), or the refusal in words. */
export async function changeableEvent(app: App, turn: Turn, id: string): Promise<{ ok: true; event: Broadcast } | { ok: false; text: string }> {
  const { t, caller } = turn;
  const event = await app.services.broadcasts.get(id);
  if (!event) return { ok: false, text: t('bc-not-found') };
  const manager = managesAny(turn, event);
  if (!manager && !can(caller.member, BROADCAST_RIGHT[event.kind])) return { ok: false, text: t(event.kind === 'lesson' ? 'bc-lesson-denied' : 'bc-denied') };
  if (event.organiser !== caller.personId && !manager) return { ok: false, text: t('bc-not-yours', { kind: event.kind }) };
  if (event.status !== 'planned') return { ok: false, text: t('bc-already-cancelled', { kind: event.kind }) };
  return { ok: true, event };
}

/** Whom a change is told to: the announcement's chat and everyone who got it privately, but the one making it (their report says it). */
const toldOf = (event: Broadcast, by: PersonId) => ({ chat: event.chat, people: event.recipients.filter((id) => id !== by) });

/** Cancels an event: its reminders dropped, everyone who got the announcement told; returns the organiser's report. */
export async function cancelEvent(app: App, turn: Turn, event: Pick<Broadcast, 'id' | 'kind'>): Promise<{ ok: boolean; text: string }> {
  const { t, caller } = turn;
  const done = await refusing(t, event.kind, () => app.services.broadcasts.cancel(caller.personId, event.id));
  if (!done.ok) return done;
  const cancelled = done.value;
  await cancelReminders(app, cancelled);
  const sent = await sendEverywhere(app, toldOf(cancelled, caller.personId), (reader) => cancelledText(app, reader, cancelled));
  await tellOrganiser(app, turn, cancelled.organiser, `bc-changed:${cancelled.id}:cancelled`, (reader, who) =>
    reader.t('bc-changed-by', { change: 'cancelled', who, kind: cancelled.kind, title: cancelled.title, when: whenText(app, reader, cancelled.at) }),
  );
  app.logger.info({ broadcast: cancelled.id, kind: cancelled.kind, by: caller.personId, organiser: cancelled.organiser, chat: sent.chat, reached: sent.reached.length }, 'broadcast cancelled');
  const report = [t('bc-cancelled', { kind: cancelled.kind, title: cancelled.title, when: whenText(app, turn, cancelled.at) }), '', ...(await reportLines(app, t, sent, 'change'))];
  return { ok: true, text: report.join('\n') };
}

/** Moves an event to `at`: the old reminders dropped, new ones scheduled, everyone who got the announcement told; returns the organiser's report. */
export async function moveEvent(app: App, turn: Turn, event: Pick<Broadcast, 'id' | 'kind'>, at: number): Promise<string> {
  const { t, caller } = turn;
  const before = await app.services.broadcasts.get(event.id);
  const done = await refusing(t, event.kind, () => app.services.broadcasts.move(caller.personId, event.id, at));
  if (!done.ok) return done.text;
  const moved = done.value;
  // The time before this move (a repeat after a crash reads the record already moved).
  const was = before && before.version < moved.version ? before.at : undefined;
  await cancelReminders(app, { id: moved.id, kind: moved.kind, version: moved.version - 1 });
  const sent = await sendEverywhere(app, toldOf(moved, caller.personId), (reader) => movedText(app, reader, moved, was));
  const reminders = await scheduleReminders(app, moved);
  await tellOrganiser(app, turn, moved.organiser, `bc-changed:${moved.id}:${moved.version}`, (reader, who) => reader.t('bc-changed-by', { change: 'moved', who, kind: moved.kind, title: moved.title, when: whenText(app, reader, moved.at) }));
  app.logger.info({ broadcast: moved.id, kind: moved.kind, by: caller.personId, organiser: moved.organiser, chat: sent.chat, reached: sent.reached.length, reminders: reminders.length }, 'broadcast moved');
  return [
    t('bc-moved', { kind: moved.kind, title: moved.title, when: whenText(app, turn, moved.at) }),
    '',
    ...(await reportLines(app, t, sent, 'change')),
    '',
    remindersLine(t, moved.kind, reminders),
  ].join('\n');
}

/** /broadcasts or /lessons: the organiser's upcoming events (for an admin or the head, the school's broadcasts and webinars, each with its organiser), one message each with «Перенести» and «Отменить». */
export async function sendUpcoming(app: App, turn: Turn, list: EventList): Promise<unknown> {
  const { t, caller } = turn;
  const everyone = list === 'broadcasts' && can(caller.member, 'event.manageAny');
  const events = await app.services.broadcasts.upcoming(everyone ? 'all' : caller.personId, Date.now(), LIST_KINDS[list]);
  if (events.length === 0) return turn.reply(everyone ? t('bc-list-none-school') : t('bc-list-none', { list }));
  await turn.reply(everyone ? t('bc-list-header-school', { count: events.length }) : t('bc-list-header', { list, count: events.length }));
  for (const event of events) {
    const lines = [
      t('bc-list-title', { kind: event.kind, title: event.title }),
      t('bc-line-when', { when: whenText(app, turn, event.at) }),
      t('bc-line-link', { link: event.link }),
      t('bc-line-audience', { audience: await audienceText(app, t, event.audience, event.chat === undefined), count: event.recipients.length, chat: event.chat === undefined ? 'no' : 'yes' }),
      ...(event.organiser === caller.personId ? [] : [t('mt-line-organiser', { who: await mentionOf(app, t, event.organiser) })]),
    ];
    await turn.reply(
      lines.join('\n'),
      inlineKeyboard([
        [
          { label: t('bc-btn-move'), payload: { k: 'cb', a: BROADCAST_MOVE, id: event.id }, color: 'primary' },
          { label: t('bc-btn-cancel'), payload: { k: 'cb', a: BROADCAST_CANCEL, id: event.id }, color: 'negative' },
        ],
      ]),
    );
  }
  return undefined;
}
