import { enterPost } from './dialogs.js';
import type { CommandSpec } from '../shared/command-registry.js';
import { sendScheduledList } from './scheduled-posts.js';
import { bindChannel, channelListText, channelRefusal, mayPublish, postList, unbindChannel } from './channels.js';

/** /bind school|staff — typed in a chat by an admin: the chat becomes the school-wide or the staff channel (F12). */
export const bindCommand: CommandSpec = {
  name: 'bind',
  aliases: ['привязать'],
  summaryKey: 'ch-cmd-bind',
  allowed: mayPublish,
  refusal: channelRefusal,
  async run(message, args, turn, app) {
    return turn.reply(await bindChannel(app, turn, message, args));
  },
};

/** /unbind — typed in a channel's chat by an admin: it is a channel no more (F12). */
export const unbindCommand: CommandSpec = {
  name: 'unbind',
  aliases: ['отвязать'],
  summaryKey: 'ch-cmd-unbind',
  allowed: mayPublish,
  refusal: channelRefusal,
  async run(message, _args, turn, app) {
    return turn.reply(await unbindChannel(app, turn, message));
  },
};

/** /channels — which chat is the school-wide channel and which the staff channel (F12). */
export const channelsCommand: CommandSpec = {
  name: 'channels',
  aliases: ['каналы'],
  summaryKey: 'ch-cmd-channels',
  allowed: mayPublish,
  refusal: channelRefusal,
  async run(_message, _args, turn, app) {
    return turn.reply(await channelListText(app, turn));
  },
};

/** /post — an admin writes a post to a channel: the dialog asks the channel, the text, pinning, and shows the preview (F12). */
export const postCommand: CommandSpec = {
  name: 'post',
  aliases: ['пост'],
  summaryKey: 'ch-cmd-post',
  dmOnly: true,
  allowed: mayPublish,
  refusal: channelRefusal,
  run(message) {
    return enterPost(message.dialogs);
  },
};

/** /posts — the last posts with how many they reached (F12). */
export const postsCommand: CommandSpec = {
  name: 'posts',
  aliases: ['посты'],
  summaryKey: 'ch-cmd-posts',
  dmOnly: true,
  allowed: mayPublish,
  refusal: channelRefusal,
  async run(_message, _args, turn, app) {
    const list = await postList(app, turn);
    return turn.reply(list.text, list.keyboard);
  },
};

/** /scheduled — the posts scheduled to go later, each with «Изменить текст», «Перенести», «Отменить» (F12). */
export const scheduledCommand: CommandSpec = {
  name: 'scheduled',
  aliases: ['запланированные', 'отложенные'],
  summaryKey: 'sp-cmd-scheduled',
  dmOnly: true,
  allowed: mayPublish,
  refusal: channelRefusal,
  run(_message, _args, turn, app) {
    return sendScheduledList(app, turn);
  },
};
