import { askWithCancel, composeSteps, type ComposeState } from '../src/features/channels/compose-steps.js';
import { handInMaterial } from '../src/features/materials/hand-in-material.js';
import { replyKeyboard, sceneButton, type Button, type ButtonColor } from '../src/features/shared/keyboards.js';
import { deliverNotices } from '../src/features/shared/notices.js';
import { sceneValue } from '../src/features/shared/payload.js';
import type { DialogContext, DialogDefinition, DialogStepHandler } from '../src/turn.js';
import { MATERIAL_SUBMIT } from '../src/features/materials/dialogs.js';
import { choiceProblem } from '../src/features/shared/answers.js';

type SubmitState = ComposeState;

type SubmitContext = DialogContext<SubmitState>;

const CHANNEL_STEP = 0;
const TEXT_STEP = 1;
const CONFIRM_STEP = 2;
const button = (label: string, value: string, color?: ButtonColor): Button => sceneButton(MATERIAL_SUBMIT, label, value, color);

async function confirmStep(context: SubmitContext): Promise<unknown> {
  const turn = context.turn;
  const { t } = turn;
  const { kind, text, attachment } = context.state;
  if (!kind || text === undefined) return context.go(CHANNEL_STEP);
  const rows = [[button(t('mat-btn-send'), 'send', 'positive'), button(t('ch-btn-edit'), 'edit')]];
  const question = t('mat-confirm', { kind });
  if (context.firstTime) {
    // The preview: the text and its photos and documents as the channel would get them.
    await turn.app.messenger.send(context.chat, { text, attachment });
    return askWithCancel(context, question, rows);
  }
  const pressed = sceneValue(context.payload, MATERIAL_SUBMIT);
  if (pressed === 'edit') return context.go(TEXT_STEP);
  if (pressed !== 'send') return askWithCancel(context, question, rows, choiceProblem(context));
  const { outcome, notices } = await handInMaterial(turn.app, turn, kind, text, attachment);
  await deliverNotices(turn.app, notices);
  await turn.reply(outcome, replyKeyboard([]));
  return context.leave();
}

function submitSteps(): DialogStepHandler<SubmitState>[] {
  const steps: DialogStepHandler<SubmitState>[] = [];
  [steps[CHANNEL_STEP], steps[TEXT_STEP]] = composeSteps<SubmitState>(MATERIAL_SUBMIT, { noneBound: 'mat-none-bound', askChannel: 'mat-ask-channel', askText: (t, kind) => t('mat-ask-text', { kind }), attachments: true });
  steps[CONFIRM_STEP] = confirmStep;
  return steps;
}

/** The /submit dialog (F21): a bound channel, the text (checked, never cut), the preview, then to the admins. */
export const materialSubmitDialog: DialogDefinition<SubmitState> = { slug: MATERIAL_SUBMIT, steps: submitSteps() };
