import { changeablePost, moveScheduledPost, whenText } from '../src/features/channels/scheduled-posts.js';
import { channelName } from '../src/features/channels/channels.js';
import { askTime, type TimeStepState } from '../src/features/shared/time-step.js';
import { replyKeyboard } from '../src/features/shared/keyboards.js';
import type { DialogContext, DialogDefinition } from '../src/turn.js';
import { SCHEDULED_POST_MOVE, type ScheduledPostStart } from '../src/features/channels/dialogs.js';

interface MoveState extends Partial<ScheduledPostStart>, TimeStepState, Record<string, unknown> {}

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

