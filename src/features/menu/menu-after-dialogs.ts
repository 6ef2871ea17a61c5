import type { App } from '../../app.js';
import type { ChatId, Recipient } from '../../messenger/ids.js';
import type { Keyboard } from '../../messenger/keyboard.js';
import type { Messenger } from '../../messenger/messenger.js';
import type { Turn } from '../../turn.js';
import { isStranger } from '../first-contact/answer-stranger.js';
import { parsePayload } from '../shared/payload.js';
import { mainMenu } from './main-menu.js';

/** What an update's message pressed: no button (typed), a button of the main menu, or another text button. */
export type Press = 'none' | 'menu' | 'other';

/** What the menu needs to know of the update at hand in the private dialog. */
export interface MenuWatch {
  /** The private dialog (the person's chat with the bot). */
  chat: ChatId;
  /** The slug of the dialog open now, undefined when none is (read at each reply and at the end). */
  dialog(): string | undefined;
  /** What the person pressed: nothing (they typed), a button of the main menu (still on screen), or another text button (its one-time keyboard is gone). */
  pressed: Press;
}

/** What a message's button payload says was pressed (see MenuWatch.pressed). */
export function pressOf(payload: unknown): Press {
  const parsed = parsePayload(payload);
  if (parsed.kind === 'none') return 'none';
  return parsed.kind === 'ours' && parsed.payload.k === 'cmd' && parsed.payload.m === 1 ? 'menu' : 'other';
}

/** The turn of one private update with the main menu brought back, and what to do once the update is handled. */
export interface MenuTurn {
  readonly turn: Turn;
  /** Sends the menu when a dialog ended in this update, or a one-time button was pressed, and no message after it showed a keyboard. */
  settle(): Promise<unknown>;
}

/** Nothing to settle (a stranger has no menu). */
async function settled(): Promise<undefined> {
  return undefined;
}

const hidesKeyboard = (keyboard: Keyboard | undefined): boolean => keyboard?.placement === 'reply' && keyboard.rows.length === 0;

/**
 * Brings the main menu back in the private dialog, in one place for every dialog and command (issue 10):
 * outside a dialog, a message that hides the keyboard (how every dialog ends) shows the menu instead, and so
 * does a message without a keyboard answering a button press (the pressed one-time keyboard is gone). A dialog
 * that ended with its last message sent while it was still open, and a one-time button whose answer had
 * no keyboard under the input (an inline card), get the menu in a message of its own once the update is handled.
 * Messages inside a dialog are never changed: its steps show their own keyboards. Both the turn's replies and
 * the app's sends to this dialog are watched (an invite card is sent so, with its own keyboard).
 */
export function withMainMenu(turn: Turn, watch: MenuWatch): MenuTurn {
  // Someone who has not joined has no menu: first contact answers them (how to join, their request).
  if (isStranger(turn.caller)) return { turn, settle: settled };
  // Whether the keyboard on the person's screen may be a dialog's (or none) rather than the menu or a keyboard of a message of this update.
  let lost = watch.dialog() !== undefined || watch.pressed === 'other';
  // Whether a message of this update outside a dialog showed a keyboard of its own (a picker): it is not replaced.
  let ownKeyboard = false;
  /** The keyboard a message to the private dialog goes with. */
  const present = (keyboard: Keyboard | undefined): Keyboard | undefined => {
    if (watch.dialog() !== undefined) {
      lost = true;
      return keyboard;
    }
    let shown = keyboard;
    if (hidesKeyboard(keyboard) || (keyboard === undefined && watch.pressed !== 'none' && !ownKeyboard)) shown = mainMenu(turn);
    if (shown?.placement === 'reply') {
      lost = false;
      ownKeyboard = shown.persistent !== true;
    }
    return shown;
  };
  // A send to this dialog names its chat or the person it is with.
  const toDialog = (to: Recipient): boolean => to === watch.chat || to === turn.caller.personId;
  const base = turn.app.messenger;
  const messenger = new Proxy(base, {
    get(target, property) {
      if (property === 'send') {
        const send: Messenger['send'] = (chat, message, key) => (toDialog(chat) ? target.send(chat, { ...message, keyboard: present(message.keyboard) }, key) : target.send(chat, message, key));
        return send;
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  // The app as it is (its services stay made on first use, once for both), with the watched messenger.
  const app = Object.create(turn.app, { messenger: { value: messenger, enumerable: true } }) as App;
  const reply: Turn['reply'] = (text, keyboard) => turn.reply(text, present(keyboard));
  return {
    turn: { ...turn, app, reply },
    async settle() {
      if (!lost || watch.dialog() !== undefined) return;
      lost = false;
      await turn.reply(turn.t('menu-back'), mainMenu(turn));
    },
  };
}
