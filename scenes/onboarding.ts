import { checkPersonName } from '../src/domain/person-names.js';
import type { App } from '../src/app.js';
import type { Translate } from '../src/i18n.js';
import { roleName } from '../src/features/invites/issue-invite.js';
import { replyKeyboard, type Button, cancelButton, sceneButton, type ButtonColor } from '../src/features/shared/keyboards.js';
import { sceneValue } from '../src/features/shared/payload.js';
import { deliverNotices } from '../src/features/shared/notices.js';
import { announceFiled } from '../src/features/join-requests/review-notices.js';
import { nameProblem } from '../src/features/onboarding/name-problem.js';
import type { Gender } from '../src/domain/index.js';
import { selfConsentText } from '../src/features/onboarding/parent-consent.js';
import { childAlreadyThere, consentFrom, joinByInvite, type JoinAnswers } from '../src/features/onboarding/join-by-invite.js';
import { whomToAsk } from '../src/features/onboarding/whom-to-ask.js';
import { readTyped, sceneChoice } from '../src/features/shared/answers.js';
import { DEFAULT_SUBJECTS, MAX_SUBJECT_LENGTH, SUBJECT_ANSWER, subjectName } from '../src/features/onboarding/subjects.js';
import type { DialogContext, DialogDefinition, DialogStepHandler } from '../src/turn.js';
import { ONBOARDING, type OnboardingStart } from '../src/features/onboarding/dialogs.js';

interface OnboardingState extends OnboardingStart, Record<string, unknown> {
  /** «Фамилия Имя» from VK, offered as a button when it looks like a real name. */
  vkName?: string;
  /** The applicant's gender from their VK profile, when it gives one. */
  gender?: Gender;
  name?: string;
  childName?: string;
  subjects?: string[];
  /** Subjects the teacher typed (not in the school's list). */
  custom?: string[];
}

type OnboardingContext = DialogContext<OnboardingState>;

const CONFIRM_STEP = 0;
const NAME_STEP = 1;
const CHILD_STEP = 2;
const SUBJECTS_STEP = 3;
const CONSENT_STEP = 4;
/** Typed subjects shown as buttons besides the list; the reply keyboard has room for 10 rows. */
const MAX_CUSTOM_SUBJECTS = 4;
const MARK = '✓ ';

const button = (label: string, value: string, color?: ButtonColor): Button => sceneButton(ONBOARDING, label, value, color);

function ask(context: OnboardingContext, text: string, rows: Button[][], problem?: string): Promise<unknown> {
  const { t } = context.turn;
  return context.turn.reply(problem ? `${problem}\n\n${text}` : text, replyKeyboard([...rows, [cancelButton(t)]]));
}

async function confirmStep(context: OnboardingContext): Promise<unknown> {
  const turn = context.turn;
  const { t } = turn;
  const { schoolName, className, role } = context.state;
  const question = t('onb-confirm', { school: schoolName, class: className, role: roleName(t, role) });
  const rows = [[button(t('onb-btn-yes'), 'yes', 'positive'), button(t('onb-btn-no'), 'no')]];
  if (context.firstTime) return ask(context, question, rows);
  const pressed = sceneChoice(context.payload, ONBOARDING, ['yes', 'no']);
  if (pressed === 'no') {
    await context.leave();
    return turn.reply(t('onb-declined', { whom: whomToAsk(role) }), replyKeyboard([]));
  }
  if (pressed !== 'yes') return ask(context, question, rows, t(context.hasPayload ? 'button-stale' : 'invalid-choice'));
  return context.next();
}

async function nameStep(context: OnboardingContext, app: App): Promise<unknown> {
  const { t, caller } = context.turn;
  if (context.firstTime && context.state.vkName === undefined) {
    const profile = await app.messenger.profile(caller.personId);
    // Offered in the order the question asks for, «Фамилия Имя».
    const check = profile ? checkPersonName(`${profile.lastName} ${profile.firstName}`) : undefined;
    context.state.vkName = check?.ok ? check.value : '';
    if (profile?.gender) context.state.gender = profile.gender;
  }
  const { vkName, role } = context.state;
  const rows = vkName ? [[button(vkName, 'vk', 'primary')]] : [];
  const question = t(vkName ? 'onb-ask-name-vk' : 'onb-ask-name', { role });
  if (context.firstTime) return ask(context, question, rows);
  const pressed = sceneValue(context.payload, ONBOARDING);
  if (pressed === 'vk' && vkName) {
    context.state.name = vkName;
    return context.next();
  }
  const check = context.hasPayload ? undefined : checkPersonName(context.text);
  if (!check?.ok) return ask(context, question, rows, nameProblem(t, context, check, context.state.role));
  context.state.name = check.value;
  return context.next();
}

async function childStep(context: OnboardingContext, app: App): Promise<unknown> {
  const { t } = context.turn;
  if (context.state.role !== 'parent') return context.go(SUBJECTS_STEP);
  const question = t('onb-ask-child', { class: context.state.className });
  if (context.firstTime) return ask(context, question, []);
  const check = context.hasPayload ? undefined : checkPersonName(context.text);
  if (!check?.ok) return ask(context, question, [], nameProblem(t, context, check, 'child'));
  // The same child again is said now, by name, not after the consent (joining for them would be refused).
  if (await childAlreadyThere(app, context.turn.caller.personId, context.state.inviteId, check.value)) {
    return ask(context, t('onb-child-again', { child: check.value, class: context.state.className }), []);
  }
  context.state.childName = check.value;
  return context.go(CONSENT_STEP);
}

