import type { Keyboard } from '../../messenger/keyboard.js';
import type { Turn } from '../../turn.js';
import { mainMenu } from './main-menu.js';

/** What the menu needs to know of the update at hand in the private dialog. */
export interface MenuWatch {
  /** The slug of the dialog open now, undefined when none is (read at each reply and at the end). */
  dialog(): string | undefined;
  /** Whether the person pressed a text button (its one-time keyboard is gone from their screen). */
  pressed: boolean;
}

/** The turn of one private update with the main menu brought back, and what to do once the update is handled. */
export interface MenuTurn {
  readonly turn: Turn;
  /** Sends the menu when a dialog ended in this update and no reply after it showed a keyboard. */
  settle(): Promise<unknown>;
}

const hidesKeyboard = (keyboard: Keyboard | undefined): boolean => keyboard?.placement === 'reply' && keyboard.rows.length === 0;

/**
 * Brings the main menu back in the private dialog, in one place for every dialog and command (issue 10):
 * outside a dialog, a reply that hides the keyboard (how every dialog ends) shows the menu instead, and so
 * does a reply without a keyboard to a button press (the pressed one-time keyboard is gone). A dialog
 * that ended with its last reply sent while it was still open gets the menu in a message of its own
 * once the update is handled. Replies inside a dialog are never changed: its steps show their own keyboards.
 */
export function withMainMenu(turn: Turn, watch: MenuWatch): MenuTurn {
  // Whether the keyboard on the person's screen may be a dialog's (or none) rather than the menu or a keyboard of a reply.
  let dialogKeyboard = watch.dialog() !== undefined;
  // Whether a reply of this update outside a dialog showed a keyboard of its own (a picker): it is not replaced.
  let ownKeyboard = false;
  const reply: Turn['reply'] = (text, keyboard) => {
    if (watch.dialog() !== undefined) {
      dialogKeyboard = true;
      return turn.reply(text, keyboard);
    }
    let shown = keyboard;
    if (hidesKeyboard(keyboard) || (keyboard === undefined && watch.pressed && !ownKeyboard)) shown = mainMenu(turn);
    if (shown?.placement === 'reply') {
      dialogKeyboard = false;
      ownKeyboard = shown.persistent !== true;
    }
    return turn.reply(text, shown);
  };
  return {
    turn: { ...turn, reply },
    async settle() {
      if (!dialogKeyboard || watch.dialog() !== undefined) return;
      dialogKeyboard = false;
      await turn.reply(turn.t('menu-back'), mainMenu(turn));
    },
  };
}
