import { Keyboard as VkKeyboard } from 'vk-io';
import type { Keyboard } from '../messenger/keyboard.js';

/** VK cuts labels at 40 characters; longer ones are shortened with an ellipsis. */
export function fitLabel(label: string): string {
  return label.length <= 40 ? label : `${label.slice(0, 39)}…`;
}

/** Keyboards rendered so far: a keyboard is immutable, and one made once (see constantKeyboard) is rendered once. */
const rendered = new WeakMap<Keyboard, string>();

/** A neutral keyboard in VK's JSON: a reply keyboard is one-time (hidden after a press) unless persistent (a main menu), an inline one stays under its message. */
export function renderKeyboard(keyboard: Keyboard): string {
  let json = rendered.get(keyboard);
  if (json === undefined) {
    json = buildKeyboard(keyboard);
    rendered.set(keyboard, json);
  }
  return json;
}

function buildKeyboard(keyboard: Keyboard): string {
  const builder = VkKeyboard.builder();
  if (keyboard.placement === 'inline') builder.inline();
  else if (!keyboard.persistent) builder.oneTime();
  for (const row of keyboard.rows) {
    for (const button of row) {
      if (button.kind === 'link') builder.urlButton({ label: fitLabel(button.label), url: button.url });
      else if (button.kind === 'callback') builder.callbackButton({ label: fitLabel(button.label), payload: button.payload, color: button.color ?? 'secondary' });
      else builder.textButton({ label: fitLabel(button.label), payload: button.payload, color: button.color ?? 'secondary' });
    }
    builder.row();
  }
  return builder.toString();
}
