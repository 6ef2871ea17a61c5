/**
 * What the administration chats (F22) send to people who join their audience later: a teacher
 * verified after the staff chat was made gets its link; a deputy (or head) appointed after the
 * leadership chat was made gets that one.
 */
import type { App } from '../../app.js';
import { belongsInAdminChat, type AdminChatKind, type Member } from '../../domain/index.js';
import type { Notice } from '../shared/notices.js';

/**
 * A notice with the link of each chat of `kinds` that exists and that the member now belongs in;
 * `occasion` tells one occasion from another in the send's key (a repeat of it is one message).
 */
export async function adminChatLinkNotices(app: App, member: Member, kinds: readonly AdminChatKind[], occasion: string): Promise<Notice[]> {
  const notices: Notice[] = [];
  for (const kind of kinds) {
    if (!belongsInAdminChat(kind, member)) continue;
    const chat = await app.services.adminChats.get(kind);
    if (!chat) continue;
    notices.push({
      kind: 'send',
      to: member.personId,
      key: `ac-link:${kind}:${member.personId}:${occasion}`,
      build: ({ t }) => ({ text: t(kind === 'leadership' ? 'ac-late-leadership' : 'ac-late-staff', { title: chat.title, link: chat.link }) }),
    });
  }
  return notices;
}
