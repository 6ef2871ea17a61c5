import type { CommandSpec } from '../shared/command-registry.js';
import { adminChatRefusal, adminChatsMessage, mayCreateAdminChats } from './admin-chats.js';

/** /staffchats (/коллектив) — the head's chats with the deputies and with all teachers, made or not, with a button to make each (F22). */
export const staffChatsCommand: CommandSpec = {
  name: 'staffchats',
  aliases: ['коллектив', 'чатыколлектива'],
  summaryKey: 'ac-cmd-summary',
  dmOnly: true,
  allowed: mayCreateAdminChats,
  refusal: adminChatRefusal,
  async run(_message, _args, turn, app) {
    const overview = await adminChatsMessage(app, turn.t);
    return turn.reply(overview.text, overview.keyboard);
  },
};
