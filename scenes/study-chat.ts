import { askClass } from '../src/features/shared/class-step.js';
import {
  audienceText,
  chatClasses,
  chatSubjects,
  checkTitle,
  createOtherChat,
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
import { STUDY_CHAT_ROLES, type StudyChatAudience, type StudyChatRole } from '../src/domain/index.js';
import { pageToken, parsePageToken, pickerPage, withPageNote } from '../src/features/shared/paging.js';
import { STUDY_CHAT } from '../src/features/study-chats/dialogs.js';
import { choiceProblem, sceneChoice } from '../src/features/shared/answers.js';

interface StudyChatState extends Record<string, unknown> {
  classId?: string;
  className?: string;
  subject?: string;
  /** Whether the parents get the link too. */
  parents?: boolean;
  title?: string;
  /** The page of class buttons shown. */
  classPage?: number;
  /** The page of subject buttons shown. */
  subjectPage?: number;
  /** Another chat: how its audience is picked. */
  audienceKind?: 'one' | 'many' | 'role';
  /** Another chat: the classes chosen (one, or several). */
  classIds?: string[];
  /** Another chat: the role chosen. */
  role?: StudyChatRole;
  /** Another chat: the audience is complete (a new title goes back to the summary). */
  ready?: boolean;
}

type StudyChatContext = DialogContext<StudyChatState>;

const KIND_STEP = 0;
const CLASS_STEP = 1;
const SUBJECT_STEP = 2;
const AUDIENCE_STEP = 3;
const CONFIRM_STEP = 4;
const TITLE_STEP = 5;
const OTHER_TITLE_STEP = 6;
const OTHER_AUDIENCE_STEP = 7;
const OTHER_CLASS_STEP = 8;
const OTHER_CLASSES_STEP = 9;
const OTHER_ROLE_STEP = 10;
const OTHER_PARENTS_STEP = 11;
const OTHER_CONFIRM_STEP = 12;
/** The value of «Готово» in the multi-select (a class id never starts with `!`). */
const DONE = '!done';
const button = (label: string, value: string, color?: ButtonColor): Button => sceneButton(STUDY_CHAT, label, value, color);

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

async function kindStep(context: StudyChatContext): Promise<unknown> {
  const { t } = context.turn;
  const rows = [[button(t('sc-btn-kind-subject'), 'subject', 'primary')], [button(t('sc-btn-kind-other'), 'other', 'primary')]];
  if (context.firstTime) return ask(context, t('sc-ask-kind'), rows);
  const pressed = sceneValue(context.payload, STUDY_CHAT);
  if (pressed === 'subject') return context.go(CLASS_STEP);
  if (pressed === 'other') return context.go(OTHER_TITLE_STEP);
  return ask(context, t('sc-ask-kind'), rows, choiceProblem(context));
}

async function classStep(context: StudyChatContext): Promise<unknown> {
  const turn = context.turn;
  const { t } = turn;
  const classes = await chatClasses(turn.app, turn.caller);
  if (classes.length === 0) return finish(context, t('sc-no-classes'));
  const chosen = await askClass(context, STUDY_CHAT, classes, t('sc-ask-class'), () => choiceProblem(context));
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
  const question = t('sc-ask-subject', { className });
  // Paged like the class pickers: three a row, «Назад» and «Ещё» when they do not fit one keyboard.
  const show = (problem?: string): Promise<unknown> => {
    const picked = pickerPage(t, subjects.map((s, i) => button(subjectName(t, s), String(i))), {
      perRow: 3,
      page: context.state.subjectPage ?? 1,
      goTo: (label, n) => button(label, pageToken(n), 'primary'),
      tail: [[cancelButton(t)]],
    });
    return askWith(context, withPageNote(question, picked), picked.rows, problem);
  };
  if (context.firstTime) {
    context.state.subjectPage = 1;
    return show();
  }
  const pressed = sceneValue(context.payload, STUDY_CHAT);
  const turnTo = parsePageToken(pressed);
  if (turnTo !== undefined) {
    context.state.subjectPage = turnTo;
    return show();
  }
  const subject = pressed !== undefined ? subjects[Number(pressed)] : context.hasPayload ? undefined : findSubject(t, subjects, context.text);
  if (subject === undefined) return show(choiceProblem(context));
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
  const pressed = sceneChoice(context.payload, STUDY_CHAT, ['students', 'parents']);
  if (!pressed) return ask(context, question, rows, choiceProblem(context));
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
  if (pressed !== 'create') return ask(context, summary, rows, choiceProblem(context));
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

/** Another chat's title: typed (empty, too long or a command asked again); a new title goes back to the summary. */
async function otherTitleStep(context: StudyChatContext): Promise<unknown> {
  const { t } = context.turn;
  const current = context.state.title;
  const question = current ? t('sc-ask-title', { title: current }) : t('sc-other-ask-title');
  if (context.firstTime) return ask(context, question, []);
  if (context.hasPayload) return ask(context, question, [], t('button-stale'));
  const checked = checkTitle(t, context.text);
  if (!checked.ok) return ask(context, question, [], checked.problem);
  context.state.title = checked.title;
  return context.state.ready ? context.go(OTHER_CONFIRM_STEP) : context.go(OTHER_AUDIENCE_STEP);
}

async function otherAudienceStep(context: StudyChatContext): Promise<unknown> {
  const { t } = context.turn;
  const title = context.state.title;
  if (!title) return context.go(OTHER_TITLE_STEP);
  const rows = [[button(t('sc-other-btn-one-class'), 'one', 'primary'), button(t('sc-other-btn-classes'), 'many', 'primary')], [button(t('sc-other-btn-role'), 'role', 'primary')]];
  const question = t('sc-other-ask-audience', { title });
  if (context.firstTime) return ask(context, question, rows);
  const pressed = sceneChoice(context.payload, STUDY_CHAT, ['one', 'many', 'role']);
  if (!pressed) return ask(context, question, rows, choiceProblem(context));
  context.state.audienceKind = pressed;
  context.state.classIds = [];
  context.state.role = undefined;
  context.state.classPage = 1;
  return context.go(pressed === 'one' ? OTHER_CLASS_STEP : pressed === 'many' ? OTHER_CLASSES_STEP : OTHER_ROLE_STEP);
}

async function otherClassStep(context: StudyChatContext): Promise<unknown> {
  const turn = context.turn;
  const { t } = turn;
  const title = context.state.title;
  if (!title) return context.go(OTHER_TITLE_STEP);
  const classes = await chatClasses(turn.app, turn.caller);
  if (classes.length === 0) return finish(context, t('sc-no-classes'));
  const chosen = await askClass(context, STUDY_CHAT, classes, t('sc-other-ask-class', { title }), () => choiceProblem(context));
  if (!chosen) return undefined;
  context.state.classIds = [chosen.id];
  return context.go(OTHER_PARENTS_STEP);
}

/** Several classes: each press marks a class ✓ or unmarks it, paged like the other class pickers; «Готово» moves on. */
async function otherClassesStep(context: StudyChatContext): Promise<unknown> {
  const turn = context.turn;
  const { t, app } = turn;
  const title = context.state.title;
  if (!title) return context.go(OTHER_TITLE_STEP);
  const classes = await chatClasses(app, turn.caller);
  if (classes.length === 0) return finish(context, t('sc-no-classes'));
  const chosen = new Set((context.state.classIds ?? []).filter((id) => classes.some((c) => c.id === id)));
  const show = (problem?: string): Promise<unknown> => {
    const picked = pickerPage(t, classes.map((c) => button(chosen.has(c.id) ? `✓ ${c.name}` : c.name, c.id, chosen.has(c.id) ? 'positive' : undefined)), {
      perRow: 4,
      page: context.state.classPage ?? 1,
      goTo: (label, n) => button(label, pageToken(n), 'primary'),
      tail: [[button(t('sc-other-btn-done'), DONE, 'positive'), cancelButton(t)]],
    });
    const names = classes.filter((c) => chosen.has(c.id)).map((c) => c.name);
    const text = `${withPageNote(t('sc-other-ask-classes', { title }), picked)}\n${t('sc-other-chosen', { count: names.length, classes: names.join(', ') })}`;
    return askWith(context, text, picked.rows, problem);
  };
  if (context.firstTime) return show();
  const pressed = sceneValue(context.payload, STUDY_CHAT);
  const turnTo = parsePageToken(pressed);
  if (turnTo !== undefined) {
    context.state.classPage = turnTo;
    return show();
  }
  if (pressed === DONE) {
    if (chosen.size === 0) return show(t('sc-other-none-chosen'));
    context.state.classIds = classes.filter((c) => chosen.has(c.id)).map((c) => c.id);
    return context.go(OTHER_PARENTS_STEP);
  }
  let toggled = pressed !== undefined ? classes.find((c) => c.id === pressed) : undefined;
  if (!toggled && !context.hasPayload && context.text) {
    const found = await app.services.classes.findByName(context.text);
    toggled = found && classes.find((c) => c.id === found.id);
  }
  if (!toggled) return show(choiceProblem(context));
  if (chosen.has(toggled.id)) chosen.delete(toggled.id);
  else chosen.add(toggled.id);
  context.state.classIds = classes.filter((c) => chosen.has(c.id)).map((c) => c.id);
  return show();
}

async function otherRoleStep(context: StudyChatContext): Promise<unknown> {
  const { t } = context.turn;
  const title = context.state.title;
  if (!title) return context.go(OTHER_TITLE_STEP);
  const buttons = STUDY_CHAT_ROLES.map((role) => button(t('sc-other-btn-role-of', { role }), role, 'primary'));
  const rows = [buttons.slice(0, 2), buttons.slice(2)];
  const question = t('sc-other-ask-role', { title });
  if (context.firstTime) return ask(context, question, rows);
  const pressed = sceneValue(context.payload, STUDY_CHAT);
  const role = STUDY_CHAT_ROLES.find((r) => r === pressed);
  if (!role) return ask(context, question, rows, choiceProblem(context));
  context.state.role = role;
  context.state.parents = false;
  context.state.ready = true;
  return context.go(OTHER_CONFIRM_STEP);
}

async function otherParentsStep(context: StudyChatContext): Promise<unknown> {
  const { t } = context.turn;
  const title = context.state.title;
  if (!title || !context.state.classIds?.length) return context.go(OTHER_AUDIENCE_STEP);
  const rows = [[button(t('sc-btn-students'), 'students', 'primary'), button(t('sc-btn-parents'), 'parents', 'primary')]];
  const question = t('sc-other-ask-parents', { title });
  if (context.firstTime) return ask(context, question, rows);
  const pressed = sceneChoice(context.payload, STUDY_CHAT, ['students', 'parents']);
  if (!pressed) return ask(context, question, rows, choiceProblem(context));
  context.state.parents = pressed === 'parents';
  context.state.ready = true;
  return context.go(OTHER_CONFIRM_STEP);
}

/** The audience the answers make, or undefined when one is missing. */
function otherAudience(state: StudyChatState): StudyChatAudience | undefined {
  if (state.audienceKind === 'role') return state.role ? { kind: 'role', role: state.role } : undefined;
  if (!state.classIds?.length || state.parents === undefined) return undefined;
  return { kind: 'class', classIds: state.classIds, parents: state.parents };
}

async function otherConfirmStep(context: StudyChatContext): Promise<unknown> {
  const turn = context.turn;
  const { t } = turn;
  const title = context.state.title;
  const audience = otherAudience(context.state);
  if (!title) return context.go(OTHER_TITLE_STEP);
  if (!audience) return context.go(OTHER_AUDIENCE_STEP);
  const summary = t('sc-other-confirm', { title, audience: await audienceText(turn.app, t, audience) });
  const rows = [[button(t('sc-btn-create'), 'create', 'positive'), button(t('sc-btn-rename'), 'rename')]];
  if (context.firstTime) return ask(context, summary, rows);
  const pressed = sceneValue(context.payload, STUDY_CHAT);
  if (pressed === 'rename') return context.go(OTHER_TITLE_STEP);
  if (pressed !== 'create') return ask(context, summary, rows, choiceProblem(context));
  return finish(context, await createOtherChat(turn.app, turn, { title, audience }));
}

function studyChatSteps(): DialogStepHandler<StudyChatState>[] {
  const steps: DialogStepHandler<StudyChatState>[] = [];
  steps[KIND_STEP] = kindStep;
  steps[CLASS_STEP] = classStep;
  steps[SUBJECT_STEP] = subjectStep;
  steps[AUDIENCE_STEP] = audienceStep;
  steps[CONFIRM_STEP] = confirmStep;
  steps[TITLE_STEP] = titleStep;
  steps[OTHER_TITLE_STEP] = otherTitleStep;
  steps[OTHER_AUDIENCE_STEP] = otherAudienceStep;
  steps[OTHER_CLASS_STEP] = otherClassStep;
  steps[OTHER_CLASSES_STEP] = otherClassesStep;
  steps[OTHER_ROLE_STEP] = otherRoleStep;
  steps[OTHER_PARENTS_STEP] = otherParentsStep;
  steps[OTHER_CONFIRM_STEP] = otherConfirmStep;
  return steps;
}

/**
 * The /chat dialog (F25): a subject chat (a class and a subject with buttons, whether parents get
 * the link, the title, editable) or another chat (a title, an audience, whether parents get the link), then the chat.
 */
export const studyChatDialog: DialogDefinition<StudyChatState> = { slug: STUDY_CHAT, steps: studyChatSteps() };