function subjectRows(t: Translate, all: readonly string[], selected: readonly string[]): Button[][] {
  const rows: Button[][] = [];
  const buttons = all.map((subject, i) => {
    const on = selected.includes(subject);
    const label = subjectName(t, subject);
    return button(on ? `${MARK}${label}` : label, `t:${i}`, on ? 'positive' : 'secondary');
  });
  for (let i = 0; i < buttons.length; i += 3) rows.push(buttons.slice(i, i + 3));
  rows.push([button(t('onb-btn-other-subject'), 'other'), button(t('onb-btn-done'), 'done', 'primary')]);
  return rows;
}

async function subjectsStep(context: OnboardingContext): Promise<unknown> {
  const { t } = context.turn;
  if (context.state.role !== 'teacher') return context.go(CONSENT_STEP);
  const custom = context.state.custom ?? [];
  const selected = context.state.subjects ?? [];
  const all = [...DEFAULT_SUBJECTS, ...custom];
  const show = (problem?: string, chosen: readonly string[] = selected, list: readonly string[] = all): Promise<unknown> => {
    const lines = [t('onb-ask-subjects')];
    if (chosen.length > 0) lines.push(t('onb-subjects-selected', { list: chosen.map((s) => subjectName(t, s)).join(', ') }));
    return ask(context, lines.join('\n\n'), subjectRows(t, list, chosen), problem);
  };
  if (context.firstTime) return show();
  const pressed = sceneValue(context.payload, ONBOARDING);
  if (pressed === 'done') {
    if (selected.length === 0) return show(t('onb-subjects-none'));
    return context.next();
  }
  if (pressed === 'other') return ask(context, t('onb-ask-other-subject', { max: MAX_SUBJECT_LENGTH }), [[button(t('onb-btn-back-to-list'), 'back')]]);
  if (pressed === 'back') return show();
  const index = pressed?.startsWith('t:') ? Number(pressed.slice(2)) : NaN;
  const toggled = Number.isInteger(index) ? all[index] : undefined;
  if (toggled !== undefined) {
    const next = selected.includes(toggled) ? selected.filter((s) => s !== toggled) : [...selected, toggled];
    context.state.subjects = next;
    return show(undefined, next);
  }
  const read = readTyped(context, SUBJECT_ANSWER, t('onb-bad-subject', { max: MAX_SUBJECT_LENGTH }));
  if (!read.ok) return show(read.problem);
  const typed = read.value;
  const same = (a: string) => a.toLocaleLowerCase('ru-RU') === typed.toLocaleLowerCase('ru-RU');
  const known = all.find((s) => same(s) || same(subjectName(t, s)));
  if (!known && custom.length >= MAX_CUSTOM_SUBJECTS) return show(t('onb-subjects-too-many', { max: MAX_CUSTOM_SUBJECTS }));
  const subject = known ?? typed;
  const nextCustom = known ? custom : [...custom, typed];
  const next = selected.includes(subject) ? selected : [...selected, subject];
  context.state.custom = nextCustom;
  context.state.subjects = next;
  return show(undefined, next, [...DEFAULT_SUBJECTS, ...nextCustom]);
}

/** Leaves the dialog and joins with its answers: a filed request shown to its reviewers, the notices sent, the applicant told how it went. */
async function join(context: OnboardingContext, app: App, consented: boolean): Promise<unknown> {
  const turn = context.turn;
  const state = context.state;
  if (!state.name) return context.go(NAME_STEP);
  const { inviteId, role, className, gender, childName, subjects } = state;
  const answers: JoinAnswers = { inviteId, role, className, name: state.name, gender, childName, subjects, consented };
  await context.leave();
  const { outcome, notices, toReview } = await joinByInvite(app, turn, answers);
  await announceFiled(app, toReview);
  await deliverNotices(app, notices);
  return turn.reply(outcome.text, replyKeyboard([]));
}

async function consentStep(context: OnboardingContext, app: App): Promise<unknown> {
  const turn = context.turn;
  const { t } = turn;
  const state = context.state;
  // A young student does not consent themself (152-ФЗ): the request waits for a parent's consent by a link.
  if (context.firstTime && (await consentFrom(app, state.inviteId, state.role)) === 'parent') return join(context, app, false);
  const question = selfConsentText(t, state.schoolName);
  const rows = [[button(t('onb-btn-agree'), 'agree', 'positive'), button(t('onb-btn-disagree'), 'disagree')]];
  if (context.firstTime) return ask(context, question, rows);
  const pressed = sceneChoice(context.payload, ONBOARDING, ['agree', 'disagree']);
  if (pressed === 'disagree') {
    await context.leave();
    return turn.reply(t('onb-no-consent'), replyKeyboard([]));
  }
  if (pressed !== 'agree') return ask(context, question, rows, t(context.hasPayload ? 'button-stale' : 'invalid-choice'));
  return join(context, app, true);
}

/** The onboarding dialog: school, class and role to confirm; the person's name; a parent's child or a teacher's subjects; consent. */
function onboardingSteps(): DialogStepHandler<OnboardingState>[] {
  const steps: Array<(context: OnboardingContext) => Promise<unknown>> = [];
  steps[CONFIRM_STEP] = confirmStep;
  steps[NAME_STEP] = (context) => nameStep(context, context.turn.app);
  steps[CHILD_STEP] = (context) => childStep(context, context.turn.app);
  steps[SUBJECTS_STEP] = subjectsStep;
  steps[CONSENT_STEP] = (context) => consentStep(context, context.turn.app);
  return steps;
}

export const onboardingDialog: DialogDefinition<OnboardingState> = { slug: ONBOARDING, steps: onboardingSteps() };
