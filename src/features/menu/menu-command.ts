import { answerStranger, isStranger, resumeDialog } from '../first-contact/answer-stranger.js';
import type { CommandSpec } from '../shared/command-registry.js';
import { mainMenu, MENU_COMMAND, MENU_MORE, moreMenu } from './main-menu.js';

/** The words of the menu's second page, as typed: /меню ещё. */
const MORE_WORDS: ReadonlySet<string> = new Set([MENU_MORE, 'ещё', 'еще']);

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
    if (MORE_WORDS.has(args.trim().toLocaleLowerCase('ru-RU'))) return turn.reply(turn.t('menu-more'), moreMenu(turn));
    return turn.reply(turn.t('menu-title'), mainMenu(turn));
  },
};
