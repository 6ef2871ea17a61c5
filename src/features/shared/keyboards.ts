import type { Translate } from '../../i18n.js';
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
