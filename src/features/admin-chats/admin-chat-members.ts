/**
 * Who stays in the administration chats (F22): a person who left the school, or lost the role that
 * put them in a chat (a deputy relieved, a head replaced), is taken out of the chats they no longer belong in.
 */
import type { App } from '../../app.js';
import { ADMIN_CHAT_KINDS, belongsInAdminChat } from '../../domain/index.js';
import type { PersonId } from '../../domain/person.js';

/**
 * Removes each of these people (by personId, read as they are now) from the administration chats they no
 * longer belong in; returns the titles of the chats each was removed from, by personId. A person already out
 * of a chat is skipped; a chat the messenger refuses (the bot no longer runs it) is logged and skipped.
 */
export async function removeFromAdminChats(app: App, people: readonly PersonId[]): Promise<Map<PersonId, string[]>> {
  const removedFrom = new Map<PersonId, string[]>();
  const members = (await Promise.all(people.map((id) => app.services.members.get(id)))).filter((m) => m !== undefined);
  for (const kind of ADMIN_CHAT_KINDS) {
    const chat = await app.services.adminChats.get(kind);
    if (!chat) continue;
    for (const member of members) {
      if (belongsInAdminChat(kind, member)) continue;
      const removed = await app.messenger.removeFromChat(chat.peer, member.personId).catch((error: unknown) => {
        app.logger.warn({ adminChat: kind, person: member.personId, err: error instanceof Error ? error.name : 'unknown' }, 'could not remove from an administration chat');
        return false;
      });
      if (!removed) continue;
      app.logger.info({ adminChat: kind, person: member.personId }, 'removed from an administration chat');
      removedFrom.set(member.personId, [...(removedFrom.get(member.personId) ?? []), chat.title]);
    }
  }
  return removedFrom;
}
