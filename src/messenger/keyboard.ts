/**
 * Keyboards as the bot's features build them, for any messenger: rows of text, callback and link
 * buttons, shown under the input field (`reply`) or under the message (`inline`). The messenger's
 * adapter renders them in its own format (VK: src/vk/keyboard.ts) and applies its own limits.
 */
export type ButtonColor = 'primary' | 'secondary' | 'positive' | 'negative';

/** What a button carries back when pressed: a small JSON object (the features' payloads, features/shared/payload.ts). */
export type ButtonPayload = Readonly<Record<string, unknown>>;

/** A button whose press sends its label as the person's message, with `payload` attached. */
export interface TextButton {
  readonly kind?: 'text';
  readonly label: string;
  readonly payload: ButtonPayload;
  readonly color?: ButtonColor | undefined;
}

/** A button whose press arrives as a ButtonPress; the message it is under stays. */
export interface CallbackButton {
  readonly kind: 'callback';
  readonly label: string;
  readonly payload: ButtonPayload;
  readonly color?: ButtonColor | undefined;
}

/** A button that opens a web address. */
export interface LinkButton {
  readonly kind: 'link';
  readonly label: string;
  readonly url: string;
}

export type Button = TextButton | CallbackButton | LinkButton;

/**
 * A keyboard: `reply` is shown under the input field and hidden after a press (an empty one hides the
 * keyboard the person had); `inline` is attached to its message.
 */
export interface Keyboard {
  readonly placement: 'reply' | 'inline';
  readonly rows: readonly (readonly Button[])[];
  /** A reply keyboard that stays after a press (a main menu); others are hidden after a press. */
  readonly persistent?: boolean;
}

/** A reply keyboard of text (or link) buttons; empty rows are dropped. */
export function replyKeyboard(rows: readonly (readonly (TextButton | LinkButton)[])[]): Keyboard {
  return { placement: 'reply', rows: rows.filter((row) => row.length > 0) };
}

/** An inline keyboard: text buttons given here become callback buttons (the press arrives as an event). */
export function inlineKeyboard(rows: readonly (readonly (TextButton | CallbackButton | LinkButton)[])[]): Keyboard {
  const asCallback = (button: TextButton | CallbackButton | LinkButton): Button => (button.kind === 'link' ? button : { ...button, kind: 'callback' });
  return { placement: 'inline', rows: rows.filter((row) => row.length > 0).map((row) => row.map(asCallback)) };
}

/** A reply keyboard that stays under the input field after a press: the main menu of the private dialog. */
export function persistentKeyboard(rows: readonly (readonly (TextButton | LinkButton)[])[]): Keyboard {
  return { placement: 'reply', persistent: true, rows: rows.filter((row) => row.length > 0) };
}
