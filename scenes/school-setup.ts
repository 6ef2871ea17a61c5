import { replyKeyboard, type Button, cancelButton, sceneButton, type ButtonColor } from '../src/features/shared/keyboards.js';
import { sceneValue } from '../src/features/shared/payload.js';
import { SCHOOL_FIELDS, checkSchoolField, type SchoolField } from '../src/domain/school.js';
import { STAFF_ROOM_NAME } from '../src/domain/types.js';
import { saveSchoolProfile } from '../src/features/school/save-profile.js';
import { showFirstSteps } from '../src/features/school/first-steps.js';
import { SCHOOL_SETUP, SCHOOL_SUMMARY_STEP, type SchoolSetupStart } from '../src/features/school/dialogs.js';
import { profileSummary } from '../src/features/school/profile-summary.js';
import { sendApplication } from '../src/features/school/send-application.js';
import type { DialogContext, DialogDefinition, DialogStepHandler } from '../src/turn.js';
import { readTyped, typedText } from '../src/features/shared/answers.js';

type SetupState = SchoolSetupStart & Record<string, unknown>;

type SetupContext = DialogContext<SetupState>;

const SUMMARY_STEP = SCHOOL_SUMMARY_STEP;
const CHOOSE_FIELD_STEP = SUMMARY_STEP + 1;

/** A field's answer, typed: not a button, not empty, not a command; its length and shape the domain checks (checkSchoolField). */
const FIELD_TEXT = typedText({ max: Number.MAX_SAFE_INTEGER });

const button = (label: string, value: string, color?: ButtonColor): Button => sceneButton(SCHOOL_SETUP, label, value, color);

function askField(context: SetupContext, field: SchoolField, problem?: string): Promise<unknown> {
  const { t } = context.turn;
  const current = context.state.fields?.[field];
  const lines = [problem, t(`setup-ask-${field}`), current ? t('setup-current', { value: current }) : undefined].filter(Boolean);
  const rows: Button[][] = [];
  if (current) rows.push([button(t('btn-keep'), 'keep')]);
  rows.push([cancelButton(t)]);
  return context.turn.reply(lines.join('\n\n'), replyKeyboard(rows));
}

function fieldStep(field: SchoolField) {
  return async (context: SetupContext): Promise<unknown> => {
    const { t } = context.turn;
    if (context.firstTime) return askField(context, field);
    const fields = context.state.fields ?? {};
    const pressed = sceneValue(context.payload, SCHOOL_SETUP);
    if (pressed === 'keep' && fields[field]) return advance(context);
    const typed = readTyped(context, FIELD_TEXT);
    if (!typed.ok) return askField(context, field, typed.problem);
    const check = checkSchoolField(field, typed.value);
    if (!check.ok) return askField(context, field, t(`invalid-${check.problem}`, { max: check.max ?? 0, min: check.min ?? 0 }));
    context.state.fields = { ...fields, [field]: check.value };
    return advance(context);
  };
}

function advance(context: SetupContext): Promise<unknown> {
  if (context.state.editing) return context.go(SUMMARY_STEP);
  return context.next();
}

function showSummary(context: SetupContext, problem?: string): Promise<unknown> {
  const { t } = context.turn;
  const text = t('setup-summary', { summary: profileSummary(t, context.state.fields ?? {}) });
  return context.turn.reply(
    problem ? `${problem}\n\n${text}` : text,
    replyKeyboard([[button(t('btn-confirm'), 'confirm', 'positive'), button(t('btn-change'), 'change', 'primary')], [cancelButton(t)]]),
  );
}

function isComplete(fields: Partial<Record<SchoolField, string>>): fields is Record<SchoolField, string> {
  return SCHOOL_FIELDS.every((field) => typeof fields[field] === 'string');
}

/** The school setup dialog: six questions, a summary to confirm or change, then the profile, the staff room and the application. */
function schoolSetupSteps(): DialogStepHandler<SetupState>[] {
  const steps: Array<(context: SetupContext) => Promise<unknown>> = [
    ...SCHOOL_FIELDS.map(fieldStep),
    async (context) => {
      const { t } = context.turn;
      if (context.firstTime) return showSummary(context);
      const pressed = sceneValue(context.payload, SCHOOL_SETUP);
      const fields = context.state.fields ?? {};
      if (pressed === 'change') return context.go(CHOOSE_FIELD_STEP);
      if (pressed !== 'confirm') return showSummary(context, t(context.hasPayload ? 'button-stale' : 'invalid-choice'));
      const missing = SCHOOL_FIELDS.findIndex((field) => fields[field] === undefined);
      if (!isComplete(fields)) return context.go(missing);
      const profile = await saveSchoolProfile(context.turn.app, context.turn.caller, fields);
      await context.turn.reply(t('setup-saved', { staffRoom: STAFF_ROOM_NAME }), replyKeyboard([]));
      await sendApplication(context.turn, profile);
      // The dialog ends, and the admin is led through the next steps (issue 10).
      await context.leave();
      return showFirstSteps(context.turn.app, context.turn);
    },
    async (context) => {
      const { t } = context.turn;
      const rows: Button[][] = [];
      for (let i = 0; i < SCHOOL_FIELDS.length; i += 2) rows.push(SCHOOL_FIELDS.slice(i, i + 2).map((field) => button(t(`field-${field}`), field)));
      rows.push([button(t('btn-back'), 'back')]);
      const ask = (problem?: string) => context.turn.reply(problem ? `${problem}\n\n${t('setup-which-field')}` : t('setup-which-field'), replyKeyboard(rows));
      if (context.firstTime) return ask();
      const pressed = sceneValue(context.payload, SCHOOL_SETUP);
      if (pressed === 'back') return context.go(SUMMARY_STEP);
      const index = SCHOOL_FIELDS.indexOf(pressed as SchoolField);
      if (index < 0) return ask(t(context.hasPayload ? 'button-stale' : 'invalid-choice'));
      context.state.editing = true;
      return context.go(index);
    },
  ];
  return steps;
}

/** The school setup dialog (F01, F02, F03). */
export const schoolSetupDialog: DialogDefinition<SetupState> = { slug: SCHOOL_SETUP, steps: schoolSetupSteps() };
