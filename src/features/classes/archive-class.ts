/**
 * Archiving a class (F04), the use case: the confirmation button of /archive. The domain re-checks the
 * right (school.edit) and that it is a regular class; it frees the name, revokes the class's open
 * invites and unassigns its class teachers. Nobody else is told.
 */
import type { App } from '../../app.js';
import type { Turn } from '../../turn.js';
import type { WithNotices } from '../shared/notices.js';
import { attempt } from '../shared/refusals.js';

/**
 * What became of archiving: done (the class's name, the invites revoked); the class is gone
 * (`not-found`) or was archived already; or a refusal in words.
 */
export type ArchiveOutcome =
  | { kind: 'archived'; name: string; revokedInvites: number }
  | { kind: 'not-found' }
  | { kind: 'already-archived'; name: string }
  | { kind: 'refused'; text: string };

/** Archives the class `classId` on behalf of the turn's caller. */
export async function archiveClass(app: App, turn: Pick<Turn, 't' | 'caller'>, classId: string): Promise<WithNotices<ArchiveOutcome>> {
  const { t, caller } = turn;
  const before = await app.services.classes.get(classId);
  if (!before) return { outcome: { kind: 'not-found' }, notices: [] };
  if (before.status === 'archived') return { outcome: { kind: 'already-archived', name: before.name }, notices: [] };
  const done = await attempt(t, () => app.services.classes.archive(caller.personId, before.id));
  if (!done.ok) return { outcome: { kind: 'refused', text: done.text }, notices: [] };
  return { outcome: { kind: 'archived', name: before.name, revokedInvites: done.value.revokedInvites }, notices: [] };
}
