/**
 * Which entries of the journal to show (F10): a period (today, the last 7 days, the last 30 days,
 * or typed dates «01.09–30.09» in the school's time zone), a class (by id: it keeps its entries
 * through renames and promotion) and a person (who acted or whom it was about). The filter travels
 * in the arguments of /журнал, so its buttons are the command with other arguments.
 */
import { zonedMoment } from '../shared/typed-time.js';
import { asPersonId, type PersonId } from '../../domain/person.js';
import type { AuditEntry } from '../../domain/types.js';

/** A period of the journal. `range`: from the start of `from`'s day to the end of `to`'s, in the school's time zone. */
export type AuditPeriod =
  | { kind: 'all' }
  | { kind: 'today' }
  | { kind: 'week' }
  | { kind: 'month' }
  | { kind: 'range'; from: DayOf; to: DayOf };

/** A calendar day as typed. */
export interface DayOf {
  day: number;
  month: number;
  year: number;
}

export interface AuditFilter {
  period: AuditPeriod;
  classId?: string | undefined;
  personId?: PersonId | undefined;
}

const DAY_MS = 86_400_000;

/** The words that name a period in /журнал's arguments (Russian first; English too). */
const PERIOD_WORDS: Readonly<Record<string, Exclude<AuditPeriod['kind'], 'range'>>> = {
  сегодня: 'today',
  today: 'today',
  неделя: 'week',
  week: 'week',
  месяц: 'month',
  month: 'month',
  всё: 'all',
  все: 'all',
  all: 'all',
};

/** The word a period is written with in the command's arguments (the buttons write it so). */
export function periodToken(period: AuditPeriod): string {
  switch (period.kind) {
    case 'all':
      return 'всё';
    case 'today':
      return 'сегодня';
    case 'week':
      return 'неделя';
    case 'month':
      return 'месяц';
    case 'range':
      return `${dayText(period.from)}–${dayText(period.to)}`;
  }
}

/** «01.09.2026». */
export function dayText(day: DayOf): string {
  return `${String(day.day).padStart(2, '0')}.${String(day.month).padStart(2, '0')}.${day.year}`;
}

/** The school's calendar day of `ms`. */
function dayOfMoment(ms: number, timeZone: string): DayOf {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(new Date(ms));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { day: get('day'), month: get('month'), year: get('year') };
}

/** The moment the school's day `day` starts. */
function startOf(day: DayOf, timeZone: string): number {
  return zonedMoment({ ...day, hour: 0, minute: 0, second: 0 }, timeZone);
}

/** A valid calendar day, or undefined. */
function validDay(day: number, month: number, year: number): DayOf | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? { day, month, year } : undefined;
}

/**
 * Reads a period word or a typed range «01.09–30.09» (also «1.9-30.9», «01.09.2025–30.09.2025»): undefined
 * when `word` is neither, `null` when it looks like a range but is no real one (30.02, an end before the start).
 * A range typed without a year that would end after today is last year's (in January, «01.09–30.09»).
 */
export function parsePeriod(word: string, now: number, timeZone: string): AuditPeriod | null | undefined {
  const kind = PERIOD_WORDS[word.toLocaleLowerCase('ru')];
  if (kind) return { kind } as AuditPeriod;
  const match = /^(\d{1,2})\.(\d{1,2})(?:\.(\d{4}))?[–—-](\d{1,2})\.(\d{1,2})(?:\.(\d{4}))?$/u.exec(word);
  if (!match) return undefined;
  const today = dayOfMoment(now, timeZone);
  const [, d1, m1, y1, d2, m2, y2] = match;
  let endYear = y2 ? Number(y2) : y1 ? Number(y1) : today.year;
  if (!y2 && !y1 && (Number(m2) > today.month || (Number(m2) === today.month && Number(d2) > today.day))) endYear -= 1;
  let startYear = y1 ? Number(y1) : endYear;
  if (!y1 && (Number(m1) > Number(m2) || (Number(m1) === Number(m2) && Number(d1) > Number(d2)))) startYear = endYear - 1;
  const from = validDay(Number(d1), Number(m1), startYear);
  const to = validDay(Number(d2), Number(m2), endYear);
  if (!from || !to || startOf(from, timeZone) > startOf(to, timeZone)) return null;
  return { kind: 'range', from, to };
}

/** The moments [from, to) a period covers at `now`. */
export function periodBounds(period: AuditPeriod, now: number, timeZone: string): { from: number; to: number } {
  const today = startOf(dayOfMoment(now, timeZone), timeZone);
  switch (period.kind) {
    case 'all':
      return { from: 0, to: Number.MAX_SAFE_INTEGER };
    case 'today':
      return { from: today, to: Number.MAX_SAFE_INTEGER };
    case 'week':
      return { from: startOf(dayOfMoment(today - 6 * DAY_MS + DAY_MS / 2, timeZone), timeZone), to: Number.MAX_SAFE_INTEGER };
    case 'month':
      return { from: startOf(dayOfMoment(today - 29 * DAY_MS + DAY_MS / 2, timeZone), timeZone), to: Number.MAX_SAFE_INTEGER };
    case 'range': {
      const end = startOf(period.to, timeZone);
      return { from: startOf(period.from, timeZone), to: startOf(dayOfMoment(end + DAY_MS + DAY_MS / 2, timeZone), timeZone) };
    }
  }
}

/** Whether an entry passes the filter. */
export function matches(entry: AuditEntry, filter: AuditFilter, bounds: { from: number; to: number }): boolean {
  if (entry.at < bounds.from || entry.at >= bounds.to) return false;
  if (filter.classId !== undefined && entry.target.classId !== filter.classId && entry.details?.fromClassId !== filter.classId) return false;
  if (filter.personId !== undefined) {
    const id = filter.personId;
    if (entry.actor !== id && entry.target.personId !== id && auditChild(entry) !== id) return false;
  }
  return true;
}

/** The child an entry's details name (a number in entries written before people were PersonIds). */
export function auditChild(entry: AuditEntry): PersonId | undefined {
  const child = entry.details?.childId;
  return typeof child === 'string' || typeof child === 'number' ? asPersonId(child) : undefined;
}
