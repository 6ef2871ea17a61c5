/** Keeping an announced event and changing it, with the domain's refusals in words (F13, F26, F31). */
import type { App } from '../../app.js';
import type { Translate } from '../../i18n.js';
import { BroadcastCancelledError, BroadcastTimePastError, NotFoundError, PermissionDeniedError, type Broadcast, type BroadcastInput, type BroadcastKind } from '../../domain/index.js';
import type { Turn } from '../../turn.js';
import { refusalText } from '../shared/refusals.js';

/** Why the domain refused to keep, move or cancel an event of `kind`, in words; undefined for anything else (rethrown). */
export function eventRefusal(t: Translate, kind: BroadcastKind, error: unknown): string | undefined {
  if (error instanceof BroadcastCancelledError) return t('bc-already-cancelled', { kind });
  if (error instanceof BroadcastTimePastError) return t('bc-time-past');
  if (error instanceof PermissionDeniedError) return t(kind === 'lesson' ? 'bc-lesson-denied' : 'bc-denied');
  if (error instanceof NotFoundError && error.entity === 'broadcast') return t('bc-not-found');
  if (error instanceof NotFoundError && error.entity === 'studyChat') return t('bc-lesson-chat-gone');
  return refusalText(t, error);
}

/** Runs a change of an event of `kind`; a refusal comes back as its text, anything else is rethrown. */
export async function refusing<T>(t: Translate, kind: BroadcastKind, work: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; text: string }> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    const text = eventRefusal(t, kind, error);
    if (text === undefined) throw error;
    return { ok: false, text };
  }
}

/** Keeps an announced event (the organiser is the caller). */
export function keepEvent(app: App, turn: Turn, input: BroadcastInput): Promise<{ ok: true; value: Broadcast } | { ok: false; text: string }> {
  return refusing(turn.t, input.kind, () => app.services.broadcasts.create(turn.caller.personId, input));
}
