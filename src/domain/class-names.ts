/**
 * Class names by the approved nomenclature: a grade 1–11 and one Cyrillic
 * letter, e.g. `5А`. Pure functions, no storage.
 */
import type { ClassNameError, ParsedClassName } from './types.js';

export const MIN_GRADE = 1;
export const MAX_GRADE = 11;
/** At most this many letters a grade in one creation (a school has a handful of parallel classes). */
export const MAX_LETTERS = 10;

/** Latin letters that look like Cyrillic ones, typed by mistake on an English layout. */
const LATIN_LOOKALIKES: Readonly<Record<string, string>> = {
  A: 'А', B: 'В', E: 'Е', K: 'К', M: 'М', H: 'Н', O: 'О', P: 'Р', C: 'С', T: 'Т', X: 'Х', Y: 'У',
  a: 'А', b: 'В', e: 'Е', k: 'К', m: 'М', h: 'Н', o: 'О', p: 'Р', c: 'С', t: 'Т', x: 'Х', y: 'У',
};

/** Separators people put between grade and letter: spaces, dashes, dots, quotes. */
const SEPARATORS = /[\s\-‐‑‒–—_.'"«»]/gu;
const CYRILLIC_UPPER = /^[А-ЯЁ]$/u;
const LATIN = /^[A-Za-z]$/u;
const LETTER = /^\p{L}$/u;

/** Maps one character to an upper-case Cyrillic letter if it is one (or a Latin look-alike). */
function toCyrillicLetter(ch: string): string {
  return LATIN_LOOKALIKES[ch] ?? ch.toLocaleUpperCase('ru-RU');
}

/** Normalises and validates a class name: `5a`, `5 А`, `5-а` → `5А`; otherwise says why not. */
export function parseClassName(input: string): ParsedClassName {
  const fail = (reason: ClassNameError): ParsedClassName => ({ ok: false, input, reason });
  const compact = input.replace(SEPARATORS, '');
  if (compact === '') return fail('empty');
  const m = /^(\d+)(.*)$/u.exec(compact);
  if (!m) return fail(/^\D*\d/u.test(compact) ? 'bad_characters' : 'no_grade');
  const grade = Number(m[1]);
  const rest = Array.from(m[2] ?? '');
  if (rest.length === 0) return fail('no_letter');
  if (rest.some((ch) => !LETTER.test(ch))) return fail('bad_characters');
  const letters = rest.map(toCyrillicLetter);
  if (letters.some((ch, i) => !CYRILLIC_UPPER.test(ch) && LATIN.test(rest[i] ?? ''))) return fail('not_cyrillic');
  if (letters.some((ch) => !CYRILLIC_UPPER.test(ch))) return fail('bad_characters');
  if (letters.length > 1) return fail('too_many_letters');
  if (!Number.isInteger(grade) || grade < MIN_GRADE || grade > MAX_GRADE) return fail('grade_out_of_range');
  const letter = letters[0] ?? '';
  return { ok: true, name: `${grade}${letter}`, grade, letter };
}

/** The normalised name, or `null` when the input is not a valid class name. */
export function normaliseClassName(input: string): string | null {
  const parsed = parseClassName(input);
  return parsed.ok ? parsed.name : null;
}

/** Orders class names by grade, then letter (`2А` < `10А`). */
export function compareClassNames(a: { grade: number; letter: string }, b: { grade: number; letter: string }): number {
  return a.grade - b.grade || a.letter.localeCompare(b.letter, 'ru-RU');
}

export interface GridSpec {
  fromGrade: number;
  toGrade: number;
  /** Letters as a string (`'АБВ'`, `'a, b, в'`) or a list. */
  letters: string | readonly string[];
}

export type GridError = 'grade_out_of_range' | 'bad_range' | 'no_letters' | 'bad_letter' | 'too_many_letters';

export type GridResult =
  | { ok: true; names: { name: string; grade: number; letter: string }[] }
  | { ok: false; reason: GridError; detail?: string };

/** Builds the names of a grades × letters grid (e.g. 1–4 × АБВ → 1А…4В), sorted, without duplicates. */
export function buildClassGrid(spec: GridSpec): GridResult {
  const { fromGrade, toGrade } = spec;
  for (const g of [fromGrade, toGrade]) {
    if (!Number.isInteger(g) || g < MIN_GRADE || g > MAX_GRADE) {
      return { ok: false, reason: 'grade_out_of_range', detail: String(g) };
    }
  }
  if (fromGrade > toGrade) return { ok: false, reason: 'bad_range', detail: `${fromGrade}>${toGrade}` };
  const raw = typeof spec.letters === 'string' ? Array.from(spec.letters) : spec.letters.flatMap((l) => Array.from(l));
  const letters: string[] = [];
  for (const ch of raw) {
    if (ch.replace(SEPARATORS, '') === '' || ch === ',' || ch === ';') continue;
    const letter = toCyrillicLetter(ch);
    if (!CYRILLIC_UPPER.test(letter)) return { ok: false, reason: 'bad_letter', detail: ch };
    if (!letters.includes(letter)) letters.push(letter);
  }
  if (letters.length === 0) return { ok: false, reason: 'no_letters' };
  if (letters.length > MAX_LETTERS) return { ok: false, reason: 'too_many_letters', detail: String(MAX_LETTERS) };
  const names: { name: string; grade: number; letter: string }[] = [];
  for (let grade = fromGrade; grade <= toGrade; grade++) {
    for (const letter of letters) names.push({ name: `${grade}${letter}`, grade, letter });
  }
  names.sort(compareClassNames);
  return { ok: true, names };
}

/** The first grade that names more than MAX_LETTERS letters among `names` (one creation), or `undefined`. */
export function gradeOverLetters(names: readonly { grade: number; letter: string }[]): number | undefined {
  const letters = new Map<number, Set<string>>();
  for (const { grade, letter } of names) {
    const set = letters.get(grade) ?? new Set<string>();
    set.add(letter);
    letters.set(grade, set);
    if (set.size > MAX_LETTERS) return grade;
  }
  return undefined;
}

/** Parses `1-8`, `1-4,9`: the grades whose students need a parent's consent; throws on anything else. */
export function parseGrades(raw: string): ReadonlySet<number> {
  const grades = new Set<number>();
  for (const part of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    const match = /^(\d{1,2})(?:\s*-\s*(\d{1,2}))?$/u.exec(part);
    if (!match) throw new RangeError(`bad grade range "${part}": write grades 1–11 as 1-8 or 1-4,9`);
    const from = Number(match[1]);
    const to = Number(match[2] ?? match[1]);
    if (from < MIN_GRADE || to > MAX_GRADE || from > to) throw new RangeError(`bad grade range "${part}": write grades 1–11 as 1-8 or 1-4,9`);
    for (let g = from; g <= to; g++) grades.add(g);
  }
  return grades;
}
