import { askClass } from '../src/features/shared/class-step.js';
import { regularClasses } from '../src/features/shared/class-ref.js';
import { askTime, type TimeStepState } from '../src/features/shared/time-step.js';
import { replyKeyboard, type Button, cancelButton, sceneButton, type ButtonColor } from '../src/features/shared/keyboards.js';
import { sceneValue } from '../src/features/shared/payload.js';
import { checkLink, checkTitle } from '../src/features/broadcasts/event-input.js';
import { reminderOffsets } from '../src/features/broadcasts/event-reminders.js';
import { announcementText, audienceText, remindersText } from '../src/features/broadcasts/event-texts.js';
import { announceBroadcast, channelKindOf, channelOf, type BroadcastTarget } from '../src/features/broadcasts/plan-broadcast.js';
import type { DialogContext, DialogDefinition, DialogStepHandler } from '../src/turn.js';
import { BROADCAST, type BroadcastStart } from '../src/features/broadcasts/dialogs.js';
import { choiceProblem } from '../src/features/shared/answers.js';

interface BroadcastState extends Partial<BroadcastStart>, TimeStepState, Record<string, unknown> {
  title?: string;
  at?: number;
  link?: string;
  audience?: 'school' | 'staff' | 'class';
  classId?: string;
  classPage?: number;
  /** The channel is not bound and the organiser chose private copies for everyone. */
  privately?: boolean;
}

type BroadcastContext = DialogContext<BroadcastState>;

const TITLE_STEP = 0;
const WHEN_STEP = 1;
const LINK_STEP = 2;
const AUDIENCE_STEP = 3;
const CLASS_STEP = 4;
const UNBOUND_STEP = 5;
const CONFIRM_STEP = 6;
const button = (label: string, value: string, color?: ButtonColor): Button => sceneButton(BROADCAST, label, value, color);

/** Asks with these rows and «Отмена» under them (the problem with the last answer first). */
function ask(context: DialogContext<object>, text: string, rows: Button[][], problem?: string): Promise<unknown> {
  return context.turn.reply(problem ? `${problem}\n\n${text}` : text, replyKeyboard([...rows, [cancelButton(context.turn.t)]]));
}

/** Ends the dialog with a message and the keyboard hidden. */
async function finish(context: DialogContext<object>, text: string): Promise<unknown> {
  await context.turn.reply(text, replyKeyboard([]));
  return context.leave();
}

const kindOf = (state: BroadcastState): 'broadcast' | 'webinar' => state.kind ?? 'broadcast';

async function titleStep(context: BroadcastContext): Promise<unknown> {
  const { t } = context.turn;
  const question = t('bc-ask-title', { kind: kindOf(context.state) });
  if (context.firstTime) return ask(context, question, []);
  if (context.hasPayload) return ask(context, question, [], t('button-stale'));
  const checked = checkTitle(t, context.text);
  if (!checked.ok) return ask(context, question, [], checked.problem);
  context.state.title = checked.value;
  return context.next();
}

async function whenStep(context: BroadcastContext): Promise<unknown> {
  if (!context.state.title) return context.go(TITLE_STEP);
  const at = await askTime(context, BROADCAST, context.turn.t('bc-ask-when'));
  if (at === undefined) return undefined;
  context.state.at = at;
  return context.next();
}

async function linkStep(context: BroadcastContext): Promise<unknown> {
  const { t } = context.turn;
  if (context.state.at === undefined) return context.go(WHEN_STEP);
  const question = t('bc-ask-link', { kind: kindOf(context.state) });
  if (context.firstTime) return ask(context, question, []);
  if (context.hasPayload) return ask(context, question, [], t('button-stale'));
  const checked = checkLink(t, context.text);
  if (!checked.ok) return ask(context, question, [], checked.problem);
  context.state.link = checked.value;
  return context.next();
}

/** Goes on from a school or staff audience: to the confirmation when its channel is bound, else to the question what to do. */
async function afterChannelAudience(context: BroadcastContext, audience: 'school' | 'staff'): Promise<unknown> {
  context.state.audience = audience;
  context.state.privately = false;
  delete context.state.classId;
  const bound = await channelOf(context.turn.app, { kind: audience });
  return context.go(bound ? CONFIRM_STEP : UNBOUND_STEP);
}

