import { askClass } from '../src/features/shared/class-step.js';
import type { App } from '../src/app.js';
import {
  DAYS_PRESETS,
  USES_PRESETS,
  invitableClasses,
  issueInvite,
  parseCount,
  parseInviteRole,
  roleButtonLabel,
  roleName,
  rolesFor,
} from '../src/features/invites/issue-invite.js';
import { showInviteCard } from '../src/features/invites/invite-links.js';
import { sendInviteToNamed } from '../src/features/invites/send-invite.js';
import { replyKeyboard, type Button, cancelButton, sceneButton, type ButtonColor } from '../src/features/shared/keyboards.js';
import { sceneValue } from '../src/features/shared/payload.js';
import { INVITE_LIMITS, type InviteRole } from '../src/domain/index.js';
import type { DialogContext, DialogDefinition, DialogStepHandler } from '../src/turn.js';
import { INVITE_BUILDER, INVITE_RECIPIENT_STEP, type InviteBuilderStart } from '../src/features/invites/dialogs.js';
import { choiceProblem } from '../src/features/shared/answers.js';
import { classNameOf } from '../src/features/shared/class-ref.js';

interface BuilderState extends InviteBuilderStart, Record<string, unknown> {
  classId?: string;
  role?: InviteRole;
  maxUses?: number;
  days?: number;
  /** The page of class buttons shown. */
  classPage?: number;
}

type BuilderContext = DialogContext<BuilderState>;

const CLASS_STEP = 0;
const ROLE_STEP = 1;
const USES_STEP = 2;
const DAYS_STEP = 3;
const CONFIRM_STEP = 4;
const RECIPIENT_STEP = INVITE_RECIPIENT_STEP;
const button = (label: string, value: string, color?: ButtonColor): Button => sceneButton(INVITE_BUILDER, label, value, color);
/** The limits the refusals of a bad count name. */
const LIMITS_ARGS = { maxUses: INVITE_LIMITS.maxUses, maxDays: INVITE_LIMITS.maxDays };

/** Asks with exactly these rows of buttons (the problem with the last answer first). */
function askWith(context: BuilderContext, text: string, rows: Button[][], problem?: string): Promise<unknown> {
  return context.turn.reply(problem ? `${problem}\n\n${text}` : text, replyKeyboard(rows));
}

/** Asks with these rows and «Отмена» under them. */
function ask(context: BuilderContext, text: string, rows: Button[][], problem?: string): Promise<unknown> {
  return askWith(context, text, [...rows, [cancelButton(context.turn.t)]], problem);
}

async function classStep(context: BuilderContext, app: App): Promise<unknown> {
  const turn = context.turn;
  const { t } = turn;
  const classes = await invitableClasses(app, turn.caller);
  if (classes.length === 0) {
    await turn.reply(t('inv-no-classes'), replyKeyboard([]));
    return context.leave();
  }
  const chosen = await askClass(context, INVITE_BUILDER, classes, t('inv-ask-class'), () => choiceProblem(context, t('inv-bad-class', LIMITS_ARGS)));
  if (!chosen) return undefined;
  context.state.classId = chosen.id;
  const roles = rolesFor(chosen);
  if (roles.length === 1) {
    context.state.role = roles[0];
    return context.go(USES_STEP);
  }
  return context.next();
}

async function roleStep(context: BuilderContext, app: App): Promise<unknown> {
  const { t } = context.turn;
  const classGroup = context.state.classId ? await app.services.classes.get(context.state.classId) : undefined;
  if (!classGroup) return context.go(CLASS_STEP);
  const roles = rolesFor(classGroup);
  const rows = [roles.map((role) => button(roleButtonLabel(t, role), role, 'primary'))];
  const question = t('inv-ask-role', { class: classGroup.name });
  if (context.firstTime) return ask(context, question, rows);
  const pressed = sceneValue(context.payload, INVITE_BUILDER);
  const role = pressed ?? (context.hasPayload ? undefined : parseInviteRole(context.text));
  if (!role || !roles.includes(role as InviteRole)) return ask(context, question, rows, choiceProblem(context, t('inv-bad-role', LIMITS_ARGS)));
  context.state.role = role as InviteRole;
  return context.next();
}

