import { askClass } from '../src/features/shared/class-step.js';
import type { Dialogs } from '../src/messenger/dialogs.js';
import type { Translate } from '../src/i18n.js';
import {
  chatClasses,
  chatSubjects,
  checkTitle,
  createStudyChat,
  existingChat,
  existingChatText,
  findSubject,
  proposedTitle,
} from '../src/features/study-chats/create-study-chat.js';
import { subjectName } from '../src/features/onboarding/subjects.js';
import { replyKeyboard, type Button, cancelButton, sceneButton, type ButtonColor } from '../src/features/shared/keyboards.js';
import { sceneValue } from '../src/features/shared/payload.js';
import type { DialogContext, DialogDefinition, DialogStepHandler } from '../src/turn.js';

/** Scene id of the study chat dialog (F25): class → subject → who gets the link → title and confirm. */
export const STUDY_CHAT = 'study-chat';

interface StudyChatState extends Record<string, unknown> {
  classId?: string;
  className?: string;
  subject?: string;
  /** Whether the parents get the link too. */
  parents?: boolean;
  title?: string;
  /** The page of class buttons shown. */
  classPage?: number;
}

type StudyChatContext = DialogContext<StudyChatState>;

const CLASS_STEP = 0;
const SUBJECT_STEP = 1;
const AUDIENCE_STEP = 2;
const CONFIRM_STEP = 3;
const TITLE_STEP = 4;
const button = (label: string, value: string, color?: ButtonColor): Button => sceneButton(STUDY_CHAT, label, value, color);

/** Why the answer was refused: a stale button, an empty answer, a command, or not one of the choices. */
function problemOf(context: StudyChatContext, t: Translate): string {
  if (context.hasPayload) return t('button-stale');
  if (!context.text.trim()) return t('invalid-empty');
  if (context.text.trim().startsWith('/')) return t('invalid-command');
  return t('invalid-choice');
}

/** Asks with exactly these rows of buttons (the problem with the last answer first). */
function askWith(context: StudyChatContext, text: string, rows: Button[][], problem?: string): Promise<unknown> {
  return context.turn.reply(problem ? `${problem}\n\n${text}` : text, replyKeyboard(rows));
}

/** Asks with these rows and «Отмена» under them. */
function ask(context: StudyChatContext, text: string, rows: Button[][], problem?: string): Promise<unknown> {
  return askWith(context, text, [...rows, [cancelButton(context.turn.t)]], problem);
}

/** Ends the dialog with a message and the keyboard hidden. */
async function finish(context: StudyChatContext, text: string): Promise<unknown> {
  await context.turn.reply(text, replyKeyboard([]));
  return context.leave();
}

async function classStep(context: StudyChatContext): Promise<unknown> {
  const turn = context.turn;
  const { t } = turn;
  const classes = await chatClasses(turn.app, turn.caller);
  if (classes.length === 0) return finish(context, t('sc-no-classes'));
  const chosen = await askClass(context, STUDY_CHAT, classes, t('sc-ask-class'), () => problemOf(context, t));
  if (!chosen) return undefined;
  context.state.classId = chosen.id;
  context.state.className = chosen.name;
  return context.next();
}

async function subjectStep(context: StudyChatContext): Promise<unknown> {
  const turn = context.turn;
  const { t } = turn;
  const { classId, className } = context.state;
  if (!classId || !className) return context.go(CLASS_STEP);
  const subjects = chatSubjects(turn.caller.member);
  const rows: Button[][] = [];
  const buttons = subjects.slice(0, 27).map((s, i) => button(subjectName(t, s), String(i)));
  for (let i = 0; i < buttons.length; i += 3) rows.push(buttons.slice(i, i + 3));
  const question = t('sc-ask-subject', { className });
  if (context.firstTime) return ask(context, question, rows);
  const pressed = sceneValue(context.payload, STUDY_CHAT);
  const subject = pressed !== undefined ? subjects[Number(pressed)] : context.hasPayload ? undefined : findSubject(t, subjects, context.text);
  if (subject === undefined) return ask(context, question, rows, problemOf(context, t));
  const existing = await existingChat(turn.app, turn.caller, classId, subject);
  if (existing) return finish(context, existingChatText(t, existing));
  context.state.subject = subject;
  context.state.title = proposedTitle(className, subject);
  return context.next();
}

async function audienceStep(context: StudyChatContext): Promise<unknown> {
  const { t } = context.turn;
  if (!context.state.subject) return context.go(SUBJECT_STEP);
  const rows = [[button(t('sc-btn-students'), 'students', 'primary'), button(t('sc-btn-parents'), 'parents', 'primary')]];
  const question = t('sc-ask-audience', { className: context.state.className ?? '' });
  if (context.firstTime) return ask(context, question, rows);
  const pressed = sceneValue(context.payload, STUDY_CHAT);
  if (pressed !== 'students' && pressed !== 'parents') return ask(context, question, rows, problemOf(context, t));
  context.state.parents = pressed === 'parents';
  return context.next();
}

async function confirmStep(context: StudyChatContext): Promise<unknown> {
  const turn = context.turn;
  const { t } = turn;
  const { classId, className, subject, title, parents } = context.state;
  if (!classId || !className || !subject || !title || parents === undefined) return context.go(CLASS_STEP);
  const summary = t('sc-confirm', { title, className, subject: subjectName(t, subject), parents: parents ? 'yes' : 'no' });
  const rows = [[button(t('sc-btn-create'), 'create', 'positive'), button(t('sc-btn-rename'), 'rename')]];
  if (context.firstTime) return ask(context, summary, rows);
  const pressed = sceneValue(context.payload, STUDY_CHAT);
  if (pressed === 'rename') return context.go(TITLE_STEP);
  if (pressed !== 'create') return ask(context, summary, rows, problemOf(context, t));
  const report = await createStudyChat(turn.app, turn, { classId, subject, title, parents });
  return finish(context, report);
}

async function titleStep(context: StudyChatContext): Promise<unknown> {
  const { t } = context.turn;
  if (!context.state.title) return context.go(CLASS_STEP);
  const question = t('sc-ask-title', { title: context.state.title });
  if (context.firstTime) return ask(context, question, []);
  if (context.hasPayload) return ask(context, question, [], t('button-stale'));
  const checked = checkTitle(t, context.text);
  if (!checked.ok) return ask(context, question, [], checked.problem);
  context.state.title = checked.title;
  return context.go(CONFIRM_STEP);
}

/** Opens the study chat dialog at its first question. */
export function enterStudyChat(dialogs: Dialogs): Promise<unknown> {
  return dialogs.enter(STUDY_CHAT, { state: {} });
}

function studyChatSteps(): DialogStepHandler<StudyChatState>[] {
  const steps: DialogStepHandler<StudyChatState>[] = [];
  steps[CLASS_STEP] = classStep;
  steps[SUBJECT_STEP] = subjectStep;
  steps[AUDIENCE_STEP] = audienceStep;
  steps[CONFIRM_STEP] = confirmStep;
  steps[TITLE_STEP] = titleStep;
  return steps;
}

/** The /chat dialog (F25): a class and a subject with buttons, whether parents get the link, the title (editable), then the chat. */
export const studyChatDialog: DialogDefinition<StudyChatState> = { slug: STUDY_CHAT, steps: studyChatSteps() };
