/**
 * Revoking invites (F11), the use cases: one invite, or every invite nobody used. The domain
 * re-checks the right (invite.revoke: an admin school-wide, a verified class teacher for the
 * student and parent invites of their classes) at the moment it runs. Nobody else is told.
 */
import type { App } from '../../app.js';
import { NotFoundError, PermissionDeniedError, can, canSomewhere, type Invite } from '../../domain/index.js';
import type { Caller } from '../../turn.js';
import type { WithNotices } from '../shared/notices.js';

/** What became of a revocation: done, refused (no right to it), or the invite is gone or no longer works. */
export type RevokeOutcome = { kind: 'revoked'; invite: Invite } | { kind: 'denied' } | { kind: 'not-found' };

/** Revokes the invite `inviteId` on behalf of `caller`. */
export async function revokeInvite(app: App, caller: Caller, inviteId: string): Promise<WithNotices<RevokeOutcome>> {
  try {
    return { outcome: { kind: 'revoked', invite: await app.services.invites.revoke(caller.personId, inviteId) }, notices: [] };
  } catch (error) {
    if (error instanceof PermissionDeniedError) return { outcome: { kind: 'denied' }, notices: [] };
    if (error instanceof NotFoundError) return { outcome: { kind: 'not-found' }, notices: [] };
    throw error;
  }
}

/** How many unused invites were revoked, or `denied` for a caller who may revoke none. */
export type RevokeUnusedOutcome = { kind: 'revoked'; count: number } | { kind: 'denied' };

/** Revokes every unused invite `caller` may revoke (school-wide for an admin, their own classes for a class teacher). */
export async function revokeUnusedInvites(app: App, caller: Caller): Promise<WithNotices<RevokeUnusedOutcome>> {
  if (!canSomewhere(caller.member, 'invite.revoke')) return { outcome: { kind: 'denied' }, notices: [] };
  if (can(caller.member, 'invite.revoke')) return { outcome: { kind: 'revoked', count: await app.services.invites.revokeAllUnused(caller.personId) }, notices: [] };
  let count = 0;
  for (const classId of caller.member?.classTeacherOf ?? []) {
    if (can(caller.member, 'invite.revoke', { classId, role: 'student' })) count += await app.services.invites.revokeAllUnused(caller.personId, { classId });
  }
  return { outcome: { kind: 'revoked', count }, notices: [] };
}
