/**
 * Quiet hours (QUIET_HOURS, e.g. 21-8 in SCHOOL_TZ): while they last, private messages of a send to
 * many wait for students and parents, and go when they end. Minutes of the school's day; a time zone
 * with a clock change moves the end by the change (Europe/Moscow has none).
 */

/** The quiet hours as minutes of the school's day. */
export interface QuietHours {
  /** Minutes after midnight when the quiet time starts (21:00 → 1260). */
  readonly from: number;
  /** Minutes after midnight when it ends (08:00 → 480); below `from` when it spans midnight. */
  readonly to: number;
}

const DAY_MINUTES = 24 * 60;

/** The minute of the day, and the seconds into it, at `now` in `timeZone`. */
function localMinute(now: number, timeZone: string): { minute: number; intoMs: number } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(now));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { minute: part('hour') * 60 + part('minute'), intoMs: part('second') * 1000 + (now % 1000) };
}

/** Whether a minute of the day is in the quiet hours. */
function isQuiet(quiet: QuietHours, minute: number): boolean {
  return quiet.from < quiet.to ? minute >= quiet.from && minute < quiet.to : minute >= quiet.from || minute < quiet.to;
}

/** When the quiet time under way at `now` ends (ms epoch); undefined when it is not quiet now or quiet hours are off. */
export function quietUntil(quiet: QuietHours | null, timeZone: string, now: number): number | undefined {
  if (!quiet) return undefined;
  const { minute, intoMs } = localMinute(now, timeZone);
  if (!isQuiet(quiet, minute)) return undefined;
  const minutesLeft = (quiet.to - minute + DAY_MINUTES) % DAY_MINUTES;
  return now - intoMs + minutesLeft * 60_000;
}

/** `21:00`: a minute of the day as the clock shows it. */
export function clockText(minuteOfDay: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(minuteOfDay / 60))}:${pad(minuteOfDay % 60)}`;
}
