import { askClass } from '../src/features/shared/class-step.js';
import type { MeetingAudience } from '../src/domain/index.js';
import { readMeetingTime } from '../src/features/meetings/meeting-time.js';
import { audienceText, checkPlace, checkTitle, createMeeting, whenText } from '../src/features/meetings/plan-meeting.js';
import { regularClasses } from '../src/features/shared/class-ref.js';
import { replyKeyboard, type Button, cancelButton, sceneButton, type ButtonColor } from '../src/features/shared/keyboards.js';
import { sceneValue } from '../src/features/shared/payload.js';
import type { DialogContext, DialogDefinition, DialogStepHandler } from '../src/turn.js';
import { MEETING } from '../src/features/meetings/dialogs.js';
import { choiceProblem, sceneChoice } from '../src/features/shared/answers.js';

interface MeetingState extends Record<string, unknown> {
  title?: string;
  at?: number;
  /** null: skipped. */
  place?: string | null;
  audience?: 'deputies' | 'staff' | 'parents';
  classId?: string;
  classPage?: number;
}

type MeetingContext = DialogContext<MeetingState>;

const TITLE_STEP = 0;
const WHEN_STEP = 1;
const PLACE_STEP = 2;
const AUDIENCE_STEP = 3;
const CLASS_STEP = 4;
const CONFIRM_STEP = 5;
const button = (label: string, value: string, color?: ButtonColor): Button => sceneButton(MEETING, label, value, color);

/** Asks with these rows and «Отмена» under them (the problem with the last answer first). */
function ask(context: DialogContext<object>, text: string, rows: Button[][], problem?: string): Promise<unknown> {
  return context.turn.reply(problem ? `${problem}\n\n${text}` : text, replyKeyboard([...rows, [cancelButton(context.turn.t)]]));
}

/** Ends the dialog with a message and the keyboard hidden. */
async function finish(context: DialogContext<object>, text: string): Promise<unknown> {
  await context.turn.reply(text, replyKeyboard([]));
  return context.leave();
}

async function titleStep(context: MeetingContext): Promise<unknown> {
  const { t } = context.turn;
  if (context.firstTime) return ask(context, t('mt-ask-title'), []);
  if (context.hasPayload) return ask(context, t('mt-ask-title'), [], t('button-stale'));
  const checked = checkTitle(t, context.text);
  if (!checked.ok) return ask(context, t('mt-ask-title'), [], checked.problem);
  context.state.title = checked.text;
  return context.next();
}

async function whenStep(context: MeetingContext): Promise<unknown> {
  const { t } = context.turn;
  if (!context.state.title) return context.go(TITLE_STEP);
  const question = t('mt-ask-when');
  if (context.firstTime) return ask(context, question, []);
  const read = readMeetingTime(context);
  if (!read.ok) return ask(context, question, [], read.problem);
  context.state.at = read.at;
  return context.next();
}

async function placeStep(context: MeetingContext): Promise<unknown> {
  const { t } = context.turn;
  if (context.state.at === undefined) return context.go(WHEN_STEP);
  const rows = [[button(t('mt-btn-skip'), 'skip')]];
  if (context.firstTime) return ask(context, t('mt-ask-place'), rows);
  if (sceneValue(context.payload, MEETING) === 'skip') {
    context.state.place = null;
    return context.next();
  }
  if (context.hasPayload) return ask(context, t('mt-ask-place'), rows, t('button-stale'));
  const checked = checkPlace(t, context.text);
  if (!checked.ok) return ask(context, t('mt-ask-place'), rows, checked.problem);
  context.state.place = checked.text;
  return context.next();
}

async function audienceStep(context: MeetingContext): Promise<unknown> {
  const { t } = context.turn;
  if (context.state.place === undefined) return context.go(PLACE_STEP);
  const rows = [[button(t('mt-btn-deputies'), 'deputies', 'primary'), button(t('mt-btn-staff'), 'staff', 'primary')], [button(t('mt-btn-parents'), 'parents', 'primary')]];
  if (context.firstTime) return ask(context, t('mt-ask-audience'), rows);
  const pressed = sceneChoice(context.payload, MEETING, ['deputies', 'staff', 'parents']);
  if (!pressed) return ask(context, t('mt-ask-audience'), rows, choiceProblem(context));
  context.state.audience = pressed;
  delete context.state.classId;
  return pressed === 'parents' ? context.next() : context.go(CONFIRM_STEP);
}

async function classStep(context: MeetingContext): Promise<unknown> {
  const turn = context.turn;
  const { t } = turn;
  if (context.state.audience !== 'parents') return context.go(AUDIENCE_STEP);
  const classes = await regularClasses(turn.app);
  if (classes.length === 0) return finish(context, t('mt-no-classes'));
  const chosen = await askClass(context, MEETING, classes, t('mt-ask-class'), () => choiceProblem(context));
  if (!chosen) return undefined;
  context.state.classId = chosen.id;
  return context.next();
}

/** The audience chosen, or undefined when the state lacks it. */
function audienceOf(state: MeetingState): MeetingAudience | undefined {
  if (state.audience === 'deputies' || state.audience === 'staff') return { kind: state.audience };
  if (state.audience === 'parents' && state.classId) return { kind: 'parents', classId: state.classId };
  return undefined;
}

async function confirmStep(context: MeetingContext): Promise<unknown> {
  const turn = context.turn;
  const { t, app } = turn;
  const { title, at, place } = context.state;
  const audience = audienceOf(context.state);
  if (!title || at === undefined || place === undefined || !audience) return context.go(TITLE_STEP);
  const summary = [
    t('mt-confirm', { title }),
    t('mt-line-when', { when: whenText(app, turn, at) }),
    place ? t('mt-line-place', { place }) : t('mt-line-no-place'),
    t('mt-line-audience-plain', { audience: await audienceText(app, t, audience) }),
  ].join('\n');
  const rows = [[button(t('mt-btn-send'), 'send', 'positive')]];
  if (context.firstTime) return ask(context, summary, rows);
  if (sceneValue(context.payload, MEETING) !== 'send') return ask(context, summary, rows, choiceProblem(context));
  // The time may have passed while the dialog was open.
  if (at <= Date.now()) {
    await turn.reply(t('mt-time-past'));
    return context.go(WHEN_STEP);
  }
  const report = await createMeeting(app, turn, { title, at, place: place ?? undefined, audience });
  return finish(context, report);
}

function meetingSteps(): DialogStepHandler<MeetingState>[] {
  const steps: DialogStepHandler<MeetingState>[] = [];
  steps[TITLE_STEP] = titleStep;
  steps[WHEN_STEP] = whenStep;
  steps[PLACE_STEP] = placeStep;
  steps[AUDIENCE_STEP] = audienceStep;
  steps[CLASS_STEP] = classStep;
  steps[CONFIRM_STEP] = confirmStep;
  return steps;
}

/** The /meeting dialog (F22): title, time, place or link (or none), audience, then the invitations and reminders. */
export const meetingDialog: DialogDefinition<MeetingState> = { slug: MEETING, steps: meetingSteps() };
