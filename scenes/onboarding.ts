import { checkPersonName } from '../src/domain/person-names.js';
import type { App } from '../src/app.js';
import type { Translate } from '../src/i18n.js';
import { roleName } from '../src/features/invites/issue-invite.js';
import { replyKeyboard, type Button, cancelButton, sceneButton, type ButtonColor } from '../src/features/shared/keyboards.js';
import { sceneValue } from '../src/features/shared/payload.js';
import { announceJoinRequest } from '../src/features/join-requests/review-notices.js';
import { decidersLine } from '../src/features/shared/deciders.js';
import { nameProblem } from '../src/features/onboarding/name-problem.js';
import { CONSENT_TEXT_VERSION, type Gender, type InviteUseResult } from '../src/domain/index.js';
import { needsParentConsent, sendParentLink } from '../src/features/onboarding/parent-consent.js';
import { selfConsentText } from '../src/features/onboarding/parent-consent.js';
import { DEFAULT_SUBJECTS, MAX_SUBJECT_LENGTH, checkSubject, subjectName } from '../src/features/onboarding/subjects.js';
import type { Turn, DialogContext, DialogDefinition, DialogStepHandler } from '../src/turn.js';
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
  const pressed = sceneValue(context.payload, ONBOARDING);
  if (pressed === 'no') {
    await context.leave();
    return turn.reply(t('onb-declined', { whom: role === 'teacher' ? 'admin' : 'teacher' }), replyKeyboard([]));
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
  const invite = await app.services.invites.get(context.state.inviteId);
  if (invite && (await app.services.family.hasChild(context.turn.caller.personId, invite.classId, check.value))) {
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
  if (context.hasPayload) return show(t('button-stale'));
  const text = context.text?.trim() ?? '';
  if (!text) return show(t('invalid-empty'));
  if (text.startsWith('/')) return show(t('invalid-command'));
  const typed = checkSubject(text);
  if (!typed) return show(t('onb-bad-subject', { max: MAX_SUBJECT_LENGTH }));
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

/** Tells the applicant how using the invite went; a filed request is announced to its reviewers. */
async function report(app: App, turn: Turn, state: OnboardingState, result: InviteUseResult): Promise<unknown> {
  const { t } = turn;
  const whom = state.role === 'teacher' ? 'admin' : 'teacher';
  if (result.ok) {
    try {
      await announceJoinRequest(app, result.request);
    } catch (error) {
      // The request is filed and listed for reviewers anyway; only the heads-up failed.
      app.logger.error({ requestId: result.request.id, err: error instanceof Error ? error.name : 'unknown' }, 'join request announcement failed');
    }
    app.logger.info({ requestId: result.request.id, personId: turn.caller.personId }, 'join request filed');
    return turn.reply(t('req-filed', { who: await decidersLine(app, turn, result.request) }), replyKeyboard([]));
  }
  switch (result.reason) {
    case 'already_pending':
      return turn.reply(t('onb-already-pending'), replyKeyboard([]));
    case 'already_member':
      return turn.reply(t('onb-already-member', { class: state.className, role: roleName(t, state.role) }), replyKeyboard([]));
    case 'expired':
      return turn.reply(t('onb-invite-expired', { whom }), replyKeyboard([]));
    case 'used_up':
      return turn.reply(t('onb-invite-used-up', { whom }), replyKeyboard([]));
    case 'outdated':
      return turn.reply(t('onb-invite-outdated', { whom }), replyKeyboard([]));
    case 'revoked':
    case 'not_found':
      return turn.reply(t('onb-invite-revoked', { whom }), replyKeyboard([]));
  }
}

/** Files a young student's request waiting for a parent's consent and gives them the link for the parent. */
async function fileForParent(context: OnboardingContext, app: App): Promise<unknown> {
  const turn = context.turn;
  const state = context.state;
  if (!state.name) return context.go(NAME_STEP);
  const result = await app.services.invites.use(state.inviteId, { personId: turn.caller.personId, name: state.name, consent: true, awaitingParentConsent: true });
  await context.leave();
  if (!result.ok) return report(app, turn, state, result);
  app.logger.info({ requestId: result.request.id, personId: turn.caller.personId }, 'join request filed, waiting for a parent');
  return sendParentLink(app, turn, result.request, true);
}

async function consentStep(context: OnboardingContext, app: App): Promise<unknown> {
  const turn = context.turn;
  const { t } = turn;
  const state = context.state;
  if (context.firstTime && state.role === 'student') {
    // A young student does not consent themself (152-ФЗ): the request waits for a parent's consent by a link.
    const invite = await app.services.invites.get(state.inviteId);
    if (invite && (await needsParentConsent(app, invite.classId))) return fileForParent(context, app);
  }
  const question = selfConsentText(t, state.schoolName);
  const rows = [[button(t('onb-btn-agree'), 'agree', 'positive'), button(t('onb-btn-disagree'), 'disagree')]];
  if (context.firstTime) return ask(context, question, rows);
  const pressed = sceneValue(context.payload, ONBOARDING);
  if (pressed === 'disagree') {
    await context.leave();
    return turn.reply(t('onb-no-consent'), replyKeyboard([]));
  }
  if (pressed !== 'agree') return ask(context, question, rows, t(context.hasPayload ? 'button-stale' : 'invalid-choice'));
  if (!state.name) return context.go(NAME_STEP);
  const result = await app.services.invites.use(state.inviteId, {
    personId: turn.caller.personId,
    name: state.name,
    ...(state.gender ? { gender: state.gender } : {}),
    consent: true,
    consentVersion: CONSENT_TEXT_VERSION,
    ...(state.role === 'parent' ? { childName: state.childName } : {}),
    ...(state.role === 'teacher' ? { subjects: state.subjects ?? [] } : {}),
  });
  await context.leave();
  return report(app, turn, state, result);
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
