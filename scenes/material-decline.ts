import { MATERIAL_REASON_MAX, materialNumber } from '../src/domain/index.js';
import { declineMaterial } from '../src/features/materials/hand-in-material.js';
import { cancelButton, replyKeyboard, sceneButton } from '../src/features/shared/keyboards.js';
import { deliverNotices } from '../src/features/shared/notices.js';
import { sceneValue } from '../src/features/shared/payload.js';
import type { DialogContext, DialogDefinition, DialogStepHandler } from '../src/turn.js';
import { MATERIAL_DECLINE, type MaterialStart } from '../src/features/materials/dialogs.js';
import { readTyped, typedText } from '../src/features/shared/answers.js';

interface DeclineState extends Partial<MaterialStart>, Record<string, unknown> {}

type DeclineContext = DialogContext<DeclineState>;

/** The reason, typed. */
const REASON = typedText({ max: MATERIAL_REASON_MAX });

/** Asks the reason (typed), or «Без причины»; then declines and tells the author. */
async function reasonStep(context: DeclineContext): Promise<unknown> {
  const turn = context.turn;
  const { t, app } = turn;
  const id = context.state.materialId;
  const material = id ? await app.services.materials.get(id) : undefined;
  if (!id || !material || material.status !== 'pending') {
    await turn.reply(t('mat-not-pending'), replyKeyboard([]));
    return context.leave();
  }
  const question = t('mat-ask-reason', { id: materialNumber(id), max: MATERIAL_REASON_MAX });
  const ask = (problem?: string) =>
    turn.reply(problem ? `${problem}\n\n${question}` : question, replyKeyboard([[sceneButton(MATERIAL_DECLINE, t('mat-btn-no-reason'), 'none')], [cancelButton(t)]]));
  if (context.firstTime) return ask();
  let reason = '';
  if (sceneValue(context.payload, MATERIAL_DECLINE) !== 'none') {
    const typed = readTyped(context, REASON);
    if (!typed.ok) return ask(typed.problem);
    reason = typed.value;
  }
  const { outcome, notices } = await declineMaterial(app, turn, id, reason);
  await deliverNotices(app, notices);
  await context.leave();
  return turn.reply(outcome.notice, replyKeyboard([]));
}

const declineSteps: DialogStepHandler<DeclineState>[] = [reasonStep];

/** The decline dialog (F21): the reason, typed or none, then the author is told. */
export const materialDeclineDialog: DialogDefinition<DeclineState> = { slug: MATERIAL_DECLINE, steps: declineSteps };
