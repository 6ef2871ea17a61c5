import { enterAbout, type Dialogs } from '../../messenger/dialogs.js';

// The dialogs of broadcasts, webinars and online lessons, as their commands and «Перенести» open them; scenes/ runs them.

/** Slug of the /broadcast and /webinar dialog (F13, F31): title → time → link → audience (→ class) → confirm (scenes/broadcast.ts). */
export const BROADCAST = 'broadcast';
/** Slug of the /lesson dialog (F26): the subject chat → the link → the time → confirm (scenes/online-lesson.ts). */
export const ONLINE_LESSON = 'online-lesson';
/** Slug of «Перенести» under a broadcast, a webinar or an online lesson (F13, F26, F31): the new time (scenes/broadcast-move.ts). */
export const BROADCAST_MOVE = 'broadcast-move';

/** What /broadcast and /webinar start from: which of the two it is. */
export interface BroadcastStart {
  kind: 'broadcast' | 'webinar';
}

/** What /lesson starts from: the subject chat, when the teacher named it already. */
export interface OnlineLessonStart {
  studyChatId?: string;
}

/** What the move starts from: the broadcast, webinar or lesson. */
export interface BroadcastMoveStart {
  broadcastId: string;
}

/** Opens the /broadcast or /webinar dialog at its first question. */
export function enterBroadcast(dialogs: Dialogs, kind: BroadcastStart['kind']): Promise<unknown> {
  const start: BroadcastStart = { kind };
  return dialogs.enter(BROADCAST, { state: { ...start } });
}

/** Opens the /lesson dialog: at the subject chat, or past it when the chat is known. */
export function enterOnlineLesson(dialogs: Dialogs, studyChatId?: string): Promise<unknown> {
  const start: OnlineLessonStart = studyChatId ? { studyChatId } : {};
  return dialogs.enter(ONLINE_LESSON, { state: { ...start } });
}

/** Opens the move dialog from the «Перенести» press; false when another dialog is open (the person finishes or cancels it first). */
export function enterBroadcastMove(dialogs: Dialogs, broadcastId: string): Promise<boolean> {
  const start: BroadcastMoveStart = { broadcastId };
  return enterAbout(dialogs, BROADCAST_MOVE, { ...start });
}
