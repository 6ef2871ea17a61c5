import { changeablePost, editScheduledPost, whenText } from '../src/features/channels/scheduled-posts.js';
import { channelName, checkPostText } from '../src/features/channels/channels.js';
import { askWithCancel } from '../src/features/channels/compose-steps.js';
import { replyKeyboard, sceneButton } from '../src/features/shared/keyboards.js';
import { sceneValue } from '../src/features/shared/payload.js';
import type { DialogContext, DialogDefinition, DialogStepHandler } from '../src/turn.js';
import { SCHEDULED_POST_EDIT, type ScheduledPostStart } from '../src/features/channels/dialogs.js';
import { choiceProblem } from '../src/features/shared/answers.js';

interface EditState extends Partial<ScheduledPostStart>, Record<string, unknown> {
  text?: string;
}

type EditContext = DialogContext<EditState>;

const TEXT_STEP = 0;
const PREVIEW_STEP = 1;

/** Ends the dialog with a message and the keyboard hidden. */
async function finish(context: EditContext, text: string): Promise<unknown> {
  await context.turn.reply(text, replyKeyboard([]));
  return context.leave();
}

async function textStep(context: EditContext): Promise<unknown> {
  const turn = context.turn;
  const { t, app } = turn;
  const id = context.state.postId;
  if (!id) return context.leave();
  const found = await changeablePost(app, turn, id);
  if (!found.ok) return finish(context, found.text);
  const question = t('sp-edit-ask', { channel: channelName(t, found.post.kind), when: whenText(app, turn, found.post.at) });
  if (context.firstTime) return askWithCancel(context, question, []);
  if (context.hasPayload) return askWithCancel(context, question, [], t('button-stale'));
  const checked = checkPostText(t, context.text);
  if (!checked.ok) return askWithCancel(context, question, [], checked.problem);
  context.state.text = checked.text;
  return context.next();
}

async function previewStep(context: EditContext): Promise<unknown> {
  const turn = context.turn;
  const { t, app } = turn;
  const { postId: id, text } = context.state;
  if (!id) return context.leave();
  if (!text) return context.go(TEXT_STEP);
  const rows = [[sceneButton(SCHEDULED_POST_EDIT, t('sp-btn-save'), 'save', 'positive'), sceneButton(SCHEDULED_POST_EDIT, t('sp-btn-rewrite'), 'rewrite')]];
  if (context.firstTime) {
    // The preview: the new text exactly as the chat and the private copies will get it.
    await turn.reply(text);
    return askWithCancel(context, t('sp-edit-preview'), rows);
  }
  const pressed = sceneValue(context.payload, SCHEDULED_POST_EDIT);
  if (pressed === 'rewrite') return context.go(TEXT_STEP);
  if (pressed !== 'save') return askWithCancel(context, t('sp-edit-preview'), rows, choiceProblem(context));
  return finish(context, await editScheduledPost(app, turn, id, text));
}

function editSteps(): DialogStepHandler<EditState>[] {
  const steps: DialogStepHandler<EditState>[] = [];
  steps[TEXT_STEP] = textStep;
  steps[PREVIEW_STEP] = previewStep;
  return steps;
}

/** The edit dialog of a scheduled post (F12): the new text (checked, never cut), the preview, «Сохранить». */
export const scheduledPostEditDialog: DialogDefinition<EditState> = { slug: SCHEDULED_POST_EDIT, steps: editSteps() };

