import { enterAbout, type Dialogs } from '../../messenger/dialogs.js';

// The meetings' dialogs, as /meeting and «Перенести» open them; scenes/meeting.ts and scenes/meeting-move.ts run them.

/** Slug of the /meeting dialog (F22): title → time → place → audience (→ class) → confirm. */
export const MEETING = 'meeting';
/** Slug of «Перенести» under a meeting of /meetings: the new time. */
export const MEETING_MOVE = 'meeting-move';

/** What the move starts from: the meeting. */
export interface MeetingMoveStart {
  meetingId: string;
}

/** Opens the /meeting dialog at its first question. */
export function enterMeeting(dialogs: Dialogs): Promise<unknown> {
  return dialogs.enter(MEETING, { state: {} });
}

/** Opens the move dialog from the «Перенести» press; false when another dialog is open (the person finishes or cancels it first). */
export function enterMeetingMove(dialogs: Dialogs, meetingId: string): Promise<boolean> {
  const start: MeetingMoveStart = { meetingId };
  return enterAbout(dialogs, MEETING_MOVE, { ...start });
}
