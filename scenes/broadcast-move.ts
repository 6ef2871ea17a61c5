import { askTime, type TimeStepState } from '../src/features/shared/time-step.js';
import { replyKeyboard } from '../src/features/shared/keyboards.js';
import { changeableEvent, moveEvent } from '../src/features/broadcasts/change-event.js';
import { whenText } from '../src/features/broadcasts/event-texts.js';
import type { DialogContext, DialogDefinition } from '../src/turn.js';
import { BROADCAST_MOVE, type BroadcastMoveStart } from '../src/features/broadcasts/dialogs.js';

interface MoveState extends Partial<BroadcastMoveStart>, TimeStepState, Record<string, unknown> {}

/** Ends the dialog with a message and the keyboard hidden. */
async function finish(context: DialogContext<object>, text: string): Promise<unknown> {
  await context.turn.reply(text, replyKeyboard([]));
  return context.leave();
}

/** The new time («Сегодня»/«Завтра» and the time, or a date and time), then everyone who got the announcement is told. */
async function moveStep(context: DialogContext<MoveState>): Promise<unknown> {
  const turn = context.turn;
  const { t, app } = turn;
  const id = context.state.broadcastId;
  if (!id) return context.leave();
  // Checked at every answer: the event may have been cancelled meanwhile.
  const found = await changeableEvent(app, turn, id);
  if (!found.ok) return finish(context, found.text);
  const { event } = found;
  const at = await askTime(context, BROADCAST_MOVE, t('bc-ask-new-time', { kind: event.kind, title: event.title, when: whenText(app, turn, event.at) }));
  if (at === undefined) return undefined;
  return finish(context, await moveEvent(app, turn, event, at));
}

/** The move dialog: one question, the new time. */
export const broadcastMoveDialog: DialogDefinition<MoveState> = { slug: BROADCAST_MOVE, steps: [moveStep] };

