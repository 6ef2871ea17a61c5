import { describe, expect, it } from 'vitest';
import { langIdOf, localeFromLangId } from '../../src/vk/lang-id.js';

// VK's lang_id codes are the VK adapter's own: the port speaks of 'ru' and 'en'.

describe("VK's lang_id", () => {
  it('maps Russian, Ukrainian, Belarusian and the other Russian-reading codes to ru, English and the rest to en, none to none', () => {
    expect([0, 1, 2, 100, 114].map(localeFromLangId)).toEqual(['ru', 'ru', 'ru', 'ru', 'ru']);
    expect([3, 4, 97].map(localeFromLangId)).toEqual(['en', 'en', 'en']);
    expect(localeFromLangId(undefined)).toBeUndefined();
  });

  it('gives back the code of a language the port names', () => {
    expect(langIdOf('ru')).toBe(0);
    expect(langIdOf('en')).toBe(3);
    expect(langIdOf(undefined)).toBeUndefined();
    expect(langIdOf('de')).toBeUndefined();
  });
});
