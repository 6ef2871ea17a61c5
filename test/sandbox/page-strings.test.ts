import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAGE_DIR } from '../../sandbox/web-server.js';

const strings = (lang: 'ru' | 'en'): Record<string, string> => JSON.parse(readFileSync(join(PAGE_DIR, 'i18n', `${lang}.json`), 'utf8')) as Record<string, string>;
const source = ['app.js', 'index.html'].map((file) => readFileSync(join(PAGE_DIR, file), 'utf8')).join('\n');
const actions = readFileSync(join(PAGE_DIR, '..', 'actions.ts'), 'utf8');

describe('the sandbox page strings (issue 9)', () => {
  it('Russian and English have the same keys, each with the same {placeholders}', () => {
    const ru = strings('ru');
    const en = strings('en');
    expect(Object.keys(en).sort()).toEqual(Object.keys(ru).sort());
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/gu)].map((m) => m[1]).sort();
    for (const key of Object.keys(ru)) expect(placeholders(en[key]!), key).toEqual(placeholders(ru[key]!));
  });

  it('the Russian strings have no English words (the product name and commands aside)', () => {
    for (const [key, text] of Object.entries(strings('ru'))) {
      const latin = text.replace(/Parta|\/start|\{\w+\}/gu, '').match(/[A-Za-z]{2,}/gu);
      expect(latin, key).toBeNull();
    }
  });

  it('every key the page uses exists, the refusals of the server included', () => {
    const ru = strings('ru');
    const used = new Set([
      ...[...source.matchAll(/\bt\('([\w-]+)'/gu)].map((m) => m[1]!),
      ...[...source.matchAll(/data-i18n(?:-placeholder|-label)?="([\w-]+)"/gu)].map((m) => m[1]!),
      ...['admin', 'head', 'teacher', 'student', 'parent', 'none'].map((part) => `part-${part}`),
      ...['admin', 'head', 'deputy', 'teacher', 'student', 'parent'].map((role) => `role-${role}`),
      ...['study', 'channel', 'admin', 'chat'].map((kind) => `kind-${kind}`),
      ...[...(/export type RefusalCode =([^;]+);/u.exec(actions)?.[1] ?? '').matchAll(/'([\w-]+)'/gu)].map((m) => `error-${m[1]}`),
      'error-internal',
      'error-network',
    ]);
    expect(used.size).toBeGreaterThan(40);
    expect([...used].filter((key) => !(key in ru))).toEqual([]);
  });
});
