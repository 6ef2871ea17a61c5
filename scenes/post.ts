import { audienceText, channelName, publishPost, quietNotice } from '../src/features/channels/channels.js';
import { askWithCancel, composeSteps, type ComposeState } from '../src/features/channels/compose-steps.js';
import { replyKeyboard, type Button, sceneButton, type ButtonColor } from '../src/features/shared/keyboards.js';
import { sceneValue } from '../src/features/shared/payload.js';
import { askTime, type TimeStepState } from '../src/features/shared/time-step.js';
import { schedulePost, scheduledQuietNotice, whenText } from '../src/features/channels/scheduled-posts.js';
import type { DialogContext, DialogDefinition, DialogStepHandler } from '../src/turn.js';
import { POST } from '../src/features/channels/dialogs.js';
import { choiceProblem, sceneChoice } from '../src/features/shared/answers.js';

interface PostState extends ComposeState, TimeStepState {
  pin?: boolean;
  /** The copies ask for an acknowledgement («Ознакомлен(а)»); off unless pressed. */
  ack?: boolean;
  /** When the post goes (ms); none: now. */
  at?: number;
}

type PostContext = DialogContext<PostState>;

const CHANNEL_STEP = 0;
const TEXT_STEP = 1;
const PIN_STEP = 2;
const WHEN_STEP = 3;
const SCHEDULE_STEP = 4;
const CONFIRM_STEP = 5;
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
  const pressed = sceneChoice(context.payload, POST, ['pin', 'no-pin']);
  if (!pressed) return askWithCancel(context, question, rows, choiceProblem(context));
  context.state.pin = pressed === 'pin';
  return context.next();
}

/** «Когда отправить?»: «Сейчас», or «Запланировать» (then the time). */
async function whenStep(context: PostContext): Promise<unknown> {
  const { t } = context.turn;
  if (context.state.pin === undefined) return context.go(PIN_STEP);
  const rows = [[button(t('sp-btn-now'), 'now', 'positive'), button(t('sp-btn-later'), 'later', 'primary')]];
  const question = t('sp-ask-when');
  if (context.firstTime) return askWithCancel(context, question, rows);
  const pressed = sceneValue(context.payload, POST);
  if (pressed === 'now') {
    delete context.state.at;
    return context.go(CONFIRM_STEP);
  }
  if (pressed !== 'later') return askWithCancel(context, question, rows, choiceProblem(context));
  return context.go(SCHEDULE_STEP);
}

/** The time a scheduled post goes: «Сегодня»/«Завтра» and the time, or a date and time typed (the school's time zone; the past refused). */
async function scheduleStep(context: PostContext): Promise<unknown> {
  if (context.state.pin === undefined) return context.go(PIN_STEP);
  const at = await askTime(context, POST, context.turn.t('sp-ask-time'));
  if (at === undefined) return undefined;
  context.state.at = at;
  return context.go(CONFIRM_STEP);
}

