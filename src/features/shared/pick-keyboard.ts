import type { Translate } from '../../i18n.js';
import { replyKeyboard, type Button, type Keyboard } from './keyboards.js';
import { REPLY_MAX_BUTTONS, REPLY_MAX_ROWS, pageToken, pickerPage } from './paging.js';

/**
 * A reply keyboard of choices laid out `perRow` a row, followed by `tail` rows (e.g. Cancel).
 * Choices that do not fit VK's limits (10 rows, 40 buttons) are left out; `shown` says how many fit.
 */
export function pickKeyboard(choices: readonly Button[], perRow: number, tail: Button[][] = []): { keyboard: Keyboard; shown: number } {
  const tailRows = tail.filter((row) => row.length > 0);
  const tailButtons = tailRows.reduce((sum, row) => sum + row.length, 0);
  const capacity = Math.min((REPLY_MAX_ROWS - tailRows.length) * perRow, REPLY_MAX_BUTTONS - tailButtons);
  const fitting = choices.slice(0, Math.max(0, capacity));
  const rows: Button[][] = [];
  for (let i = 0; i < fitting.length; i += perRow) rows.push(fitting.slice(i, i + perRow));
  return { keyboard: replyKeyboard([...rows, ...tailRows]), shown: fitting.length };
}

/** A button that runs a command with arguments, as if typed. */
export function commandButton(label: string, command: string, args?: string, color?: Button['color']): Button {
  return { label, payload: { k: 'cmd', c: command, ...(args ? { a: args } : {}) }, color };
}

/** The «Отмена» of a picker outside a dialog: it closes the keyboard. */
export function pickCancelButton(t: Translate): Button {
  return commandButton(t('btn-cancel'), 'cancel', 'pick', 'negative');
}

/** What a class picker shows: the keyboard, and the line saying which page it is ('' for one page). */
export interface ClassPick {
  keyboard: Keyboard;
  note: string;
}

/**
 * Class buttons that run `/command [prefix] <class>`, paged when there are more classes than one
 * keyboard holds: «Назад» and «Ещё» run `/command [prefix] #n` (see {@link parsePageToken}); `cancel` (e.g. «Отмена») goes last.
 */
export function classPicker(
  t: Translate,
  classes: readonly { name: string }[],
  command: string,
  page: number,
  options: { prefix?: string; perRow?: number; cancel?: Button } = {},
): ClassPick {
  const args = (rest: string) => (options.prefix ? `${options.prefix} ${rest}` : rest);
  const picked = pickerPage(t, classes.map((c) => commandButton(c.name, command, args(c.name))), {
    perRow: options.perRow ?? 5,
    page,
    goTo: (label, n) => commandButton(label, command, args(pageToken(n)), 'primary'),
    ...(options.cancel ? { tail: [[options.cancel]] } : {}),
  });
  return { keyboard: replyKeyboard(picked.rows), note: picked.note };
}
