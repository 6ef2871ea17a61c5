import type { Dialogs } from '../src/messenger/dialogs.js';
import type { Translate } from '../src/i18n.js';
import type { ChannelKind } from '../src/domain/index.js';
import { audienceText, channelName, checkPostText, parseChannelKind, postChannels, publishPost } from '../src/features/channels/channels.js';
import { replyKeyboard, type Button, cancelButton, sceneButton, type ButtonColor } from '../src/features/shared/keyboards.js';
import { sceneValue } from '../src/features/shared/payload.js';
import type { DialogContext, DialogDefinition, DialogStepHandler } from '../src/turn.js';

/** Scene id of the post dialog (F12): channel → text → preview and pinning → confirm. */
export const POST = 'post';

interface PostState extends Record<string, unknown> {
  kind?: ChannelKind;
  text?: string;
  pin?: boolean;
}

type PostContext = DialogContext<PostState>;

const CHANNEL_STEP = 0;
const TEXT_STEP = 1;
const PIN_STEP = 2;
const CONFIRM_STEP = 3;
const button = (label: string, value: string, color?: ButtonColor): Button => sceneButton(POST, label, value, color);

/** Why the answer was refused: a stale button, an empty answer, a command, or not one of the choices. */
function problemOf(context: PostContext, t: Translate): string {
  if (context.hasPayload) return t('button-stale');
  if (!context.text.trim()) return t('invalid-empty');
  if (context.text.trim().startsWith('/')) return t('invalid-command');
  return t('invalid-choice');
}

/** Asks with these rows and «Отмена» under them (the problem with the last answer first). */
function ask(context: PostContext, text: string, rows: Button[][], problem?: string): Promise<unknown> {
  return context.turn.reply(problem ? `${problem}\n\n${text}` : text, replyKeyboard([...rows, [cancelButton(context.turn.t)]]));
}

/** Ends the dialog with a message and the keyboard hidden. */
async function finish(context: PostContext, text: string): Promise<unknown> {
  await context.turn.reply(text, replyKeyboard([]));
  return context.leave();
}

async function channelStep(context: PostContext): Promise<unknown> {
  const { t, app } = context.turn;
  const channels = await postChannels(app);
  if (channels.length === 0) return finish(context, t('ch-post-none-bound'));
  const rows = [channels.map((c) => button(t('ch-btn-channel', { kind: c.kind }), c.kind, 'primary'))];
  const question = t('ch-post-ask-channel');
  if (context.firstTime) return ask(context, question, rows);
  const pressed = sceneValue(context.payload, POST) ?? (context.hasPayload ? undefined : parseChannelKind(context.text));
  const chosen = channels.find((c) => c.kind === pressed);
  if (!chosen) return ask(context, question, rows, problemOf(context, t));
  context.state.kind = chosen.kind;
  return context.next();
}

async function textStep(context: PostContext): Promise<unknown> {
  const { t } = context.turn;
  const { kind } = context.state;
  if (!kind) return context.go(CHANNEL_STEP);
  const question = t('ch-post-ask-text', { channel: channelName(t, kind) });
  if (context.firstTime) return ask(context, question, []);
  if (context.hasPayload) return ask(context, question, [], t('button-stale'));
  const checked = checkPostText(t, context.text);
  if (!checked.ok) return ask(context, question, [], checked.problem);
  context.state.text = checked.text;
  return context.next();
}

async function pinStep(context: PostContext): Promise<unknown> {
  const turn = context.turn;
  const { t } = turn;
  const { kind, text } = context.state;
  if (!kind || !text) return context.go(TEXT_STEP);
  const rows = [[button(t('ch-btn-pin'), 'pin', 'primary'), button(t('ch-btn-no-pin'), 'no-pin')]];
  const question = t('ch-post-ask-pin');
  if (context.firstTime) {
    // The preview: the text exactly as the chat and the private copies get it.
    await turn.reply(text);
    return ask(context, question, rows);
  }
  const pressed = sceneValue(context.payload, POST);
  if (pressed !== 'pin' && pressed !== 'no-pin') return ask(context, question, rows, problemOf(context, t));
  context.state.pin = pressed === 'pin';
  return context.next();
}

async function confirmStep(context: PostContext): Promise<unknown> {
  const turn = context.turn;
  const { t } = turn;
  const { kind, text, pin } = context.state;
  if (!kind || !text || pin === undefined) return context.go(CHANNEL_STEP);
  const summary = t('ch-post-confirm', { channel: channelName(t, kind), pin: pin ? 'yes' : 'no', audience: audienceText(t, kind), length: text.length });
  const rows = [[button(t('ch-btn-send'), 'send', 'positive'), button(t('ch-btn-edit'), 'edit')]];
  if (context.firstTime) return ask(context, summary, rows);
  const pressed = sceneValue(context.payload, POST);
  if (pressed === 'edit') return context.go(TEXT_STEP);
  if (pressed !== 'send') return ask(context, summary, rows, problemOf(context, t));
  return finish(context, await publishPost(turn.app, turn, { kind, text, pin }));
}

/** Opens the post dialog at its first question. */
export function enterPost(dialogs: Dialogs): Promise<unknown> {
  return dialogs.enter(POST, { state: {} });
}

function postSteps(): DialogStepHandler<PostState>[] {
  const steps: DialogStepHandler<PostState>[] = [];
  steps[CHANNEL_STEP] = channelStep;
  steps[TEXT_STEP] = textStep;
  steps[PIN_STEP] = pinStep;
  steps[CONFIRM_STEP] = confirmStep;
  return steps;
}

/** The /post dialog (F12): a bound channel with buttons, the text (checked, never cut), the preview and pinning, then the post. */
export const postDialog: DialogDefinition<PostState> = { slug: POST, steps: postSteps() };
