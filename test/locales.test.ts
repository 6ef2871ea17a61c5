import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { I18n, LOCALES } from '../src/i18n.js';
import { FIELD_PROBLEMS, SCHOOL_FIELDS } from '../src/services/school.js';
import { ROLES } from '../src/services/types.js';
import { SUBJECT_IDS } from '../src/subjects.js';

const i18n = new I18n('ru');

/** Keys built at run time from a prefix and a known list of suffixes. */
const DYNAMIC_FAMILIES: Record<string, readonly string[]> = {
  'field-': SCHOOL_FIELDS,
  'setup-ask-': SCHOOL_FIELDS,
  'role-': ROLES,
  'invalid-': FIELD_PROBLEMS,
  'subject-': SUBJECT_IDS,
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'emulator' ? [] : sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const code = ['src', 'scenes'].flatMap(sourceFiles).map((file) => ({ file, text: readFileSync(file, 'utf8') }));

describe('locales', () => {
  it('every locale has exactly the same keys', () => {
    const ru = new Set(i18n.keys('ru'));
    expect(ru.size).toBeGreaterThan(20);
    for (const locale of LOCALES) {
      const keys = new Set(i18n.keys(locale));
      expect([...ru].filter((k) => !keys.has(k)), `missing in ${locale}`).toEqual([]);
      expect([...keys].filter((k) => !ru.has(k)), `only in ${locale}`).toEqual([]);
    }
  });

  // Every kebab-case string literal whose first word is a locale prefix (cls-…, inv-…, setup-…) is a key.
  const prefixes = new Set(i18n.keys('ru').map((key) => key.split('-')[0]));
  /** Literals that look like keys but are dialog ids. */
  const NOT_KEYS = new Set(['inv-build', 'school-setup']);
  const used = new Set<string>();
  for (const { text } of code) {
    for (const match of text.matchAll(/'([a-z][a-z0-9]*(?:-[a-z0-9]+)+)'/g)) {
      if (prefixes.has(match[1]!.split('-')[0]) && !NOT_KEYS.has(match[1]!)) used.add(match[1]!);
    }
    for (const match of text.matchAll(/\bt\(\s*`([a-z-]+)\$\{/g)) {
      const family = DYNAMIC_FAMILIES[match[1]!];
      expect(family, `dynamic key family ${match[1]} is not listed in this test`).toBeDefined();
      for (const suffix of family ?? []) used.add(`${match[1]}${suffix}`);
    }
  }

  it('the code uses no key that a locale lacks', () => {
    expect(used.size).toBeGreaterThan(100);
    for (const locale of LOCALES) expect([...used].filter((key) => !i18n.has(locale, key)), `used but missing in ${locale}`).toEqual([]);
  });

  it('every key in the locales is used by the code', () => {
    expect(i18n.keys('ru').filter((key) => !used.has(key))).toEqual([]);
  });

  it('numbers such as VK ids print without digit grouping', () => {
    expect(i18n.t('ru', 'private-moved', { id: 123456789 })).toContain('[id123456789|');
  });

  it('plural forms come from Fluent', () => {
    expect(i18n.t('ru', 'invalid-too-long', { max: 1 })).toContain('1 символа');
    expect(i18n.t('ru', 'invalid-too-long', { max: 5 })).toContain('5 символов');
    expect(i18n.t('en', 'invalid-too-long', { max: 1 })).toContain('1 character.');
    expect(i18n.t('en', 'invalid-too-long', { max: 5 })).toContain('5 characters');
  });
});
