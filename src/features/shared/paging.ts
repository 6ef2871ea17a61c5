/**
 * Pickers longer than one reply keyboard: choices laid out in pages that keep VK's limits (10 rows,
 * 40 buttons), with «Назад» and «Ещё» buttons between the pages. Every class picker uses it, from
 * commands (the page buttons run the command again) and from dialogs (they answer the dialog).
 */
import type { Translate } from '../../i18n.js';
import type { Button } from './keyboards.js';

/** VK's limits for a reply keyboard. */
export const REPLY_MAX_ROWS = 10;
export const REPLY_MAX_BUTTONS = 40;

/** One page of a picker: its rows (choices, then «Назад»/«Ещё» when paged, then the tail), and a line saying which page it is. */
export interface PickerPage {
  rows: Button[][];
  page: number;
  pages: number;
  /** «Страница 2 из 3.» when there are several pages, else ''. */
  note: string;
}

export interface PickerOptions {
  perRow: number;
  /** The page to show, from 1; a page out of range shows the nearest one. */
  page: number;
  /** The button that opens page `page`, with the label given. */
  goTo: (label: string, page: number) => Button;
  /** Rows after the choices and the page buttons, e.g. «Отмена». */
  tail?: Button[][];
}

/** Lays choices out `perRow` a row, as many a page as VK's reply keyboard holds beside the tail and the page buttons. */
export function pickerPage(t: Translate, choices: readonly Button[], options: PickerOptions): PickerPage {
  const { perRow, goTo } = options;
  const tail = (options.tail ?? []).filter((row) => row.length > 0);
  const tailButtons = tail.reduce((sum, row) => sum + row.length, 0);
  const whole = Math.min((REPLY_MAX_ROWS - tail.length) * perRow, REPLY_MAX_BUTTONS - tailButtons);
  // Paged: one more row for «Назад» and «Ещё», and every page in full rows.
  const perPage = choices.length <= whole ? whole : Math.min((REPLY_MAX_ROWS - tail.length - 1) * perRow, Math.floor((REPLY_MAX_BUTTONS - tailButtons - 2) / perRow) * perRow);
  const pages = Math.max(1, Math.ceil(choices.length / perPage));
  const page = Math.min(Math.max(1, Math.trunc(options.page) || 1), pages);
  const shown = choices.slice((page - 1) * perPage, page * perPage);
  const rows: Button[][] = [];
  for (let i = 0; i < shown.length; i += perRow) rows.push(shown.slice(i, i + perRow));
  const nav: Button[] = [];
  if (page > 1) nav.push(goTo(t('btn-back'), page - 1));
  if (page < pages) nav.push(goTo(t('btn-more'), page + 1));
  if (nav.length > 0) rows.push(nav);
  return { rows: [...rows, ...tail], page, pages, note: pages > 1 ? t('pick-page', { page, pages }) : '' };
}

/** The answer a page button carries: `#2` for page 2 (a class name never starts with `#`). */
export function pageToken(page: number): string {
  return `#${page}`;
}

/** The page a page button asked for, or undefined when `text` is something else. */
export function parsePageToken(text: string | undefined): number | undefined {
  const match = /^#(\d{1,3})$/.exec((text ?? '').trim());
  return match ? Number(match[1]) : undefined;
}

/** The question with the page line under it, when there is one. */
export function withPageNote(text: string, picked: { note: string }): string {
  return picked.note ? `${text}\n${picked.note}` : text;
}
