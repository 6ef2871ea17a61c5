import { replyKeyboard } from '../shared/keyboards.js';
import type { CommandSpec } from '../shared/command-registry.js';

/** /cancel: leaves any dialog from any step; nothing of the dialog is saved. */
export const cancelCommand: CommandSpec = {
  name: 'cancel',
  aliases: ['отмена', 'стоп'],
  summaryKey: 'cmd-cancel',
  inDialog: true,
  allowed: () => true,
  async run(context, args, turn) {
    // «Отмена» of a picker outside a dialog (person-picker.ts): it closes the picker's keyboard.
    if (!context.dialogs.current && args.trim() === 'pick') return turn.reply(turn.t('pick-canceled'), replyKeyboard([]));
    if (!context.dialogs.current) return turn.reply(turn.t('cancel-nothing'));
    await context.dialogs.leave({ canceled: true, silent: true });
    return turn.reply(turn.t('cancel-done'), replyKeyboard([]));
  },
};
