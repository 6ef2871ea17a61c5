/**
 * Online lessons (F26), the use cases /lesson and its dialog call: who may announce one (a verified
 * teacher, in a subject chat they teach), the chats they pick from, the announcement in that chat,
 * its reminder there, and the teacher's report.
 */
import type { App } from '../../app.js';
import { can, type StudyChat } from '../../domain/index.js';
import type { Caller, Turn } from '../../turn.js';
import { personShort } from '../shared/person-ref.js';
import { scheduleReminders } from './event-reminders.js';
import { announcementText, remindersLine, whenText, type EventView } from './event-texts.js';
import { sendToChat } from './fan-out.js';
import { keepEvent } from './keep-event.js';

/** Who may use /lesson and /lessons: verified teachers. */
export const mayAnnounceLessons = (caller: Caller): boolean => can(caller.member, 'lesson.announce');

/** Why /lesson is not for this person, in words: an unverified teacher waits for confirmation; others are not teachers. */
export function lessonRefusal(turn: Turn): string {
  const member = turn.caller.member;
  const pendingTeacher = member?.status === 'active' && member.roles.includes('teacher') && member.teacherStatus !== 'verified';
  return turn.t(pendingTeacher ? 'bc-lesson-denied-unverified' : 'bc-lesson-denied');
}

/** The subject chats a teacher may announce a lesson in: the ones they teach, made, oldest first. */
export async function lessonChats(app: App, caller: Caller): Promise<(StudyChat & { peer: number })[]> {
  return (await app.services.studyChats.ofTeacher(caller.personId)).filter((chat): chat is StudyChat & { peer: number } => chat.status === 'ready' && chat.peer !== undefined);
}

/** The subject chat `/lesson` was typed in (its messenger chat id), if the caller teaches it. */
export async function lessonChatOfPeer(app: App, caller: Caller, peer: number): Promise<StudyChat | undefined> {
  const chat = await app.services.studyChats.byPeer(peer);
  return chat && chat.teacher === caller.personId ? chat : undefined;
}

/** A lesson as the dialog planned it. */
export interface LessonDraft {
  studyChatId: string;
  at: number;
  link: string;
}

/** The lesson as its announcement shows it. */
export function lessonView(turn: Turn, chat: Pick<StudyChat, 'subject' | 'title'>, draft: Pick<LessonDraft, 'at' | 'link'>): EventView {
  return { kind: 'lesson', title: chat.subject ?? chat.title, at: draft.at, link: draft.link, teacher: turn.caller.member ? personShort(turn.caller.member) : undefined };
}

/**
 * Announces the lesson in its subject chat, keeps it and schedules the reminders (LESSON_REMINDERS)
 * there; returns the teacher's report. Nothing is kept when the chat cannot be reached.
 */
export async function announceLesson(app: App, turn: Turn, draft: LessonDraft): Promise<string> {
  const { t, caller } = turn;
  if (!mayAnnounceLessons(caller)) return lessonRefusal(turn);
  const chat = await app.services.studyChats.get(draft.studyChatId);
  if (!chat || chat.status !== 'ready' || chat.peer === undefined) return t('bc-lesson-chat-gone');
  if (chat.teacher !== caller.personId) return t('bc-lesson-denied');
  if (draft.at <= Date.now()) return t('bc-time-past');
  const view = lessonView(turn, chat, draft);
  const posted = await sendToChat(app, chat.peer, (reader) => announcementText(app, reader, view));
  if (posted !== 'sent') return t('bc-lesson-chat-failed', { title: chat.title });
  const kept = await keepEvent(app, turn, { kind: 'lesson', title: chat.subject ?? chat.title, at: draft.at, link: draft.link, audience: { kind: 'chat', studyChatId: chat.id }, chat: chat.peer, recipients: [], missed: 0 });
  if (!kept.ok) return kept.text;
  const event = kept.value;
  const reminders = await scheduleReminders(app, event);
  app.logger.info({ broadcast: event.id, kind: 'lesson', organiser: caller.personId, peer: chat.peer, reminders: reminders.length }, 'online lesson announced');
  return [t('bc-lesson-created', { title: chat.title, when: whenText(app, turn, event.at) }), remindersLine(t, 'lesson', reminders), t('bc-report-manage', { kind: 'lesson' })].join('\n');
}
