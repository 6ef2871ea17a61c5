import type { InviteRole } from '../../domain/index.js';

/**
 * Whom an applicant turns to about an invite of `role` (a new one, one that came by mistake) and who
 * reviews what it files, as the texts' `$whom` names them: the administration for a teacher (only
 * admins invite and take teachers, `invite.create` and `request.review` in src/domain/permissions.ts),
 * otherwise the class teacher (who may invite and take the students and parents of their class).
 */
export type WhomToAsk = 'admin' | 'teacher';

/** Whom the applicant for `role` asks and waits for (see {@link WhomToAsk}). */
export function whomToAsk(role: InviteRole): WhomToAsk {
  return role === 'teacher' ? 'admin' : 'teacher';
}
