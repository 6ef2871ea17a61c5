import { enterMeeting } from './dialogs.js';
import type { CommandSpec } from '../shared/command-registry.js';
import { mayPlanMeetings, sendUpcoming } from './plan-meeting.js';

/** /meeting — the head, a deputy or an admin plans a meeting (F22): the dialog asks title, time, place and audience. */
export const meetingCommand: CommandSpec = {
  name: 'meeting',
  aliases: ['встреча'],
  summaryKey: 'mt-cmd-meeting',
  dmOnly: true,
  allowed: mayPlanMeetings,
  refusal: (turn) => turn.t('mt-denied'),
  run(message) {
    return enterMeeting(message.dialogs);
  },
};

/** /meetings — the upcoming meetings the caller organised, each with «Перенести» and «Отменить» (F22). */
export const meetingsCommand: CommandSpec = {
  name: 'meetings',
  aliases: ['встречи'],
  summaryKey: 'mt-cmd-meetings',
  dmOnly: true,
  allowed: mayPlanMeetings,
  refusal: (turn) => turn.t('mt-denied'),
  run(_message, _args, turn, app) {
    return sendUpcoming(app, turn);
  },
};