async function audienceStep(context: BroadcastContext): Promise<unknown> {
  const { t } = context.turn;
  if (!context.state.link) return context.go(LINK_STEP);
  // A webinar is for the staff: no question.
  if (kindOf(context.state) === 'webinar') return afterChannelAudience(context, 'staff');
  const rows = [[button(t('bc-btn-school'), 'school', 'primary'), button(t('bc-btn-staff'), 'staff', 'primary')], [button(t('bc-btn-class'), 'class', 'primary')]];
  if (context.firstTime) return ask(context, t('bc-ask-audience'), rows);
  const pressed = sceneValue(context.payload, BROADCAST);
  if (pressed === 'school' || pressed === 'staff') return afterChannelAudience(context, pressed);
  if (pressed !== 'class') return ask(context, t('bc-ask-audience'), rows, choiceProblem(context));
  context.state.audience = 'class';
  context.state.privately = true;
  return context.go(CLASS_STEP);
}

async function classStep(context: BroadcastContext): Promise<unknown> {
  const turn = context.turn;
  const { t } = turn;
  if (context.state.audience !== 'class') return context.go(AUDIENCE_STEP);
  const classes = await regularClasses(turn.app);
  if (classes.length === 0) {
    await turn.reply(t('bc-no-classes'));
    return context.go(AUDIENCE_STEP);
  }
  const chosen = await askClass(context, BROADCAST, classes, t('bc-ask-class'), () => choiceProblem(context));
  if (!chosen) return undefined;
  context.state.classId = chosen.id;
  return context.go(CONFIRM_STEP);
}

/** The channel is not bound: private copies to everyone, or (a broadcast) another audience. */
async function unboundStep(context: BroadcastContext): Promise<unknown> {
  const { t } = context.turn;
  const audience = context.state.audience;
  if (audience !== 'school' && audience !== 'staff') return context.go(AUDIENCE_STEP);
  const rows = [[button(t('bc-btn-privately'), 'private', 'positive')]];
  if (kindOf(context.state) === 'broadcast') rows.push([button(t('bc-btn-other-audience'), 'back')]);
  const question = t('bc-channel-unbound', { channel: audience });
  if (context.firstTime) return ask(context, question, rows);
  const pressed = sceneValue(context.payload, BROADCAST);
  if (pressed === 'back' && kindOf(context.state) === 'broadcast') return context.go(AUDIENCE_STEP);
  if (pressed !== 'private') return ask(context, question, rows, choiceProblem(context));
  context.state.privately = true;
  return context.go(CONFIRM_STEP);
}

/** The audience chosen, or undefined when the state lacks it. */
function audienceOf(state: BroadcastState): BroadcastTarget | undefined {
  if (state.audience === 'school' || state.audience === 'staff') return { kind: state.audience };
  if (state.audience === 'class' && state.classId) return { kind: 'class', classId: state.classId };
  return undefined;
}

async function confirmStep(context: BroadcastContext): Promise<unknown> {
  const turn = context.turn;
  const { t, app } = turn;
  const { title, at, link } = context.state;
  const kind = kindOf(context.state);
  const audience = audienceOf(context.state);
  if (!title || at === undefined || !link || !audience) return context.go(TITLE_STEP);
  const privately = context.state.privately === true || channelKindOf(audience) === undefined;
  const reminders = reminderOffsets(app, kind).filter((before) => at - before > Date.now());
  const summary = [
    t('bc-confirm'),
    '',
    announcementText(app, turn, { kind, title, at, link }),
    '',
    t('bc-confirm-to', { audience: await audienceText(app, t, audience, privately) }),
    reminders.length > 0 ? t('bc-confirm-reminders', { list: remindersText(t, reminders) }) : t('bc-report-no-reminders'),
  ].join('\n');
  const rows = [[button(t('bc-btn-announce'), 'send', 'positive')]];
  if (context.firstTime) return ask(context, summary, rows);
  if (sceneValue(context.payload, BROADCAST) !== 'send') return ask(context, summary, rows, choiceProblem(context));
  // The time may have passed while the dialog was open.
  if (at <= Date.now()) {
    await turn.reply(t('bc-time-past'));
    return context.go(WHEN_STEP);
  }
  return finish(context, await announceBroadcast(app, turn, { kind, title, at, link, audience, privately: context.state.privately === true }));
}

function broadcastSteps(): DialogStepHandler<BroadcastState>[] {
  const steps: DialogStepHandler<BroadcastState>[] = [];
  steps[TITLE_STEP] = titleStep;
  steps[WHEN_STEP] = whenStep;
  steps[LINK_STEP] = linkStep;
  steps[AUDIENCE_STEP] = audienceStep;
  steps[CLASS_STEP] = classStep;
  steps[UNBOUND_STEP] = unboundStep;
  steps[CONFIRM_STEP] = confirmStep;
  return steps;
}

/** The /broadcast and /webinar dialog (F13, F31): title, time, link, audience (a webinar's is the staff), the preview, then the announcement and reminders. */
export const broadcastDialog: DialogDefinition<BroadcastState> = { slug: BROADCAST, steps: broadcastSteps() };

