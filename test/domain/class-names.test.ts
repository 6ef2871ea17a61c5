import { describe, expect, it } from 'vitest';
import { MAX_LETTERS, buildClassGrid, gradeOverLetters, normaliseClassName, parseClassName } from '../../src/domain/class-names.js';

describe('F04 class names', () => {
  it.each([
    ['5a', '5А'],
    ['5 А', '5А'],
    ['5-а', '5А'],
    ['5а', '5А'],
    ['5А', '5А'],
    ['  11 б ', '11Б'],
    ['10–в', '10В'],
    ['1"Д"', '1Д'],
    ['7B', '7В'],
    ['7b', '7В'],
    ['3 K', '3К'],
    ['2y', '2У'],
    ['9 x', '9Х'],
    ['6Ё', '6Ё'],
  ])('normalises %j to %s', (input, expected) => {
    expect(normaliseClassName(input)).toBe(expected);
  });

  it('maps every Latin look-alike to Cyrillic', () => {
    const latin = 'ABEKMHOPCTXY';
    const cyr = 'АВЕКМНОРСТХУ';
    for (let i = 0; i < latin.length; i++) {
      expect(normaliseClassName(`5${latin[i]}`)).toBe(`5${cyr[i]}`);
      expect(normaliseClassName(`5${latin[i]!.toLowerCase()}`)).toBe(`5${cyr[i]}`);
    }
  });

  it.each([
    ['', 'empty'],
    ['  - ', 'empty'],
    ['А', 'no_grade'],
    ['А5', 'bad_characters'],
    ['5', 'no_letter'],
    ['0А', 'grade_out_of_range'],
    ['12А', 'grade_out_of_range'],
    ['5АБ', 'too_many_letters'],
    ['5D', 'not_cyrillic'],
    ['5№', 'bad_characters'],
    ['5 1', 'no_letter'],
    ['5А!', 'bad_characters'],
    ['Учительская', 'no_grade'],
  ])('refuses %j with reason %s', (input, reason) => {
    expect(parseClassName(input)).toEqual({ ok: false, input, reason });
  });

  it('returns grade and letter', () => {
    expect(parseClassName('11b')).toEqual({ ok: true, name: '11В', grade: 11, letter: 'В' });
  });

  it('builds a grid of grades × letters, sorted, without duplicate letters', () => {
    const grid = buildClassGrid({ fromGrade: 9, toGrade: 11, letters: 'А, б, a' });
    expect(grid.ok && grid.names.map((n) => n.name)).toEqual(['9А', '9Б', '10А', '10Б', '11А', '11Б']);
  });

  it('refuses a bad grid', () => {
    expect(buildClassGrid({ fromGrade: 0, toGrade: 3, letters: 'А' })).toMatchObject({ ok: false, reason: 'grade_out_of_range' });
    expect(buildClassGrid({ fromGrade: 5, toGrade: 3, letters: 'А' })).toMatchObject({ ok: false, reason: 'bad_range' });
    expect(buildClassGrid({ fromGrade: 1, toGrade: 3, letters: ' ' })).toMatchObject({ ok: false, reason: 'no_letters' });
    expect(buildClassGrid({ fromGrade: 1, toGrade: 3, letters: ['А', 'Q'] })).toMatchObject({ ok: false, reason: 'bad_letter', detail: 'Q' });
  });

  it('F04: at most MAX_LETTERS (10) letters a grade, in a grid and among names given at once', () => {
    expect(MAX_LETTERS).toBe(10);
    expect(buildClassGrid({ fromGrade: 5, toGrade: 5, letters: 'АБВГДЕЖЗИК' })).toMatchObject({ ok: true });
    expect(buildClassGrid({ fromGrade: 5, toGrade: 6, letters: 'АБВГДЕЖЗИКЛ' })).toEqual({ ok: false, reason: 'too_many_letters', detail: '10' });
    const eleven = Array.from('АБВГДЕЖЗИКЛ', (letter) => ({ grade: 6, letter }));
    expect(gradeOverLetters(eleven.slice(0, 10))).toBeUndefined();
    expect(gradeOverLetters([{ grade: 5, letter: 'А' }, ...eleven, { grade: 6, letter: 'А' }])).toBe(6);
    expect(gradeOverLetters(Array.from('АБВГДЕ', (letter) => [{ grade: 5, letter }, { grade: 5, letter }, { grade: 7, letter }]).flat())).toBeUndefined();
  });
});
