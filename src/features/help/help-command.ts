import { answerStranger, isStranger, joinIntro, resumeDialog } from '../first-contact/answer-stranger.js';
import { ROLES } from '../../domain/types.js';
import type { CommandSpec } from '../shared/command-registry.js';

/** /help: what the caller's roles may do, generated from the command registry (F14); a stranger gets first contact (F27). */
export const helpCommand: CommandSpec = {
  name: 'help',
  aliases: ['помощь', 'справка', 'команды'],
  summaryKey: 'cmd-help',
  inDialog: true,
  allowed: () => true,
  async run(context, _args, turn, app) {
    const { t, caller } = turn;
    // An approved teacher waiting for verification (F24) has no teacher powers yet, and is told so.
    const member = caller.member;
    const teacherPending = member?.status === 'active' && member.roles.includes('teacher') && member.teacherStatus !== 'verified';
    if (isStranger(caller)) {
      // Someone joining is helped with the step they are at; otherwise, how to join (or their pending request).
      if (context.dialogs.current) return resumeDialog(context, turn, t('help-in-dialog'));
      return context.isPrivate ? answerStranger(app, turn) : joinIntro(app, turn);
    }
    const roles = ROLES.filter((role) => caller.roles.has(role)).map((role) => t(`role-${role}`));
    const lines = app.commands.availableTo(caller).map((command) => t('help-line', { command: command.name, summary: t(command.summaryKey) }));
    const status = teacherPending ? [t('ver-help-pending')] : [];
    return turn.reply([t('help-roles', { roles: roles.join(', ') || t('role-none') }), ...status, '', t('help-header'), ...lines, '', t('help-footer')].join('\n'));
  },
};
