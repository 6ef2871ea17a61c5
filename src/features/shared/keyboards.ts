import type { I18n, Locale, Translate } from '../../i18n.js';
import type { Keyboard } from '../../messenger/keyboard.js';
import type { ButtonColor } from '../../messenger/keyboard.js';
import type { Payload } from './payload.js';

export { inlineKeyboard, replyKeyboard, type ButtonColor, type Keyboard } from '../../messenger/keyboard.js';

/** A text button of the bot's own: its payload is one of ours (payload.ts). */
export interface Button {
  readonly label: string;
  readonly payload: Payload;
  readonly color?: ButtonColor | undefined;
}

/** A text button answering the dialog `scene` with `value`. */
export function sceneButton(scene: string, label: string, value: string, color?: ButtonColor): Button {
  return { label, payload: { k: 'scene', s: scene, v: value }, color };
}

/** The «Отмена» button every dialog step shows; it runs /cancel. */
export function cancelButton(t: Translate): Button {
  return { label: t('btn-cancel'), payload: { k: 'cmd', c: 'cancel' }, color: 'negative' };
}

/** Keyboards that depend on the language only, made once per I18n, locale and name. */
const constants = new WeakMap<I18n, Map<string, Keyboard>>();

/**
 * A keyboard whose labels depend on the reader's language only (e.g. first contact's «Ввести код
 * приглашения»): made once per language, so that it is not rebuilt, nor rendered for VK again, for every update.
 */
export function constantKeyboard(i18n: I18n, locale: Locale, name: string, make: (t: Translate) => Keyboard): Keyboard {
  let made = constants.get(i18n);
  if (!made) constants.set(i18n, (made = new Map()));
  const key = `${name}:${locale}`;
  let keyboard = made.get(key);
  if (!keyboard) made.set(key, (keyboard = make(i18n.bind(locale))));
  return keyboard;
}
