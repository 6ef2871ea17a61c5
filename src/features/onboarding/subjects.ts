import { z } from 'zod';
import type { Translate } from '../../i18n.js';
import { typedText } from '../shared/answers.js';

/**
 * The school subjects a teacher can pick when joining the staff room (F23, F19). They are stored
 * under their Russian names (the school's records); `subjectName` shows them in the reader's language.
 */
const SUBJECTS = {
  russian: 'Русский язык',
  literature: 'Литература',
  maths: 'Математика',
  algebra: 'Алгебра',
  geometry: 'Геометрия',
  informatics: 'Информатика',
  history: 'История',
  social: 'Обществознание',
  geography: 'География',
  biology: 'Биология',
  physics: 'Физика',
  chemistry: 'Химия',
  english: 'Английский язык',
  german: 'Немецкий язык',
  pe: 'Физическая культура',
  art: 'ИЗО',
  music: 'Музыка',
  technology: 'Технология',
  safety: 'ОБЖ',
  primary: 'Начальные классы',
} as const;

export type SubjectId = keyof typeof SUBJECTS;

/** Ids of the default subjects (each has a locale key `subject-<id>`). */
export const SUBJECT_IDS = Object.keys(SUBJECTS) as SubjectId[];

/** The default subjects as stored, in the order the dialog shows them. */
export const DEFAULT_SUBJECTS: readonly string[] = Object.values(SUBJECTS);

const ID_BY_NAME = new Map<string, SubjectId>(SUBJECT_IDS.map((id) => [SUBJECTS[id], id]));

/** A stored subject in the reader's language; a subject a teacher typed is shown as typed. */
export function subjectName(t: Translate, subject: string): string {
  const id = ID_BY_NAME.get(subject);
  return id ? t(`subject-${id}`) : subject;
}

/** Longest subject name the bot accepts when a teacher types one. */
export const MAX_SUBJECT_LENGTH = 60;

/** A subject a teacher typed: 2–60 letters, digits and simple punctuation; undefined if it is not one. */
function checkSubject(raw: string): string | undefined {
  const value = raw.trim().replace(/\s+/g, ' ');
  if (value.length < 2 || value.length > MAX_SUBJECT_LENGTH) return undefined;
  return /^[\p{L}\d][\p{L}\d .,()'’+-]*$/u.test(value) ? value : undefined;
}

/**
 * A subject typed at onboarding's subjects step, as its answer's schema: not empty nor a command
 * (answers.ts), then a subject by {@link checkSubject} (the value normalised); anything else is the step's «onb-bad-subject».
 */
export const SUBJECT_ANSWER = typedText({ max: Number.MAX_SAFE_INTEGER }).transform((text, check) => {
  const subject = checkSubject(text);
  if (subject !== undefined) return subject;
  check.addIssue({ code: 'custom', message: 'not a subject' });
  return z.NEVER;
});
