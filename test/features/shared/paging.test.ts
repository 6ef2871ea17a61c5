import { describe, expect, it } from 'vitest';
import { I18n } from '../../../src/i18n.js';
import type { Button } from '../../../src/features/shared/keyboards.js';
import { REPLY_MAX_BUTTONS, REPLY_MAX_ROWS, pageToken, parsePageToken, pickerPage } from '../../../src/features/shared/paging.js';

const t = new I18n('ru').bind('ru');
const choice = (n: number): Button => ({ label: `c${n}`, payload: { k: 'scene', s: 'x', v: String(n) } });
const goTo = (label: string, page: number): Button => ({ label, payload: { k: 'scene', s: 'x', v: pageToken(page) } });

describe('paged pickers', () => {
  it.each([1, 2, 4, 5])('every choice is on exactly one page, and every page keeps VK’s limits (%i a row)', (perRow) => {
    for (const tail of [[], [[choice(-1)]], [[choice(-1), choice(-2)]]]) {
      for (const count of [0, 1, 35, 39, 40, 41, 45, 120]) {
        const choices = Array.from({ length: count }, (_, i) => choice(i));
        const seen: string[] = [];
        const { pages } = pickerPage(t, choices, { perRow, page: 1, goTo, tail });
        for (let page = 1; page <= pages; page++) {
          const picked = pickerPage(t, choices, { perRow, page, goTo, tail });
          expect(picked.rows.length).toBeLessThanOrEqual(REPLY_MAX_ROWS);
          expect(picked.rows.flat().length).toBeLessThanOrEqual(REPLY_MAX_BUTTONS);
          expect(picked.rows.every((row) => row.length <= 5)).toBe(true);
          seen.push(...picked.rows.flat().filter((b) => /^c\d+$/.test(b.label)).map((b) => b.label));
          expect(picked.rows.flat().some((b) => b.label === 'Назад')).toBe(page > 1);
          expect(picked.rows.flat().some((b) => b.label === 'Ещё')).toBe(page < pages);
          expect(picked.note).toBe(pages > 1 ? `Страница ${page} из ${pages}.` : '');
        }
        expect(seen).toEqual(choices.map((c) => c.label));
      }
    }
  });

  it('a page out of range shows the nearest one; page tokens read back, other text does not', () => {
    const choices = Array.from({ length: 45 }, (_, i) => choice(i));
    expect(pickerPage(t, choices, { perRow: 5, page: 9, goTo }).page).toBe(2);
    expect(pickerPage(t, choices, { perRow: 5, page: 0, goTo }).page).toBe(1);
    expect(parsePageToken(pageToken(2))).toBe(2);
    expect(parsePageToken('5А')).toBeUndefined();
    expect(parsePageToken(undefined)).toBeUndefined();
  });
});
