/**
 * Broadcasts and webinars (F13, F31), the use cases the /broadcast and /webinar dialog calls: who
 * may plan them, where the announcement goes — the bound channel's chat and privately to the
 * audience not in it, privately to everyone when the channel is not bound, or privately to one
 * class's students and parents — the reminders, and the organiser's report.
 */
import type { App } from '../../app.js';
import { can, type BroadcastAudience, type Channel, type ChannelKind, type Member } from '../../domain/index.js';
import type { PersonId } from '../../domain/person.js';
import type { Caller, Turn } from '../../turn.js';
import type { Reader } from '../shared/recipients.js';
import { scheduleReminders } from './event-reminders.js';
import { announcementText, remindersLine, reportLines, whenText, type EventView } from './event-texts.js';
import { keepEvent } from './keep-event.js';
import { sendToChat, type ChatOutcome } from './fan-out.js';
import { sendInTheirLanguages } from '../shared/send-in-languages.js';
import { authorOf } from '../shared/delivery-report.js';

/** Who may use /broadcast, /webinar and /broadcasts: the head, the deputies and the admins. */
export const mayPlanBroadcasts = (caller: Caller): boolean => can(caller.member, 'broadcast.plan');

/** What someone who may not is told. */
export const broadcastRefusal = (turn: Turn): string => turn.t('bc-denied');

/** The audiences a broadcast can have (a webinar's is the staff). */
export type BroadcastTarget = Extract<BroadcastAudience, { kind: 'school' | 'staff' | 'class' }>;

/** A broadcast or a webinar as the dialog planned it, before it is announced. */
export interface BroadcastDraft {
  kind: 'broadcast' | 'webinar';
  title: string;
  at: number;
  link: string;
  audience: BroadcastTarget;
  /** The organiser chose private copies for everyone (the channel was not bound). */
  privately: boolean;
}

/** The channel an audience is announced in: the school-wide one for the school, the staff one for the staff, none for a class. */
export function channelKindOf(audience: BroadcastTarget): ChannelKind | undefined {
  return audience.kind === 'class' ? undefined : audience.kind;
}

/** The bound channel of an audience, if it has one and it is bound. */
export async function channelOf(app: App, audience: BroadcastTarget): Promise<Channel | undefined> {
  const kind = channelKindOf(audience);
  return kind ? app.services.channels.get(kind) : undefined;
}

/** The active members an audience is today: the channel's (everyone; the staff), or a class's students and parents. */
async function audienceMembers(app: App, audience: BroadcastTarget): Promise<Member[]> {
  if (audience.kind !== 'class') return app.services.channels.audience(audience.kind);
  const { students, parents } = await app.services.studyChats.audience(audience.classId, { parents: true });
  return [...students, ...parents];
}

/** Why the plan cannot go ahead now, in words: no right, the time has passed, the class is gone; undefined when it can. */
async function refusalNow(app: App, turn: Turn, draft: BroadcastDraft): Promise<string | undefined> {
  const { t, caller } = turn;
  if (!mayPlanBroadcasts(caller)) return t('bc-denied');
  if (draft.at <= Date.now()) return t('bc-time-past');
  if (draft.audience.kind === 'class') {
    const found = await app.services.classes.get(draft.audience.classId);
    if (!found || found.kind !== 'regular' || found.status !== 'active') return t('cls-err-not-found', { name: found?.name ?? draft.audience.classId });
  }
  return undefined;
}

/**
 * Announces the broadcast or webinar: in the channel's chat (unless the organiser chose private
 * copies, or the channel is not bound now), then privately to the audience not in that chat (the
 * organiser aside); keeps it with where it went, schedules the reminders and returns the report.
 * Each send is keyed by the update, so a repeat after a crash sends nothing twice.
 */
export async function announceBroadcast(app: App, turn: Turn, draft: BroadcastDraft): Promise<string> {
  const { t, caller } = turn;
  const refused = await refusalNow(app, turn, draft);
  if (refused) return refused;
  const view: EventView = { kind: draft.kind, title: draft.title, at: draft.at, link: draft.link };
  const build = (reader: Reader) => announcementText(app, reader, view);
  const channel = draft.privately ? undefined : await channelOf(app, draft.audience);
  let chat: ChatOutcome | 'unbound' = channelKindOf(draft.audience) && !draft.privately ? 'unbound' : 'none';
  if (channel) chat = await sendToChat(app, channel.peer, build);
  // Those in the chat have it there; if the chat could not be reached, everyone gets it privately.
  const inChat = new Set(channel && chat === 'sent' ? await app.messenger.members(channel.peer).catch((): PersonId[] => []) : []);
  const people = (await audienceMembers(app, draft.audience)).map((m) => m.personId).filter((id) => id !== caller.personId && !inChat.has(id));
  const sent = await sendInTheirLanguages(app, people, build, { author: authorOf(turn) });
  const kept = await keepEvent(app, turn, {
    kind: draft.kind,
    title: draft.title,
    at: draft.at,
    link: draft.link,
    audience: draft.audience,
    chat: channel && chat === 'sent' ? channel.peer : undefined,
    // Those held for the quiet hours get it in the morning: they are told of a change too.
    recipients: [...sent.reached, ...sent.held],
    missed: sent.missed.length,
  });
  if (!kept.ok) return kept.text;
  const event = kept.value;
  const reminders = await scheduleReminders(app, event);
  app.logger.info({ broadcast: event.id, kind: event.kind, organiser: caller.personId, chat, reached: sent.reached.length, missed: sent.missed.length, reminders: reminders.length }, 'broadcast announced');
  return [
    t('bc-created', { kind: event.kind, title: event.title, when: whenText(app, turn, event.at) }),
    '',
    ...(await reportLines(app, t, { chat, ...sent }, 'announcement')),
    '',
    remindersLine(t, event.kind, reminders),
    t('bc-report-manage', { kind: event.kind }),
  ].join('\n');
}
