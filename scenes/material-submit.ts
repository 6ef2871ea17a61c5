import type { Dialogs } from '../src/messenger/dialogs.js';
import type { Translate } from '../src/i18n.js';
import type { ChannelKind } from '../src/domain/index.js';
import { checkPostText, parseChannelKind, postChannels } from '../src/features/channels/channels.js';
import { handInMaterial } from '../src/features/materials/hand-in-material.js';
import { cancelButton, replyKeyboard, sceneButton, type Button, type ButtonColor } from '../src/features/shared/keyboards.js';
import { deliverNotices } from '../src/features/shared/notices.js';
import { sceneValue } from '../src/features/shared/payload.js';
import type { DialogContext, DialogDefinition, DialogStepHandler } from '../src/turn.js';

/** Scene id of the «hand material in» dialog (F21): channel → text → preview → send to the admins. */
export const MATERIAL_SUBMIT = 'mat-submit';

interface SubmitState extends Record<string, unknown> {
  kind?: ChannelKind;
  text?: string;
}

type SubmitContext = DialogContext<SubmitState>;

const CHANNEL_STEP = 0;
const TEXT_STEP = 1;
const CONFIRM_STEP = 2;
const button = (label: string, value: string, color?: ButtonColor): Button => sceneButton(MATERIAL_SUBMIT, label, value, color);

function problemOf(context: SubmitContext, t: Translate): string {
  if (context.hasPayload) return t('button-stale');
  if (!context.text) return t('invalid-empty');
  return t('invalid-choice');
}

function ask(context: SubmitContext, text: string, rows: Button[][], problem?: string): Promise<unknown> {
  return context.turn.reply(problem ? `${problem}\n\n${text}` : text, replyKeyboard([...rows, [cancelButton(context.turn.t)]]));
}

async function channelStep(context: SubmitContext): Promise<unknown> {
  const { t, app } = context.turn;
  const channels = await postChannels(app);
  if (channels.length === 0) {
    await context.turn.reply(t('mat-none-bound'), replyKeyboard([]));
    return context.leave();
  }
  const rows = [channels.map((c) => button(t('ch-btn-channel', { kind: c.kind }), c.kind, 'primary'))];
  const question = t('mat-ask-channel');
  if (context.firstTime) return ask(context, question, rows);
  const pressed = sceneValue(context.payload, MATERIAL_SUBMIT) ?? (context.hasPayload ? undefined : parseChannelKind(context.text));
  const chosen = channels.find((c) => c.kind === pressed);
  if (!chosen) return ask(context, question, rows, problemOf(context, t));
  context.state.kind = chosen.kind;
  return context.next();
}

async function textStep(context: SubmitContext): Promise<unknown> {
  const { t } = context.turn;
  const { kind } = context.state;
  if (!kind) return context.go(CHANNEL_STEP);
  const question = t('mat-ask-text', { kind });
  if (context.firstTime) return ask(context, question, []);
  if (context.hasPayload) return ask(context, question, [], t('button-stale'));
  const checked = checkPostText(t, context.text);
  if (!checked.ok) return ask(context, question, [], checked.problem);
  context.state.text = checked.text;
  return context.next();
}

async function confirmStep(context: SubmitContext): Promise<unknown> {
  const turn = context.turn;
  const { t } = turn;
  const { kind, text } = context.state;
  if (!kind || !text) return context.go(CHANNEL_STEP);
  const rows = [[button(t('mat-btn-send'), 'send', 'positive'), button(t('ch-btn-edit'), 'edit')]];
  const question = t('mat-confirm', { kind });
  if (context.firstTime) {
    // The preview: the text as the channel would get it.
    await turn.reply(text);
    return ask(context, question, rows);
  }
  const pressed = sceneValue(context.payload, MATERIAL_SUBMIT);
  if (pressed === 'edit') return context.go(TEXT_STEP);
  if (pressed !== 'send') return ask(context, question, rows, problemOf(context, t));
  const { outcome, notices } = await handInMaterial(turn.app, turn, kind, text);
  await deliverNotices(turn.app, notices);
  await turn.reply(outcome, replyKeyboard([]));
  return context.leave();
}

/** Opens the dialog at its first question. */
export function enterMaterialSubmit(dialogs: Dialogs): Promise<unknown> {
  return dialogs.enter(MATERIAL_SUBMIT, { state: {} });
}

function submitSteps(): DialogStepHandler<SubmitState>[] {
  const steps: DialogStepHandler<SubmitState>[] = [];
  steps[CHANNEL_STEP] = channelStep;
  steps[TEXT_STEP] = textStep;
  steps[CONFIRM_STEP] = confirmStep;
  return steps;
}

/** The /submit dialog (F21): a bound channel, the text (checked, never cut), the preview, then to the admins. */
export const materialSubmitDialog: DialogDefinition<SubmitState> = { slug: MATERIAL_SUBMIT, steps: submitSteps() };
