import { answerStranger, isStranger, resumeDialog } from '../first-contact/answer-stranger.js';
import type { CommandSpec } from '../shared/command-registry.js';
import { mainMenu, MENU_COMMAND, MENU_MORE, moreMenu } from './main-menu.js';

/** /menu, «меню»: the caller's main menu of buttons (issue 10); `/menu more` its second page («Ещё»). In a dialog, its step is asked again. */
export const menuCommand: CommandSpec = {
  name: MENU_COMMAND,
  aliases: ['меню'],
  summaryKey: 'menu-cmd',
  dmOnly: true,
  inDialog: true,
  allowed: () => true,
  async run(context, args, turn, app) {
    if (context.dialogs.current) return resumeDialog(context, turn);
    if (isStranger(turn.caller)) return answerStranger(app, turn);
    if (args.trim().toLowerCase() === MENU_MORE) return turn.reply(turn.t('menu-more'), moreMenu(turn));
    return turn.reply(turn.t('menu-title'), mainMenu(turn));
  },
};
