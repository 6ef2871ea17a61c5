import { describe, expect, it } from 'vitest';
import { matches, parsePeriod, periodBounds } from '../../../src/features/audit/audit-filter.js';
import { csvField, csvFile } from '../../../src/features/audit/audit-csv.js';
import type { AuditEntry } from '../../../src/domain/types.js';
import { vk } from '../../helpers/people.js';

const TZ = 'Europe/Moscow';
/** 15.01.2026, 12:00 in Moscow. */
const NOW = Date.UTC(2026, 0, 15, 9, 0);

describe('the journal’s periods (F10)', () => {
  it('reads the words and typed ranges; a range without a year is the last one that has ended', () => {
    expect(parsePeriod('Сегодня', NOW, TZ)).toEqual({ kind: 'today' });
    expect(parsePeriod('неделя', NOW, TZ)).toEqual({ kind: 'week' });
    expect(parsePeriod('месяц', NOW, TZ)).toEqual({ kind: 'month' });
    expect(parsePeriod('всё', NOW, TZ)).toEqual({ kind: 'all' });
    expect(parsePeriod('5А', NOW, TZ)).toBeUndefined();
    // In January, «01.09–30.09» is last September; «01.12–10.01» runs over the new year.
    expect(parsePeriod('01.09–30.09', NOW, TZ)).toEqual({ kind: 'range', from: { day: 1, month: 9, year: 2025 }, to: { day: 30, month: 9, year: 2025 } });
    expect(parsePeriod('1.12-10.1', NOW, TZ)).toEqual({ kind: 'range', from: { day: 1, month: 12, year: 2025 }, to: { day: 10, month: 1, year: 2026 } });
    expect(parsePeriod('01.09.2024—31.05.2025', NOW, TZ)).toEqual({ kind: 'range', from: { day: 1, month: 9, year: 2024 }, to: { day: 31, month: 5, year: 2025 } });
    expect(parsePeriod('30.02–01.03', NOW, TZ)).toBeNull();
    expect(parsePeriod('10.05.2025–01.05.2025', NOW, TZ)).toBeNull();
  });

  it('bounds are whole days of the school’s time zone', () => {
    const range = parsePeriod('01.09.2025–30.09.2025', NOW, TZ);
    if (!range) throw new Error('no range');
    expect(periodBounds(range, NOW, TZ)).toEqual({ from: Date.UTC(2025, 7, 31, 21, 0), to: Date.UTC(2025, 8, 30, 21, 0) });
    expect(periodBounds({ kind: 'today' }, NOW, TZ).from).toBe(Date.UTC(2026, 0, 14, 21, 0));
    expect(periodBounds({ kind: 'week' }, NOW, TZ).from).toBe(Date.UTC(2026, 0, 8, 21, 0));
    expect(periodBounds({ kind: 'month' }, NOW, TZ).from).toBe(Date.UTC(2025, 11, 16, 21, 0));
  });

  it('a class matches the entries about it and the moves out of it; a person who acted, was acted on, or is the child', () => {
    const entry: AuditEntry = { id: 1, at: NOW, actor: vk(100), action: 'movement.transferred', target: { personId: vk(310), classId: 'c2' }, details: { fromClassId: 'c1' } };
    const all = { from: 0, to: Number.MAX_SAFE_INTEGER };
    expect(matches(entry, { period: { kind: 'all' }, classId: 'c1' }, all)).toBe(true);
    expect(matches(entry, { period: { kind: 'all' }, classId: 'c2' }, all)).toBe(true);
    expect(matches(entry, { period: { kind: 'all' }, classId: 'c3' }, all)).toBe(false);
    expect(matches(entry, { period: { kind: 'all' }, personId: vk(100) }, all)).toBe(true);
    expect(matches(entry, { period: { kind: 'all' }, personId: vk(310) }, all)).toBe(true);
    expect(matches(entry, { period: { kind: 'all' }, personId: vk(311) }, all)).toBe(false);
    expect(matches(entry, { period: { kind: 'all' } }, { from: NOW + 1, to: Number.MAX_SAFE_INTEGER })).toBe(false);
  });
});

describe('the journal’s CSV file (F10)', () => {
  it('quotes fields with separators, quotes or line breaks; starts with the byte order mark; CRLF lines', () => {
    expect(csvField('5А')).toBe('5А');
    expect(csvField('а; б')).toBe('"а; б"');
    expect(csvField('он сказал "да"')).toBe('"он сказал ""да"""');
    expect(csvField('две\nстроки')).toBe('"две\nстроки"');
    const file = csvFile(['Кто', 'Что'], [['Иванова Мария', 'перевод, из 5А в 6А']]);
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(file.toString('utf8')).toBe('\uFEFFКто;Что\r\nИванова Мария;"перевод, из 5А в 6А"\r\n');
  });
});
