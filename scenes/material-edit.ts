import { checkPostText } from '../src/features/channels/channels.js';
import { askWithCancel } from '../src/features/channels/compose-steps.js';
import { materialNumber } from '../src/domain/index.js';
import { publishMaterial } from '../src/features/materials/hand-in-material.js';
import { replyKeyboard, sceneButton, type Button, type ButtonColor } from '../src/features/shared/keyboards.js';
import { deliverNotices } from '../src/features/shared/notices.js';
import { sceneValue } from '../src/features/shared/payload.js';
import type { DialogContext, DialogDefinition, DialogStepHandler } from '../src/turn.js';
import { MATERIAL_EDIT, type MaterialStart } from '../src/features/materials/dialogs.js';
import { choiceProblem } from '../src/features/shared/answers.js';

interface EditState extends Partial<MaterialStart>, Record<string, unknown> {
  text?: string;
}

type EditContext = DialogContext<EditState>;

const TEXT_STEP = 0;
const button = (label: string, value: string, color?: ButtonColor): Button => sceneButton(MATERIAL_EDIT, label, value, color);

/** Ends the dialog with a message and the keyboard hidden. */
async function finish(context: EditContext, text: string): Promise<unknown> {
  await context.leave();
  return context.turn.reply(text, replyKeyboard([]));
}

/** The material this dialog is about, while it still waits for a decision. */
async function pendingMaterial(context: EditContext) {
  const id = context.state.materialId;
  const material = id ? await context.turn.app.services.materials.get(id) : undefined;
  return material?.status === 'pending' ? material : undefined;
}

/** The text as it is now (a message of its own, to copy and change), then the edited one, checked and never cut. */
async function textStep(context: EditContext): Promise<unknown> {
  const { t } = context.turn;
  const material = await pendingMaterial(context);
  if (!material) return finish(context, t('mat-not-pending'));
  const question = t('mat-edit-ask', { id: materialNumber(material.id) });
  if (context.firstTime) {
    await context.turn.reply(t('mat-edit-current', { id: materialNumber(material.id) }));
    // The text as it is now, with its photos and documents (they stay with the edited text).
    await context.turn.app.messenger.send(context.chat, { text: context.state.text ?? material.text, attachment: material.attachment });
    return askWithCancel(context, question, []);
  }
  if (context.hasPayload) return askWithCancel(context, question, [], t('button-stale'));
  const checked = checkPostText(t, context.text);
  if (!checked.ok) return askWithCancel(context, question, [], checked.problem);
  context.state.text = checked.text;
  return context.next();
}

/** The preview, exactly as it will go out, with «Опубликовать» and «Изменить ещё раз». */
async function confirmStep(context: EditContext): Promise<unknown> {
  const turn = context.turn;
  const { t, app } = turn;
  const { materialId: id, text } = context.state;
  if (!id || !text) return context.go(TEXT_STEP);
  const question = t('mat-edit-confirm', { id: materialNumber(id) });
  const rows = [[button(t('mat-btn-publish'), 'publish', 'positive'), button(t('mat-btn-edit-again'), 'again')]];
  if (context.firstTime) {
    const material = await pendingMaterial(context);
    await app.messenger.send(context.chat, { text, attachment: material?.attachment });
    return askWithCancel(context, question, rows);
  }
  const pressed = sceneValue(context.payload, MATERIAL_EDIT);
  if (pressed === 'again') return context.go(TEXT_STEP);
  if (pressed !== 'publish') return askWithCancel(context, question, rows, choiceProblem(context));
  const { outcome, notices } = await publishMaterial(app, turn, id, text);
  await deliverNotices(app, notices);
  await finish(context, outcome.notice);
  if (outcome.report) await turn.reply(outcome.report);
  return undefined;
}

const editSteps: DialogStepHandler<EditState>[] = [textStep, confirmStep];

/** The «Изменить и опубликовать» dialog (F21): the edited text, its preview, then the post and the author told. */
export const materialEditDialog: DialogDefinition<EditState> = { slug: MATERIAL_EDIT, steps: editSteps };
