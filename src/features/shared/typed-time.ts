/**
 * A time as people type it (meetings, broadcasts, online lessons), in the school's time zone: «15.09 14:30», «15.09.2025 14:30»,
 * «завтра 15:00», «сегодня 9:00», «послезавтра 10:00» (seconds may follow the minutes: «14:30:15»).
 */

/** What a typed time came to: the moment (ms), or why not. */
export type TypedTime = { ok: true; at: number } | { ok: false; reason: 'unreadable' | 'past' };

const DAY_WORDS: Readonly<Record<string, number>> = { сегодня: 0, today: 0, завтра: 1, tomorrow: 1, послезавтра: 2 };

/** A date typed without a year that is further back than this is taken as next year's (in December, «15.01»). */
const NEXT_YEAR_AFTER_MS = 31 * 86_400_000;

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall clock of `ms` in `timeZone`. */
function wallOf(ms: number, timeZone: string): Wall {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(ms));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** The moment the wall clock of `timeZone` shows `wall`. */
export function zonedMoment(wall: Wall, timeZone: string): number {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const offset = (ms: number): number => {
    const w = wallOf(ms, timeZone);
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(ms / 1000) * 1000;
  };
  const first = asUtc - offset(asUtc);
  return asUtc - offset(first);
}

/** Reads a typed date and time; the past is refused. */
export function parseTypedTime(typed: string, now: number, timeZone: string): TypedTime {
  const text = typed.trim().toLocaleLowerCase('ru-RU').replace(/\s+/gu, ' ').replace(/\s*в\s+(?=\d)/u, ' ');
  const match = /^(?:(\d{1,2})[./](\d{1,2})(?:[./](\d{2}|\d{4}))?|(сегодня|today|завтра|tomorrow|послезавтра))[, ]\s*(\d{1,2})[:.](\d{2})(?::(\d{2}))?$/u.exec(text);
  if (!match) return { ok: false, reason: 'unreadable' };
  const [, dd, mm, yy, word, hh, mi, ss] = match;
  const hour = Number(hh);
  const minute = Number(mi);
  const second = Number(ss ?? 0);
  if (hour > 23 || minute > 59 || second > 59) return { ok: false, reason: 'unreadable' };
  const today = wallOf(now, timeZone);
  let wall: Wall;
  if (word !== undefined) {
    const shifted = new Date(Date.UTC(today.year, today.month - 1, today.day + (DAY_WORDS[word] ?? 0)));
    wall = { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate(), hour, minute, second };
  } else {
    const day = Number(dd);
    const month = Number(mm);
    const year = yy === undefined ? today.year : yy.length === 2 ? 2000 + Number(yy) : Number(yy);
    const check = new Date(Date.UTC(year, month - 1, day));
    if (month < 1 || month > 12 || check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return { ok: false, reason: 'unreadable' };
    wall = { year, month, day, hour, minute, second };
    if (yy === undefined && zonedMoment(wall, timeZone) < now - NEXT_YEAR_AFTER_MS) wall = { ...wall, year: year + 1 };
  }
  const at = zonedMoment(wall, timeZone);
  return at <= now ? { ok: false, reason: 'past' } : { ok: true, at };
}

/** How a test or an example writes a moment so that {@link parseTypedTime} reads it back: `dd.mm.yyyy hh:mm:ss`. */
export function typedMoment(ms: number, timeZone: string): string {
  const w = wallOf(ms, timeZone);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(w.day)}.${two(w.month)}.${w.year} ${two(w.hour)}:${two(w.minute)}:${two(w.second)}`;
}
