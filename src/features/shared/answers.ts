import { z } from 'zod';
import type { Translate } from '../../i18n.js';
import type { DialogContext } from '../../turn.js';
import { sceneValue } from './payload.js';

// The shapes of the answers a dialog's step takes (scenes/), checked with zod, and what the person is told
// when an answer has not the shape: in their language, with the limit, and the question asked again.

/** Why an answer has not the shape its step wants; carried by the schema's issues as `params`. */
export type AnswerProblem =
  | { problem: 'empty' }
  | { problem: 'command' }
  | { problem: 'too-short'; min: number }
  | { problem: 'too-long'; max: number; length: number };

/** What reading an answer gives: its value, or the problem to tell the person. */
export type AnswerRead<T> = { ok: true; value: T } | { ok: false; problem: string };

/** Characters as the person counts them (an emoji or «ё» is one), not UTF-16 units. */
const lengthOf = (text: string): number => [...text].length;

/**
 * A typed text answer: trimmed, not empty, not a command, of `min` (default 1) to `max` characters. A
 * command is refused rather than kept as the answer (a name, a reason…), since it was meant as a command.
 */
export function typedText(limits: { max: number; min?: number }) {
  const { max, min = 1 } = limits;
  return z
    .string()
    .trim()
    .refine((text) => text.length > 0, { params: { problem: 'empty' } satisfies AnswerProblem, abort: true })
    .refine((text) => !text.startsWith('/'), { params: { problem: 'command' } satisfies AnswerProblem, abort: true })
    .refine((text) => lengthOf(text) >= min, { params: { problem: 'too-short', min } satisfies AnswerProblem, abort: true })
    .superRefine((text, check) => {
      if (lengthOf(text) > max) check.addIssue({ code: 'custom', params: { problem: 'too-long', max, length: lengthOf(text) } satisfies AnswerProblem });
    });
}

/** The problem as the person reads it (the keys `invalid-*` of locales/). */
function answerProblemText(t: Translate, problem: AnswerProblem): string {
  switch (problem.problem) {
    case 'empty':
      return t('invalid-empty');
    case 'command':
      return t('invalid-command');
    case 'too-short':
      return t('invalid-too-short', { min: problem.min });
    case 'too-long':
      return t('invalid-too-long', { max: problem.max });
  }
}

/**
 * Reads `raw` (a typed text, or a pressed button's value) with the step's schema. An answer not of the
 * step's shape (a grade that is no number, say) is told `bad`, the step's own words («invalid-choice» if none).
 */
export function readAnswer<T>(t: Translate, schema: z.ZodType<T>, raw: string, bad?: string): AnswerRead<T> {
  const read = schema.safeParse(raw);
  if (read.success) return { ok: true, value: read.data };
  const issue = read.error.issues[0];
  const known = issue?.code === 'custom' ? (issue.params as AnswerProblem | undefined) : undefined;
  return { ok: false, problem: known ? answerProblemText(t, known) : (bad ?? t('invalid-choice')) };
}

/**
 * Reads the step's typed answer with its schema: a button pressed instead (of an old keyboard, or of
 * another dialog) is a stale button, whatever the schema.
 */
export function readTyped<T>(context: DialogContext<object>, schema: z.ZodType<T>, bad?: string): AnswerRead<T> {
  const { t } = context.turn;
  if (context.hasPayload) return { ok: false, problem: t('button-stale') };
  return readAnswer(t, schema, context.text, bad);
}

/**
 * The choice pressed at a step: one of `choices`, read from a button of the dialog `slug`; undefined
 * for a typed answer, a stale button or a value the step does not offer (a forged payload).
 */
export function sceneChoice<const Choice extends string>(payload: unknown, slug: string, choices: readonly [Choice, ...Choice[]]): Choice | undefined {
  const read = z.enum(choices).safeParse(sceneValue(payload, slug));
  return read.success ? read.data : undefined;
}

/** Any typed text, for a step of buttons: only the problems every typed answer has (empty, a command). */
const ANY_TEXT = typedText({ max: Number.MAX_SAFE_INTEGER });

/**
 * Why the answer to a step of buttons was refused: a stale button, an empty answer, a command, or not
 * one of the choices (`badChoice`, the step's own words; «invalid-choice» if none).
 */
export function choiceProblem(context: DialogContext<object>, badChoice?: string): string {
  const read = readTyped(context, ANY_TEXT);
  return read.ok ? (badChoice ?? context.turn.t('invalid-choice')) : read.problem;
}
