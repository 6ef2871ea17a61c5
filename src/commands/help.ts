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
    if (caller.roles.size === 0) return turn.reply(t('help-unknown-person'));
    const roles = ROLE_ORDER.filter((role) => caller.roles.has(role)).map((role) => t(`role-${role}`));
    const lines = app.commands.availableTo(caller).map((command) => t('help-line', { command: command.name, summary: t(command.summaryKey) }));
    return turn.reply([t('help-roles', { roles: roles.join(', ') }), '', t('help-header'), ...lines, '', t('help-footer')].join('\n'));
  },
};
