import type { Role } from '../services/types.js';
import type { CommandSpec } from './registry.js';

const ROLE_ORDER: readonly Role[] = ['admin', 'head', 'deputy', 'teacher', 'student', 'parent'];

/** /help: what the caller's roles may do, generated from the command registry (F14). */
export const helpCommand: CommandSpec = {
  name: 'help',
  aliases: ['помощь', 'справка', 'команды'],
  summaryKey: 'cmd-help',
  inDialog: true,
  allowed: () => true,
  async run(_context, _args, turn, app) {
    const { t, caller } = turn;
    // An approved teacher waiting for verification (F24) has no teacher powers yet, and is told so.
    const member = caller.member;
    const teacherPending = member?.status === 'active' && member.roles.includes('teacher') && member.teacherStatus !== 'verified';
    if (caller.roles.size === 0 && !teacherPending) return turn.reply(t('help-unknown-person'));
    const roles = ROLE_ORDER.filter((role) => caller.roles.has(role)).map((role) => t(`role-${role}`));
    const lines = app.commands.availableTo(caller).map((command) => t('help-line', { command: command.name, summary: t(command.summaryKey) }));
    const status = teacherPending ? [t('ver-help-pending')] : [];
    return turn.reply([t('help-roles', { roles: roles.join(', ') || t('role-none') }), ...status, '', t('help-header'), ...lines, '', t('help-footer')].join('\n'));
  },
};
