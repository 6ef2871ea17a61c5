import type { KeyboardBuilder } from 'vk-io';
import { replyKeyboard, type Button } from '../keyboards.js';

/** VK's limits for a reply keyboard. */
const MAX_ROWS = 10;
const MAX_BUTTONS = 40;

/**
 * A reply keyboard of choices laid out `perRow` a row, followed by `tail` rows (e.g. Cancel).
 * Choices that do not fit VK's limits (10 rows, 40 buttons) are left out; `shown` says how many fit.
 */
export function pickKeyboard(choices: readonly Button[], perRow: number, tail: Button[][] = []): { keyboard: KeyboardBuilder; shown: number } {
  const tailRows = tail.filter((row) => row.length > 0);
  const tailButtons = tailRows.reduce((sum, row) => sum + row.length, 0);
  const capacity = Math.min((MAX_ROWS - tailRows.length) * perRow, MAX_BUTTONS - tailButtons);
  const fitting = choices.slice(0, Math.max(0, capacity));
  const rows: Button[][] = [];
  for (let i = 0; i < fitting.length; i += perRow) rows.push(fitting.slice(i, i + perRow));
  return { keyboard: replyKeyboard([...rows, ...tailRows]), shown: fitting.length };
}

/** A button that runs a command with arguments, as if typed. */
export function commandButton(label: string, command: string, args?: string, color?: Button['color']): Button {
  return { label, payload: { k: 'cmd', c: command, ...(args ? { a: args } : {}) }, color };
}
