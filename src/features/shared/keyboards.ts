import { Keyboard, type KeyboardBuilder } from 'vk-io';
import type { Translate } from '../../i18n.js';
import type { Payload } from './payload.js';

export type ButtonColor = 'primary' | 'secondary' | 'positive' | 'negative';

export interface Button {
  label: string;
  payload: Payload;
  color?: ButtonColor;
}

/** VK cuts labels at 40 characters; longer ones are shortened with an ellipsis. */
export function fitLabel(label: string): string {
  return label.length <= 40 ? label : `${label.slice(0, 39)}…`;
}

/** A reply keyboard (shown under the input field, hidden after a press) from rows of text buttons. */
export function replyKeyboard(rows: Button[][]): KeyboardBuilder {
  const builder = Keyboard.builder().oneTime();
  for (const row of rows.filter((r) => r.length > 0)) {
    for (const button of row) builder.textButton({ label: fitLabel(button.label), payload: button.payload, color: button.color ?? 'secondary' });
    builder.row();
  }
  return builder;
}

/** An inline keyboard (attached to the message) of callback buttons: the message stays, the press arrives as an event. */
export function inlineKeyboard(rows: Button[][]): KeyboardBuilder {
  const builder = Keyboard.builder().inline();
  for (const row of rows.filter((r) => r.length > 0)) {
    for (const button of row) builder.callbackButton({ label: fitLabel(button.label), payload: button.payload, color: button.color ?? 'secondary' });
    builder.row();
  }
  return builder;
}


/** A text button answering the dialog `scene` with `value`. */
export function sceneButton(scene: string, label: string, value: string, color?: ButtonColor): Button {
  return { label, payload: { k: 'scene', s: scene, v: value }, color };
}

/** The «Отмена» button every dialog step shows; it runs /cancel. */
export function cancelButton(t: Translate): Button {
  return { label: t('btn-cancel'), payload: { k: 'cmd', c: 'cancel' }, color: 'negative' };
}
