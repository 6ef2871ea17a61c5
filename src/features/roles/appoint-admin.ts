/**
 * Appointing and removing platform admins (F06, F18), the use cases: the domain re-checks the right
 * (admin.appoint: an admin or the head), that the appointee is a verified teacher, and that the last
 * admin stays. The outcome is returned for the person acting, with the appointee's message.
 */
import type { App } from '../../app.js';
import type { PersonId } from '../../domain/person.js';
import type { Member } from '../../domain/types.js';
import type { Turn } from '../../turn.js';
import type { WithNotices } from '../shared/notices.js';
import { attempt } from '../shared/refusals.js';
import { adminNotice } from './role-notices.js';

/** What the person acting is told; `changed: false` when the person was an admin already (or, removing, was none). */
export type AdminOutcome = { kind: 'refused'; text: string } | { kind: 'done'; changed: boolean; member: Member };

/** Makes the person `personId` a platform admin on behalf of the turn's caller. */
export async function appointAdmin(app: App, turn: Turn, personId: PersonId): Promise<WithNotices<AdminOutcome>> {
  const before = await app.services.members.get(personId);
  const done = await attempt(turn.t, () => app.services.members.appointAdmin(turn.caller.personId, personId));
  if (!done.ok) return { outcome: { kind: 'refused', text: done.text }, notices: [] };
  const changed = !before?.roles.includes('admin');
  return { outcome: { kind: 'done', changed, member: done.value }, notices: changed ? [adminNotice(personId, true)] : [] };
}

/** Takes the admin role from the person `personId` on behalf of the turn's caller (never from the last admin); one who removes themselves is not told. */
export async function removeAdmin(app: App, turn: Turn, personId: PersonId): Promise<WithNotices<AdminOutcome>> {
  const before = await app.services.members.get(personId);
  const done = await attempt(turn.t, () => app.services.members.removeAdmin(turn.caller.personId, personId));
  if (!done.ok) return { outcome: { kind: 'refused', text: done.text }, notices: [] };
  const changed = before?.roles.includes('admin') === true;
  return { outcome: { kind: 'done', changed, member: done.value }, notices: changed && personId !== turn.caller.personId ? [adminNotice(personId, false)] : [] };
}
