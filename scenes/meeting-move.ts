import { changeableMeeting, moveMeeting, whenText } from '../src/features/meetings/plan-meeting.js';
import { readMeetingTime } from '../src/features/meetings/meeting-time.js';
import { replyKeyboard, cancelButton } from '../src/features/shared/keyboards.js';
import type { DialogContext, DialogDefinition } from '../src/turn.js';
import { MEETING_MOVE, type MeetingMoveStart } from '../src/features/meetings/dialogs.js';

interface MoveState extends Partial<MeetingMoveStart>, Record<string, unknown> {}

type MoveContext = DialogContext<MoveState>;

/** Asks with «Отмена» under the question (the problem with the last answer first). */
function ask(context: MoveContext, text: string, problem?: string): Promise<unknown> {
  return context.turn.reply(problem ? `${problem}\n\n${text}` : text, replyKeyboard([[cancelButton(context.turn.t)]]));
}

/** Ends the dialog with a message and the keyboard hidden. */
async function finish(context: MoveContext, text: string): Promise<unknown> {
  await context.turn.reply(text, replyKeyboard([]));
  return context.leave();
}

/** «Перенести»: the new time of a meeting, then everyone invited is told and the reminders move. */
async function moveStep(context: MoveContext): Promise<unknown> {
  const turn = context.turn;
  const { t, app } = turn;
  const id = context.state.meetingId;
  if (!id) return context.leave();
  // Checked at every answer: the meeting may have been cancelled meanwhile.
  const found = await changeableMeeting(app, turn, id);
  if (!found.ok) return finish(context, found.text);
  const question = t('mt-ask-new-time', { title: found.meeting.title, when: whenText(app, turn, found.meeting.at) });
  if (context.firstTime) return ask(context, question);
  const read = readMeetingTime(context);
  if (!read.ok) return ask(context, question, read.problem);
  return finish(context, await moveMeeting(app, turn, id, read.at));
}

/** The move dialog (F22): one question, the new time. */
export const meetingMoveDialog: DialogDefinition<MoveState> = { slug: MEETING_MOVE, steps: [moveStep] };
