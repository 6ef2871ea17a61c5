import { answerStranger, isStranger, joinIntro, resumeDialog } from '../first-contact/answer-stranger.js';
import type { App } from '../../app.js';
import { ROLES } from '../../domain/types.js';
import type { Turn } from '../../turn.js';
import type { CommandSpec } from '../shared/command-registry.js';
import { commandLines } from '../shared/command-words.js';
import { homeKeyboard, topicsFor } from './help-topics.js';

/** Whether the caller is an approved teacher still waiting for verification (F24): no teacher powers yet. */
function teacherPending(turn: Turn): boolean {
  const member = turn.caller.member;
  return member?.status === 'active' && member.roles.includes('teacher') && member.teacherStatus !== 'verified';
}

/** /help's first message for a member: their roles, then the topics they have something in, the FAQ and «Вопрос администратору» as buttons (F14). */
export function sendHelpHome(app: App, turn: Turn): Promise<unknown> {
  const { t, caller } = turn;
  const roles = ROLES.filter((role) => caller.roles.has(role)).map((role) => t(`role-${role}`));
  const status = teacherPending(turn) ? [t('ver-help-pending')] : [];
  const text = [t('help-roles', { roles: roles.join(', ') || t('role-none') }), ...status, '', t('help-choose')].join('\n');
  return turn.reply(text, homeKeyboard(t, topicsFor(app, caller), caller.member?.status === 'active'));
}

/** Every command the caller may use, one a line, generated from the command registry («Все команды» under /help). */
export function allCommandsText(app: App, turn: Turn): string {
  const { t, caller } = turn;
  const lines = commandLines(t, turn.locale, app.commands.availableTo(caller));
  return [t('help-header'), ...lines, '', t('help-footer')].join('\n');
}

/** /help: topics by role as buttons, a FAQ and a question to the admins (F14); a stranger gets first contact (F27). */
export const helpCommand: CommandSpec = {
  name: 'help',
  aliases: ['помощь', 'справка', 'команды'],
  summaryKey: 'cmd-help',
  inDialog: true,
  allowed: () => true,
  async run(context, _args, turn, app) {
    if (isStranger(turn.caller)) {
      // Someone joining is helped with the step they are at; otherwise, how to join (or their pending request).
      if (context.dialogs.current) return resumeDialog(context, turn, turn.t('help-in-dialog'));
      return context.isPrivate ? answerStranger(app, turn) : joinIntro(app, turn);
    }
    return sendHelpHome(app, turn);
  },
};
