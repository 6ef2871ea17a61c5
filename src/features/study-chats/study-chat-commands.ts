import { enterStudyChat } from './dialogs.js';
import type { CommandSpec } from '../shared/command-registry.js';
import { chatListText, mayCreateStudyChats, maySeeStudyChats, studyChatRefusal } from './create-study-chat.js';

/** /chat — a verified teacher opens a subject chat for a class (F25): the dialog asks the class, subject and title. */
export const chatCommand: CommandSpec = {
  name: 'chat',
  aliases: ['чат'],
  summaryKey: 'sc-cmd-chat',
  dmOnly: true,
  allowed: mayCreateStudyChats,
  refusal: studyChatRefusal,
  run(message) {
    return enterStudyChat(message.dialogs);
  },
};

/** /chats — the teacher's study chats with their links; the administration sees every chat of the school (F25). */
export const chatsCommand: CommandSpec = {
  name: 'chats',
  aliases: ['чаты'],
  summaryKey: 'sc-cmd-chats',
  dmOnly: true,
  allowed: maySeeStudyChats,
  refusal: studyChatRefusal,
  async run(_message, _args, turn, app) {
    return turn.reply(await chatListText(app, turn));
  },
};
