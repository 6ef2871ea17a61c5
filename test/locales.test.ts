import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { I18n, LOCALES } from '../src/i18n.js';
import { scanTranslationKeys, type KeyScan } from './helpers/translation-keys.js';

const i18n = new I18n('ru');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [resolve(path)] : [];
  });
}

/** Template keys whose variable part the type checker cannot enumerate (none today: roles, fields and subjects are literal unions). */
const DYNAMIC_FAMILIES: Record<string, readonly string[]> = {};

describe('locales', () => {
  // Every call of the translate function (`t(…)`, `turn.t(…)`, `i18n.t(locale, …)`) in src/ and scenes/, with its key
  // followed through conditionals, consts, helper parameters, returns and properties by the TypeScript checker.
  let scan: KeyScan;
  beforeAll(() => {
    scan = scanTranslationKeys(resolve('tsconfig.json'), ['src', 'scenes'].flatMap(sourceFiles), DYNAMIC_FAMILIES);
  }, 120_000); // the TypeScript checker reads the whole project: slow on a busy machine
  const where = (key: string) => `${key} (${[...(scan.keys.get(key) ?? [])].join(', ')})`;

  it('every locale has exactly the same keys', () => {
    const ru = new Set(i18n.keys('ru'));
    expect(ru.size).toBeGreaterThan(20);
    for (const locale of LOCALES) {
      const keys = new Set(i18n.keys(locale));
      expect([...ru].filter((k) => !keys.has(k)), `missing in ${locale}`).toEqual([]);
      expect([...keys].filter((k) => !ru.has(k)), `only in ${locale}`).toEqual([]);
    }
  });

  it('the key of every translate call can be told from the code', () => {
    expect(scan.calls).toBeGreaterThan(300);
    expect(scan.unresolved, 'keys the scan cannot follow: make them literal, a literal union, or list the family above').toEqual([]);
  });

  it('the code uses no key that a locale lacks, whatever its prefix', () => {
    expect(scan.keys.size).toBeGreaterThan(100);
    for (const locale of LOCALES) {
      expect([...scan.keys.keys()].filter((key) => !i18n.has(locale, key)).map(where), `used but missing in ${locale}`).toEqual([]);
    }
  });

  it('every key in the locales is used by the code', () => {
    expect(i18n.keys('ru').filter((key) => !scan.keys.has(key))).toEqual([]);
  });

  it('numbers such as VK ids print without digit grouping', () => {
    expect(i18n.t('ru', 'cls-list-header', { count: 123456789 })).toContain('Классов: 123456789 ');
  });

  it('plural forms come from Fluent', () => {
    expect(i18n.t('ru', 'invalid-too-long', { max: 1 })).toContain('1 символа');
    expect(i18n.t('ru', 'invalid-too-long', { max: 5 })).toContain('5 символов');
    expect(i18n.t('en', 'invalid-too-long', { max: 1 })).toContain('1 character.');
    expect(i18n.t('en', 'invalid-too-long', { max: 5 })).toContain('5 characters');
  });
});
