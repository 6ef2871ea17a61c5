/**
 * A meeting's time as the person types it at a step of /meeting or of «Перенести» (scenes/meeting.ts,
 * scenes/meeting-move.ts): read in the school's time zone; a pressed button, an empty answer, an
 * unreadable or a past time are refused with the reason and an example.
 */
import type { DialogContext } from '../../turn.js';
import { parseTypedTime } from '../shared/typed-time.js';

/** The typed time (ms), or the problem with it in the person's language. */
export function readMeetingTime(context: DialogContext<object>): { ok: true; at: number } | { ok: false; problem: string } {
  const { t } = context.turn;
  if (context.hasPayload) return { ok: false, problem: t('button-stale') };
  if (!context.text.trim()) return { ok: false, problem: t('invalid-empty') };
  const read = parseTypedTime(context.text, Date.now(), context.turn.app.config.SCHOOL_TZ);
  if (read.ok) return read;
  return { ok: false, problem: t(read.reason === 'past' ? 'mt-time-past' : 'mt-time-unreadable') };
}