async function confirmStep(context: PostContext): Promise<unknown> {
  const turn = context.turn;
  const { t } = turn;
  const { kind, text, pin, attachment } = context.state;
  if (!kind || text === undefined || pin === undefined) return context.go(CHANNEL_STEP);
  if (context.state.at !== undefined) return confirmScheduled(context, { kind, text, pin, at: context.state.at, attachment });
  // In the quiet hours students and parents get the post in the morning, unless it is sent as urgent.
  const quiet = quietNotice(turn.app, t);
  const question = (): { summary: string; rows: Button[][] } => {
    const ack = context.state.ack === true;
    const summary = [
      t('ch-post-confirm', { channel: channelName(t, kind), pin: pin ? 'yes' : 'no', audience: audienceText(t, kind), length: text.length }),
      ...(attachment ? [t('ch-post-attachments', { count: attachment.split(',').length })] : []),
      t('ack-confirm-line', { ack: ack ? 'yes' : 'no' }),
      t('sp-confirm-now'),
      ...(quiet ? ['', quiet] : []),
      '',
      t('ch-post-ask-send'),
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
  if (pressed !== 'send' && pressed !== 'urgent') return ask(choiceProblem(context));
  return finish(context, await publishPost(turn.app, turn, { kind, text, pin, urgent: pressed === 'urgent', ack: context.state.ack === true, attachment }));
}

/** The confirmation of a post that goes later: the summary states the time; «Запланировать» keeps it and schedules its job. */
async function confirmScheduled(context: PostContext, request: { kind: NonNullable<PostState['kind']>; text: string; pin: boolean; at: number; attachment?: string | undefined }): Promise<unknown> {
  const turn = context.turn;
  const { t, app } = turn;
  const { kind, text, pin, at, attachment } = request;
  // A time in the quiet hours: students and parents get it at their end, unless it is scheduled as urgent.
  const quiet = scheduledQuietNotice(app, t, at);
  const ask = (problem?: string) => {
    const ack = context.state.ack === true;
    const summary = [
      t('ch-post-confirm', { channel: channelName(t, kind), pin: pin ? 'yes' : 'no', audience: audienceText(t, kind), length: text.length }),
      ...(attachment ? [t('ch-post-attachments', { count: attachment.split(',').length })] : []),
      t('ack-confirm-line', { ack: ack ? 'yes' : 'no' }),
      t('sp-confirm-at', { when: whenText(app, turn, at) }),
      ...(quiet ? ['', quiet] : []),
      '',
      t('sp-post-ask-schedule'),
    ].join('\n');
    const rows = [
      [button(t('sp-btn-schedule'), 'schedule', 'positive'), button(t('ch-btn-edit'), 'edit')],
      [button(t('sp-btn-other-time'), 'when'), ack ? button(t('ack-btn-ask-off'), 'ack-off') : button(t('ack-btn-ask-on'), 'ack-on')],
      ...(quiet ? [[button(t('dl-btn-urgent'), 'urgent', 'negative')]] : []),
    ];
    return askWithCancel(context, summary, rows, problem);
  };
  if (context.firstTime) return ask();
  const pressed = sceneValue(context.payload, POST);
  if (pressed === 'edit') return context.go(TEXT_STEP);
  if (pressed === 'when') return context.go(WHEN_STEP);
  if (pressed === 'ack-on' || pressed === 'ack-off') {
    context.state.ack = pressed === 'ack-on';
    return ask();
  }
  if (pressed !== 'schedule' && !(pressed === 'urgent' && quiet)) return ask(choiceProblem(context));
  // The time may have passed while the dialog was open.
  if (at <= Date.now()) {
    await turn.reply(t('bc-time-past'));
    return context.go(SCHEDULE_STEP);
  }
  return finish(context, await schedulePost(app, turn, { kind, text, pin, at, urgent: pressed === 'urgent', attachment, ack: context.state.ack === true }));
}

function postSteps(): DialogStepHandler<PostState>[] {
  const steps: DialogStepHandler<PostState>[] = [];
  [steps[CHANNEL_STEP], steps[TEXT_STEP]] = composeSteps<PostState>(POST, {
    noneBound: 'ch-post-none-bound',
    askChannel: 'ch-post-ask-channel',
    askText: (t, kind) => t('ch-post-ask-text', { kind, channel: channelName(t, kind) }),
    attachments: true,
  });
  steps[PIN_STEP] = pinStep;
  steps[WHEN_STEP] = whenStep;
  steps[SCHEDULE_STEP] = scheduleStep;
  steps[CONFIRM_STEP] = confirmStep;
  return steps;
}

/** The /post dialog (F12): a bound channel with buttons, the text (checked, never cut), the preview and pinning, now or a time, then the post (or its schedule). */
export const postDialog: DialogDefinition<PostState> = { slug: POST, steps: postSteps() };
