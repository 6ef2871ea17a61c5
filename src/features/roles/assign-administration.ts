/**
 * Marking a verified teacher as the head or a deputy head, or taking it away (F06, F18, F19), the
 * use cases: the domain re-checks the right (administration.assign: an admin) and that the person is
 * a verified teacher; a new head replaces the old one. The outcome is returned for the admin, with
 * what follows for the person: their message and the links of the administration chats (F22) made
 * already that they now belong in.
 */
import type { App } from '../../app.js';
import type { PersonId } from '../../domain/person.js';
import type { AdministrationRole, Member } from '../../domain/types.js';
import type { Turn } from '../../turn.js';
import { adminChatLinkNotices } from '../admin-chats/admin-chat-notices.js';
import type { WithNotices } from '../shared/notices.js';
import { attempt } from '../shared/refusals.js';
import { administrationNotice } from './role-notices.js';

/** What the admin is told about marking someone. */
export type AssignOutcome =
  | { kind: 'refused'; text: string }
  /** `replaced`: the heads before (for a new head). */
  | { kind: 'set'; member: Member; replaced: Member[] };

/** Marks the person `personId` with `role` on behalf of the turn's caller. */
export async function assignAdministrationRole(app: App, turn: Turn, personId: PersonId, role: AdministrationRole): Promise<WithNotices<AssignOutcome>> {
  const previous = (await app.services.members.listByRole(role)).filter((m) => m.personId !== personId);
  const done = await attempt(turn.t, () => app.services.members.setAdministrationRole(turn.caller.personId, personId, role));
  if (!done.ok) return { outcome: { kind: 'refused', text: done.text }, notices: [] };
  const member = done.value;
  // The administration chats made already (F22): a deputy gets the leadership chat's link; a head both.
  const kinds = role === 'head' ? (['leadership', 'staff'] as const) : (['leadership'] as const);
  const chatLinks = await adminChatLinkNotices(app, member, kinds, `${role}:${turn.eventId ?? member.joinedAt}`);
  return {
    outcome: { kind: 'set', member, replaced: role === 'head' ? previous : [] },
    notices: [administrationNotice(personId, role), ...chatLinks],
  };
}

/** Takes `role` from the person `personId` on behalf of the turn's caller; nobody is told. */
export async function unassignAdministrationRole(app: App, turn: Turn, personId: PersonId, role: AdministrationRole): Promise<WithNotices<{ kind: 'refused'; text: string } | { kind: 'unset'; member: Member }>> {
  const done = await attempt(turn.t, () => app.services.members.unsetAdministrationRole(turn.caller.personId, personId, role));
  return { outcome: done.ok ? { kind: 'unset', member: done.value } : { kind: 'refused', text: done.text }, notices: [] };
}
