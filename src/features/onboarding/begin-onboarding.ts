import { enterOnboarding } from './dialogs.js';
import { whomToAsk } from './whom-to-ask.js';
import type { App } from '../../app.js';
import { pendingText } from '../first-contact/answer-stranger.js';
import { roleName } from '../invites/issue-invite.js';
import { schoolName } from '../invites/invite-links.js';
import { type Invite, type InviteView, type Member } from '../../domain/index.js';
import type { Turn } from '../../turn.js';
import type { IncomingMessage } from '../../messenger/events.js';

/** Whether the person already holds the invite's role in its class. */
function alreadyMember(member: Member | null, invite: Invite): boolean {
  return member !== null && member.status === 'active' && member.roles.includes(invite.role) && member.classIds.includes(invite.classId);
}

/** The message for an invite that no longer works, naming why and whom to ask. */
function inactiveKey(view: InviteView): string {
  switch (view.state) {
    case 'expired':
      return 'onb-invite-expired';
    case 'revoked':
      return view.invite.revoked && view.invite.revokedCause === 'promotion' ? 'onb-invite-outdated' : 'onb-invite-revoked';
    case 'used_up':
      return 'onb-invite-used-up';
    case 'active':
      return 'onb-invite-revoked';
  }
}

/**
 * Starts joining by an invite (F23, F27, F19): refuses an invite that does not work (saying why
 * and whom to ask), greets an existing member, notes a request already waiting; otherwise opens
 * the onboarding dialog. Used by /join, the deep link of /start and the invite code step (scenes/join-code.ts).
 */
export async function beginOnboarding(context: IncomingMessage, turn: Turn, app: App, view: InviteView | undefined): Promise<unknown> {
  const { t, caller } = turn;
  if (!view || view.schoolId !== app.school.schoolId) return turn.reply(t('onb-invite-not-found'));
  const { invite } = view;
  const classGroup = await app.services.classes.get(invite.classId);
  const whom = whomToAsk(invite.role);
  if (view.state !== 'active' || classGroup?.status !== 'active') {
    // An invite of an archived class counts as revoked: the class no longer takes anyone.
    return turn.reply(t(classGroup?.status === 'active' || view.state === 'revoked' ? inactiveKey(view) : 'onb-invite-revoked', { whom }));
  }
  // A parent may join one class for a second child: the service decides per child once the child is named.
  if (invite.role !== 'parent') {
    if (alreadyMember(caller.member, invite)) {
      return turn.reply(t('onb-already-member', { class: classGroup.name, role: roleName(t, invite.role) }));
    }
    const openId = await app.services.requests.openFor(caller.personId, invite.classId, invite.role);
    if (openId) {
      // The request already waiting is shown as first contact shows it: class, role, since when, who decides.
      const open = await app.services.requests.get(openId);
      return turn.reply(open?.status === 'pending' ? await pendingText(app, turn, [open]) : t('onb-already-pending'));
    }
  }
  return enterOnboarding(context.dialogs, {
    inviteId: invite.id,
    role: invite.role,
    className: classGroup.name,
    schoolName: await schoolName(app, t),
  });
}
