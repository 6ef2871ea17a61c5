/**
 * Sending an invite to a person (F05), the use case: the sender must still be one who may invite
 * to the invite's class and role (the permission matrix, at the moment it runs), and the invite
 * must still work. The outcome is returned for the sender, with the message to the person (text,
 * link, code and QR picture, in their language); {@link sendInviteAndReport} delivers it and tells
 * the sender how it went.
 */
import type { App } from '../../app.js';
import { can, PermissionDeniedError, type Invite } from '../../domain/index.js';
import type { PersonId } from '../../domain/person.js';
import type { Turn } from '../../turn.js';
import { replyKeyboard } from '../shared/keyboards.js';
import { deliverNotices, type WithNotices } from '../shared/notices.js';
import { inviteLink, personalInviteNotice } from './invite-links.js';
import { inviteErrorKey, lookupVkUser } from './issue-invite.js';
import { choosePerson } from '../shared/person-picker.js';
import { personMention } from '../shared/person-ref.js';
import { classNameOf } from '../shared/class-ref.js';

/** A person found in the messenger: their id and «Имя Фамилия» (may be empty). */
export interface InviteRecipient {
  id: PersonId;
  name: string;
}

/** What the sender is told before delivery: why not, or the invite and whom it goes to. */
export type SendInviteOutcome = { kind: 'refused'; text: string } | { kind: 'ready'; invite: Invite; person: InviteRecipient };

/** Prepares the invite `invite` for `person` on behalf of the turn's caller. */
export async function sendInvite(app: App, turn: Turn, invite: Invite, person: InviteRecipient): Promise<WithNotices<SendInviteOutcome>> {
  const { t, caller } = turn;
  if (!can(caller.member, 'invite.create', { classId: invite.classId, role: invite.role })) {
    const key = inviteErrorKey(new PermissionDeniedError('invite.create', caller.personId), invite.role) ?? 'command-denied';
    return { outcome: { kind: 'refused', text: t(key) }, notices: [] };
  }
  const current = await app.services.invites.get(invite.id);
  if (!current || app.services.invites.stateOf(current) !== 'active') return { outcome: { kind: 'refused', text: t('inv-send-inactive') }, notices: [] };
  const school = await app.school.get();
  const notice = personalInviteNotice(app, current, person.id, await classNameOf(app, current.classId), school?.shortName);
  return { outcome: { kind: 'ready', invite: current, person }, notices: [notice] };
}

/**
 * Sends the invite to the person and tells the sender how it went, plainly when the messenger will
 * not deliver (the person never wrote to the community: the sender gets the link and code to pass on).
 * Returns whether the person got it.
 */
export async function sendInviteAndReport(app: App, turn: Turn, invite: Invite, person: InviteRecipient): Promise<boolean> {
  const { outcome, notices } = await sendInvite(app, turn, invite, person);
  if (outcome.kind === 'refused') {
    await turn.reply(outcome.text, replyKeyboard([]));
    return false;
  }
  const { unreachable } = await deliverNotices(app, notices);
  // A mention that declines and knows its gender (from the name, when VK's is not known).
  const name = personMention(app.messenger, { personId: person.id, name: person.name }, turn.t);
  const { code, token } = outcome.invite;
  if (!unreachable.includes(person.id)) {
    await turn.reply(turn.t('inv-sent', { name, code }), replyKeyboard([]));
    app.logger.info({ inviteId: invite.id, to: person.id, by: turn.caller.personId }, 'invite sent to a person');
    return true;
  }
  await turn.reply(turn.t('inv-send-unreachable', { name, link: inviteLink(app, token), code }), replyKeyboard([]));
  return false;
}

/**
 * Sends the invite to the person the words name: a VK reference (`id123`, a link, `@short`, a short
 * name in Latin letters), or a part of a member's surname — several matches or none get the picker's
 * buttons (/sendinvite CODE <id>), see person-picker.ts.
 */
export async function sendInviteToNamed(app: App, turn: Turn, invite: Invite, words: readonly string[]): Promise<unknown> {
  const { t } = turn;
  const { people } = app.messenger;
  const only = words.length === 1 ? words[0] : undefined;
  const shortName = only !== undefined && people.id(only) === null ? people.ref(only) : undefined;
  if (shortName !== undefined) {
    const found = await lookupVkUser(app, shortName);
    if (found) return sendInviteAndReport(app, turn, invite, found);
  }
  const choice = await choosePerson(app, turn, words, { command: 'sendinvite', before: [invite.code], eligible: (m) => m.status === 'active', question: t('pp-invite-who'), confirmUnique: true });
  if (choice.kind === 'answered') return undefined;
  const person = choice.member ? { id: choice.personId, name: choice.member.name } : await lookupVkUser(app, choice.personId);
  if (!person) return turn.reply(t('inv-bad-recipient'));
  return sendInviteAndReport(app, turn, invite, person);
}