function countStep(presets: readonly number[], max: number, questionKey: string, optionKey: string, badKey: string, save: (context: BuilderContext, n: number) => void) {
  return (context: BuilderContext): Promise<unknown> => {
    const { t } = context.turn;
    const rows = [presets.map((n) => button(t(optionKey, { n }), String(n)))];
    const question = t(questionKey, { max });
    if (context.firstTime) return ask(context, question, rows);
    const pressed = sceneValue(context.payload, INVITE_BUILDER);
    const n = pressed !== undefined ? parseCount(pressed, max) : context.hasPayload ? undefined : parseCount(context.text, max);
    if (n === undefined) return ask(context, question, rows, choiceProblem(context, t(badKey, LIMITS_ARGS)));
    save(context, n);
    return context.next();
  };
}

async function confirmStep(context: BuilderContext, app: App): Promise<unknown> {
  const turn = context.turn;
  const { t } = turn;
  const { classId, role, maxUses, days } = context.state;
  if (!classId || !role || !maxUses || !days) return context.go(CLASS_STEP);
  const summary = t('inv-confirm', { class: await classNameOf(app, classId), role: roleName(t, role), maxUses, days });
  const rows = [[button(t('inv-btn-create'), 'create', 'positive')]];
  if (context.firstTime) return ask(context, summary, rows);
  const pressed = sceneValue(context.payload, INVITE_BUILDER);
  if (pressed !== 'create') return ask(context, summary, rows, context.hasPayload ? t('button-stale') : t('invalid-choice'));
  const { outcome } = await issueInvite(app, turn, { classId, role, maxUses, days });
  if (outcome.kind === 'refused') await turn.reply(outcome.text);
  await context.leave();
  if (outcome.kind === 'created') await showInviteCard(app, turn, context.chat, outcome.invite);
}

async function recipientStep(context: BuilderContext, app: App): Promise<unknown> {
  const turn = context.turn;
  const { t } = turn;
  const invite = context.state.inviteId ? await app.services.invites.get(context.state.inviteId) : undefined;
  if (!invite || app.services.invites.stateOf(invite) !== 'active') {
    await turn.reply(t('inv-send-inactive'), replyKeyboard([]));
    return context.leave();
  }
  const question = t('inv-ask-recipient', { code: invite.code });
  if (context.firstTime) return ask(context, question, []);
  if (context.hasPayload || !context.text?.trim() || context.text.trim().startsWith('/')) {
    return ask(context, question, [], choiceProblem(context, t('inv-bad-recipient', LIMITS_ARGS)));
  }
  // A reference, or a part of a surname that fits somebody: the picker answers outside the dialog (its
  // buttons run /sendinvite); a name that fits nobody is asked again here.
  const words = app.messenger.people.split(context.text);
  const isRef = words.length === 1 && (app.messenger.people.id(words[0]) !== null || app.messenger.people.ref(words[0] ?? '') !== undefined);
  if (!isRef && (await app.services.members.searchByName(context.text, 1)).length === 0) {
    return ask(context, question, [], t('inv-bad-recipient'));
  }
  await context.leave();
  return sendInviteToNamed(app, turn, invite, words);
}

/** The invite builder dialog: buttons for the class, role, number of uses and days, then the invite card; or sending an invite to a VK user. */
function inviteBuilderSteps(): DialogStepHandler<BuilderState>[] {
  const steps: Array<(context: BuilderContext) => Promise<unknown>> = [];
  steps[CLASS_STEP] = (context) => classStep(context, context.turn.app);
  steps[ROLE_STEP] = (context) => roleStep(context, context.turn.app);
  steps[USES_STEP] = countStep(USES_PRESETS, INVITE_LIMITS.maxUses, 'inv-ask-uses', 'inv-uses-option', 'inv-bad-uses', (context, n) => {
    context.state.maxUses = n;
  });
  steps[DAYS_STEP] = countStep(DAYS_PRESETS, INVITE_LIMITS.maxDays, 'inv-ask-days', 'inv-days-option', 'inv-bad-days', (context, n) => {
    context.state.days = n;
  });
  steps[CONFIRM_STEP] = (context) => confirmStep(context, context.turn.app);
  steps[RECIPIENT_STEP] = (context) => recipientStep(context, context.turn.app);
  return steps;
}

export const inviteBuilderDialog: DialogDefinition<BuilderState> = { slug: INVITE_BUILDER, steps: inviteBuilderSteps() };
