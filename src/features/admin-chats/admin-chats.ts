/**
 * The administration chats (F22), the use cases /коллектив and its buttons call: the overview of
 * both chats, making one through the messenger port (once: the domain reserves it by the
 * operation), sending its link to its members in private messages, and the report the creator gets.
 */
import type { App } from '../../app.js';
import type { Translate } from '../../i18n.js';
import { ADMIN_CHAT_KINDS, STAFF_ROLES, can, type AdminChatKind, type Member, type ReadyAdminChat } from '../../domain/index.js';
import type { OutgoingMessage } from '../../messenger/messenger.js';
import type { DeliveryAuthor } from '../../app.js';
import type { Caller, Turn } from '../../turn.js';
import { authorOf } from '../shared/delivery-report.js';
import { inlineKeyboard } from '../shared/keyboards.js';
import { personShort, personShortArg } from '../shared/person-ref.js';
import { readerFor } from '../shared/recipients.js';
import { attempt } from '../shared/refusals.js';

/** The `a` of the creation buttons' payload; `id` is the kind. */
export const AC_CREATE = 'ac.create';

/** Who may make the administration chats: the head and admins. */
export const mayCreateAdminChats = (caller: Caller): boolean => can(caller.member, 'adminChat.create');

/** Why /коллектив is not for this person, in words. */
export const adminChatRefusal = (turn: Turn): string => turn.t(isStaff(turn) ? 'ac-denied' : 'ac-denied-not-staff');

/** Whether the caller is of the staff (a teacher or the administration), whom the chats are for. */
function isStaff(turn: Turn): boolean {
  return STAFF_ROLES.some((role) => turn.caller.roles.has(role));
}

/** A kind's chat title, in the school's language (the chat is the school's, not the creator's). */
export const adminChatTitle = (app: App, kind: AdminChatKind): string => app.i18n.bind(app.config.LOCALE)(kind === 'leadership' ? 'ac-title-leadership' : 'ac-title-staff');

/** The overview of both chats, with a button for each chat not made yet. */
export async function adminChatsMessage(app: App, t: Translate): Promise<OutgoingMessage> {
  const chats = await app.services.adminChats.all();
  const lines = [t('ac-header'), ''];
  const buttons = [];
  for (const kind of ADMIN_CHAT_KINDS) {
    const chat = chats[kind];
    const members = t(kind === 'leadership' ? 'ac-members-leadership' : 'ac-members-staff');
    if (chat) {
      lines.push(`• ${t('ac-line-made', { title: chat.title, members, link: chat.link })}`);
    } else {
      lines.push(`• ${t('ac-line-missing', { title: adminChatTitle(app, kind), members })}`);
      buttons.push([{ label: t(kind === 'leadership' ? 'ac-btn-create-leadership' : 'ac-btn-create-staff'), payload: { k: 'cb' as const, a: AC_CREATE, id: kind }, color: 'positive' as const }]);
    }
  }
  lines.push('', t(buttons.length > 0 ? 'ac-hint' : 'ac-all-made'));
  return { text: lines.join('\n'), ...(buttons.length > 0 ? { keyboard: inlineKeyboard(buttons) } : {}) };
}

/** What a creation attempt came to: the report for the creator and a short notice for the button. */
export interface CreateOutcome {
  readonly kind: 'created' | 'exists' | 'busy' | 'refused';
  readonly text: string;
}

/**
 * Makes the chat of a kind (or finds the one made, or made by this very update before a crash), sends
 * its link to its members (the creator aside) in private messages, and returns the report.
 */
export async function createAdminChat(app: App, turn: Turn, kind: AdminChatKind): Promise<CreateOutcome> {
  const { t, caller } = turn;
  const reserved = await attempt(t, () => app.services.adminChats.reserve(caller.personId, kind, adminChatTitle(app, kind)));
  if (!reserved.ok) return { kind: 'refused', text: t('ac-denied') };
  const reservation = reserved.value;
  if (reservation.kind === 'busy') return { kind: 'busy', text: t('ac-busy') };
  if (reservation.kind === 'exists') return { kind: 'exists', text: t('ac-exists', { title: reservation.chat.title, link: reservation.chat.link }) };
  let chat: ReadyAdminChat;
  if (reservation.kind === 'create') {
    const peer = await app.messenger.createChat(reservation.chat.title);
    const link = await app.messenger.inviteLink(peer);
    chat = await app.services.adminChats.finish(caller.personId, kind, peer, link);
    app.logger.info({ adminChat: kind, peer, by: caller.personId }, 'administration chat created');
  } else {
    chat = reservation.chat;
  }
  const report = await sendLink(app, caller, chat, authorOf(turn));
  return { kind: 'created', text: [t('ac-created', { title: chat.title, link: chat.link }), '', report(t)].join('\n') };
}

/** The person's role as the report names it: the highest of head, deputy, teacher. */
function staffRole(member: Member): 'head' | 'deputy' | 'teacher' {
  if (member.roles.includes('head')) return 'head';
  if (member.roles.includes('deputy')) return 'deputy';
  return 'teacher';
}

/** Sends the chat's link to its members (each in their language) and returns the report, to be worded in the creator's. */
async function sendLink(app: App, caller: Caller, chat: ReadyAdminChat, author: DeliveryAuthor): Promise<(t: Translate) => string> {
  const audience = (await app.services.adminChats.audience(chat.kind)).filter((m) => m.personId !== caller.personId);
  const by = caller.member ? personShortArg(caller.member) : app.messenger.mention(caller.personId, '…');
  const groups = new Map<string, { t: Translate; members: Member[] }>();
  for (const member of audience) {
    const reader = await readerFor(app, member.personId);
    const group = groups.get(reader.locale) ?? { t: reader.t, members: [] };
    group.members.push(member);
    groups.set(reader.locale, group);
  }
  const missed: Member[] = [];
  let reached = 0;
  for (const group of groups.values()) {
    const text = group.t(chat.kind === 'leadership' ? 'ac-invite-leadership' : 'ac-invite-staff', { by, title: chat.title, link: chat.link });
    // Staff only: never held by the quiet hours.
    const result = await app.deliveries.deliver({ message: { text }, recipients: group.members.map((m) => ({ chat: m.personId })), author });
    for (const member of group.members) {
      if (result.outcomes.get(member.personId)?.ok === true) reached += 1;
      else missed.push(member);
    }
  }
  app.logger.info({ adminChat: chat.kind, sent: audience.length, reached }, 'administration chat link sent');
  return (t) => {
    if (audience.length === 0) return t('ac-report-nobody');
    const lines = [t('ac-report-reached', { reached, total: audience.length })];
    if (missed.length === 0) return lines.join('\n');
    lines.push('', t('ac-report-missed', { count: missed.length }));
    missed.forEach((m, i) => lines.push(`${i + 1}. ${app.messenger.mention(m.personId, personShort(m))}, ${t(`role-${staffRole(m)}`)}`));
    lines.push('', t('ac-report-pass-on'));
    return lines.join('\n');
  };
}
