import { enterAbout, type Dialogs } from '../src/messenger/dialogs.js';
import { changeablePost, moveScheduledPost, whenText } from '../src/features/channels/scheduled-posts.js';
import { channelName } from '../src/features/channels/channels.js';
import { askTime, type TimeStepState } from '../src/features/shared/time-step.js';
import { replyKeyboard } from '../src/features/shared/keyboards.js';
import type { DialogContext, DialogDefinition } from '../src/turn.js';

/** Scene id of the dialog that moves a scheduled post (F12): one question, the new time. */
export const SCHEDULED_POST_MOVE = 'sp-move';

interface MoveState extends TimeStepState, Record<string, unknown> {
  postId?: string;
}

/** Ends the dialog with a message and the keyboard hidden. */
async function finish(context: DialogContext<MoveState>, text: string): Promise<unknown> {
  await context.turn.reply(text, replyKeyboard([]));
  return context.leave();
}

/** «Перенести»: the new time («Сегодня»/«Завтра» and the time, or a date and time typed), then the post's job moves. */
async function moveStep(context: DialogContext<MoveState>): Promise<unknown> {
  const turn = context.turn;
  const { t, app } = turn;
  const id = context.state.postId;
  if (!id) return context.leave();
  // Checked again at every answer: the post may have gone or been cancelled meanwhile.
  const found = await changeablePost(app, turn, id);
  if (!found.ok) return finish(context, found.text);
  const question = t('sp-move-ask', { channel: channelName(t, found.post.kind), when: whenText(app, turn, found.post.at) });
  const at = await askTime(context, SCHEDULED_POST_MOVE, question);
  if (at === undefined) return undefined;
  return finish(context, await moveScheduledPost(app, turn, id, at));
}

/** The move dialog of a scheduled post (F12). */
export const scheduledPostMoveDialog: DialogDefinition<MoveState> = { slug: SCHEDULED_POST_MOVE, steps: [moveStep] };

/**
 * Opens the move dialog from the «Перенести» press. Returns false when another dialog is open
 * (the person must finish or cancel it first).
 */
export async function enterScheduledPostMove(dialogs: Dialogs, postId: string): Promise<boolean> {
  return enterAbout(dialogs, SCHEDULED_POST_MOVE, { postId });
}
