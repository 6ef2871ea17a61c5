import { enterBroadcast, enterOnlineLesson } from './dialogs.js';
import type { CommandSpec } from '../shared/command-registry.js';
import { lessonChatOfPeer, lessonRefusal, mayAnnounceLessons } from './announce-lesson.js';
import { sendUpcoming } from './change-event.js';
import { broadcastRefusal, mayPlanBroadcasts } from './plan-broadcast.js';

/** /broadcast — the head, a deputy or an admin announces a broadcast to the school, the staff or a class (F13). */
export const broadcastCommand: CommandSpec = {
  name: 'broadcast',
  aliases: ['трансляция'],
  summaryKey: 'bc-cmd-broadcast',
  dmOnly: true,
  allowed: mayPlanBroadcasts,
  refusal: broadcastRefusal,
  run(message) {
    return enterBroadcast(message.dialogs, 'broadcast');
  },
};

/** /webinar — the same for a webinar or a seminar for teachers: the staff channel and the staff privately (F31). */
export const webinarCommand: CommandSpec = {
  name: 'webinar',
  aliases: ['вебинар', 'семинар'],
  summaryKey: 'bc-cmd-webinar',
  dmOnly: true,
  allowed: mayPlanBroadcasts,
  refusal: broadcastRefusal,
  run(message) {
    return enterBroadcast(message.dialogs, 'webinar');
  },
};

/** /broadcasts — the caller's upcoming broadcasts and webinars, each with «Перенести» and «Отменить» (F13, F31). */
export const broadcastsCommand: CommandSpec = {
  name: 'broadcasts',
  aliases: ['трансляции', 'вебинары'],
  summaryKey: 'bc-cmd-broadcasts',
  dmOnly: true,
  allowed: mayPlanBroadcasts,
  refusal: broadcastRefusal,
  run(_message, _args, turn, app) {
    return sendUpcoming(app, turn, 'broadcasts');
  },
};

/**
 * /lesson — a verified teacher announces an online lesson in a subject chat they teach (F26). Typed
 * in that chat, it continues in the private dialog with the chat taken (the chat's id is the argument).
 */
export const lessonCommand: CommandSpec = {
  name: 'lesson',
  aliases: ['урок'],
  summaryKey: 'bc-cmd-lesson',
  dmOnly: true,
  allowed: mayAnnounceLessons,
  refusal: lessonRefusal,
  privateArgs: (message) => String(message.chat),
  async run(message, args, turn, app) {
    const peer = Number(args.trim());
    if (!args.trim() || !Number.isSafeInteger(peer)) return enterOnlineLesson(message.dialogs);
    const chat = await lessonChatOfPeer(app, turn.caller, peer);
    if (!chat) await turn.reply(turn.t('bc-lesson-not-your-chat'));
    return enterOnlineLesson(message.dialogs, chat?.id);
  },
};

/** /lessons — the teacher's upcoming online lessons, each with «Перенести» and «Отменить» (F26). */
export const lessonsCommand: CommandSpec = {
  name: 'lessons',
  aliases: ['уроки'],
  summaryKey: 'bc-cmd-lessons',
  dmOnly: true,
  allowed: mayAnnounceLessons,
  refusal: lessonRefusal,
  run(_message, _args, turn, app) {
    return sendUpcoming(app, turn, 'lessons');
  },
};
