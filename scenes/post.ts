import type { Dialogs } from '../src/messenger/dialogs.js';
import { audienceText, channelName, publishPost, quietNotice } from '../src/features/channels/channels.js';
import { answerProblem, askWithCancel, composeSteps, type ComposeState } from '../src/features/channels/compose-steps.js';
import { replyKeyboard, type Button, sceneButton, type ButtonColor } from '../src/features/shared/keyboards.js';
import { sceneValue } from '../src/features/shared/payload.js';
import type { DialogContext, DialogDefinition, DialogStepHandler } from '../src/turn.js';

/** Scene id of the post dialog (F12): channel → text → preview and pinning → confirm (asking for an acknowledgement or not). */
export const POST = 'post';

interface PostState extends ComposeState {
  pin?: boolean;
  /** The copies ask for an acknowledgement («Ознакомлен(а)»); off unless pressed. */
  ack?: boolean;
}

type PostContext = DialogContext<PostState>;

const CHANNEL_STEP = 0;
const TEXT_STEP = 1;
const PIN_STEP = 2;
const CONFIRM_STEP = 3;
const button = (label: string, value: string, color?: ButtonColor): Button => sceneButton(POST, label, value, color);

/** Ends the dialog with a message and the keyboard hidden. */
async function finish(context: PostContext, text: string): Promise<unknown> {
  await context.turn.reply(text, replyKeyboard([]));
  return context.leave();
}

async function pinStep(context: PostContext): Promise<unknown> {
  const turn = context.turn;
  const { t } = turn;
  const { kind, text, attachment } = context.state;
  if (!kind || text === undefined) return context.go(TEXT_STEP);
  const rows = [[button(t('ch-btn-pin'), 'pin', 'primary'), button(t('ch-btn-no-pin'), 'no-pin')]];
  const question = t('ch-post-ask-pin');
  if (context.firstTime) {
    // The preview: the text and its photos and documents exactly as the chat and the private copies get them.
    await turn.app.messenger.send(context.chat, { text, attachment });
    return askWithCancel(context, question, rows);
  }
  const pressed = sceneValue(context.payload, POST);
  if (pressed !== 'pin' && pressed !== 'no-pin') return askWithCancel(context, question, rows, answerProblem(context, t));
  context.state.pin = pressed === 'pin';
  return context.next();
}

async function confirmStep(context: PostContext): Promise<unknown> {
  const turn = context.turn;
  const { t } = turn;
  const { kind, text, pin, attachment } = context.state;
  if (!kind || text === undefined || pin === undefined) return context.go(CHANNEL_STEP);
  // In the quiet hours students and parents get the post in the morning, unless it is sent as urgent.
  const quiet = quietNotice(turn.app, t);
  const question = (): { summary: string; rows: Button[][] } => {
    const ack = context.state.ack === true;
    const summary = [
      t('ch-post-confirm', { channel: channelName(t, kind), pin: pin ? 'yes' : 'no', audience: audienceText(t, kind), length: text.length }),
      ...(attachment ? [t('ch-post-attachments', { count: attachment.split(',').length })] : []),
      t('ack-confirm-line', { ack: ack ? 'yes' : 'no' }),
      ...(quiet ? ['', quiet] : []),
    ].join('\n');
    const rows = [
      [button(t('ch-btn-send'), 'send', 'positive'), button(t('ch-btn-edit'), 'edit')],
      [ack ? button(t('ack-btn-ask-off'), 'ack-off') : button(t('ack-btn-ask-on'), 'ack-on')],
      ...(quiet ? [[button(t('dl-btn-urgent'), 'urgent', 'negative')]] : []),
    ];
    return { summary, rows };
  };
  const ask = (problem?: string) => {
    const { summary, rows } = question();
    return askWithCancel(context, summary, rows, problem);
  };
  if (context.firstTime) return ask();
  const pressed = sceneValue(context.payload, POST);
  if (pressed === 'edit') return context.go(TEXT_STEP);
  if (pressed === 'ack-on' || pressed === 'ack-off') {
    context.state.ack = pressed === 'ack-on';
    return ask();
  }
  if (pressed !== 'send' && pressed !== 'urgent') return ask(answerProblem(context, t));
  return finish(context, await publishPost(turn.app, turn, { kind, text, pin, urgent: pressed === 'urgent', ack: context.state.ack === true, attachment }));
}

/** Opens the post dialog at its first question. */
export function enterPost(dialogs: Dialogs): Promise<unknown> {
  return dialogs.enter(POST, { state: {} });
}

function postSteps(): DialogStepHandler<PostState>[] {
  const steps: DialogStepHandler<PostState>[] = [];
  [steps[CHANNEL_STEP], steps[TEXT_STEP]] = composeSteps<PostState>(POST, {
    noneBound: 'ch-post-none-bound',
    askChannel: 'ch-post-ask-channel',
    askText: (t, kind) => t('ch-post-ask-text', { channel: channelName(t, kind) }),
    attachments: true,
  });
  steps[PIN_STEP] = pinStep;
  steps[CONFIRM_STEP] = confirmStep;
  return steps;
}

/** The /post dialog (F12): a bound channel with buttons, the text (checked, never cut), the preview and pinning, then the post. */
export const postDialog: DialogDefinition<PostState> = { slug: POST, steps: postSteps() };
