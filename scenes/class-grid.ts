import { createSummary } from '../src/features/classes/create-summary.js';
import { createClasses } from '../src/features/classes/create-classes.js';
import type { Translate } from '../src/i18n.js';
import { replyKeyboard, type Button, cancelButton, sceneButton, type ButtonColor } from '../src/features/shared/keyboards.js';
import { sceneValue } from '../src/features/shared/payload.js';
import { MAX_GRADE, MAX_LETTERS, MIN_GRADE, type GridError } from '../src/domain/class-names.js';
import type { GridPreviewRow } from '../src/domain/types.js';
import type { DialogContext, DialogDefinition, DialogStepHandler } from '../src/turn.js';
import { CLASS_GRID } from '../src/features/classes/dialogs.js';
import { z } from 'zod';
import { readAnswer, typedText, type AnswerRead } from '../src/features/shared/answers.js';

/** Letter sets offered as buttons; anything else is typed. */
const LETTER_SETS = ['АБ', 'АБВ', 'АБВГ'] as const;

interface GridState extends Record<string, unknown> {
  fromGrade?: number;
  toGrade?: number;
  letters?: string;
}

type GridContext = DialogContext<GridState>;

const button = (label: string, value: string, color?: ButtonColor): Button => sceneButton(CLASS_GRID, label, value, color);

function gradeRows(from: number): Button[][] {
  const rows: Button[][] = [];
  for (let grade = from; grade <= MAX_GRADE; grade += 4) {
    rows.push(Array.from({ length: Math.min(4, MAX_GRADE - grade + 1) }, (_, i) => button(String(grade + i), String(grade + i))));
  }
  return rows;
}

/** A grade, typed or pressed: a whole number from `min` to 11. */
const grade = (min: number) => z.string().trim().regex(/^\d{1,2}$/u).transform(Number).pipe(z.number().min(min).max(MAX_GRADE));
/** The letters, typed or pressed («АБВ», «А Б В»): the domain checks each is a letter of a class's name. */
const LETTERS = typedText({ max: 60 });

/** A grade typed or pressed, if it is a whole number in [min, 11]; the problem with it otherwise. */
function readGrade(context: GridContext, min: number): AnswerRead<number> {
  const { t } = context.turn;
  const pressed = sceneValue(context.payload, CLASS_GRID);
  if (pressed === undefined && context.hasPayload) return { ok: false, problem: t('button-stale') };
  return readAnswer(t, grade(min), pressed ?? context.text, t('cls-grid-bad-grade', { min }));
}

function ask(context: GridContext, text: string, rows: Button[][], problem?: string): Promise<unknown> {
  const { t } = context.turn;
  return context.turn.reply(problem ? `${problem}\n\n${text}` : text, replyKeyboard([...rows, [cancelButton(t)]]));
}

/** The preview: one line a grade, names that already exist marked. */
function previewText(t: Translate, rows: GridPreviewRow[]): string {
  const byGrade = new Map<number, string[]>();
  for (const row of rows) {
    const names = byGrade.get(row.grade) ?? [];
    names.push(row.exists ? t('cls-grid-exists-mark', { name: row.name }) : row.name);
    byGrade.set(row.grade, names);
  }
  return [...byGrade.values()].map((names) => names.join(', ')).join('\n');
}

/** Why the letters typed make no grid (the grades were checked at their steps): not a letter, none, or too many (MAX_LETTERS, the domain's rule). */
function lettersProblem(t: Translate, reason: GridError, detail: string | undefined): string {
  if (reason === 'bad_letter') return t('cls-grid-bad-letter', { letter: detail ?? '' });
  if (reason === 'too_many_letters') return t('cls-grid-many-letters', { max: MAX_LETTERS });
  return t('cls-grid-no-letters');
}

/** The wizard: grade from, grade to, letters, preview → create the new names. */
function classGridSteps(): DialogStepHandler<GridState>[] {
  const steps: Array<(context: GridContext) => Promise<unknown>> = [
    async (context) => {
      const { t } = context.turn;
      const prompt = t('cls-grid-ask-from');
      if (context.firstTime) return ask(context, prompt, gradeRows(MIN_GRADE));
      const grade = readGrade(context, MIN_GRADE);
      if (!grade.ok) return ask(context, prompt, gradeRows(MIN_GRADE), grade.problem);
      context.state.fromGrade = grade.value;
      return context.next();
    },
    async (context) => {
      const { t } = context.turn;
      const from = context.state.fromGrade ?? MIN_GRADE;
      const prompt = t('cls-grid-ask-to', { from });
      if (context.firstTime) return ask(context, prompt, gradeRows(from));
      const grade = readGrade(context, from);
      if (!grade.ok) return ask(context, prompt, gradeRows(from), grade.problem);
      context.state.toGrade = grade.value;
      return context.next();
    },
    async (context) => {
      const { t } = context.turn;
      const rows = [LETTER_SETS.map((set) => button(Array.from(set).join(' '), set))];
      const prompt = t('cls-grid-ask-letters');
      if (context.firstTime) return ask(context, prompt, rows);
      const pressed = sceneValue(context.payload, CLASS_GRID);
      if (pressed === undefined && context.hasPayload) return ask(context, prompt, rows, t('button-stale'));
      const read = readAnswer(t, LETTERS, pressed ?? context.text);
      if (!read.ok) return ask(context, prompt, rows, read.problem);
      const letters = read.value;
      const preview = await context.turn.app.services.classes.previewGrid({ fromGrade: context.state.fromGrade ?? MIN_GRADE, toGrade: context.state.toGrade ?? MAX_GRADE, letters });
      if (!preview.ok) return ask(context, prompt, rows, lettersProblem(t, preview.reason, preview.detail));
      const distinct = new Set(preview.rows.map((row) => row.letter));
      context.state.letters = [...distinct].join('');
      return context.next();
    },
    async (context) => {
      const { t } = context.turn;
      const { fromGrade = MIN_GRADE, toGrade = MAX_GRADE, letters = '' } = context.state;
      const preview = await context.turn.app.services.classes.previewGrid({ fromGrade, toGrade, letters });
      if (!preview.ok) return context.go(2);
      const fresh = preview.rows.filter((row) => !row.exists);
      const text = t('cls-grid-preview', { list: previewText(t, preview.rows), count: fresh.length, existing: preview.rows.length - fresh.length });
      const rows = [[button(t('cls-btn-grid-create', { count: fresh.length }), 'create', 'positive'), button(t('cls-btn-grid-letters'), 'letters')]];
      if (fresh.length === 0) {
        await context.turn.reply(t('cls-grid-all-exist', { list: previewText(t, preview.rows) }), replyKeyboard([]));
        return context.leave();
      }
      if (context.firstTime) return ask(context, text, rows);
      const pressed = sceneValue(context.payload, CLASS_GRID);
      if (pressed === 'letters') return context.go(2);
      if (pressed !== 'create') return ask(context, text, rows, t(context.hasPayload ? 'button-stale' : 'invalid-choice'));
      const { outcome } = await createClasses(context.turn.app, context.turn, fresh.map((row) => row.name));
      await context.turn.reply(outcome.kind === 'created' ? createSummary(t, outcome.results) : outcome.text, replyKeyboard([]));
      return context.leave();
    },
  ];
  return steps;
}

export const classGridDialog: DialogDefinition<GridState> = { slug: CLASS_GRID, steps: classGridSteps() };
