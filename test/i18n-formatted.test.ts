import { describe, expect, it } from 'vitest';
import { I18n, personValue } from '../src/i18n.js';

describe('formatted messages kept for the same plain arguments', () => {
  it('gives each school, count and person its own text, and the same text again for the same arguments', () => {
    const i18n = new I18n('ru');
    const first = i18n.t('ru', 'contact-intro', { school: '«Лицей № 1»' });
    expect(first).toContain('«Лицей № 1»');
    expect(i18n.t('ru', 'contact-intro', { school: '«Гимназия № 2»' })).toContain('«Гимназия № 2»');
    expect(i18n.t('ru', 'contact-intro', { school: '«Лицей № 1»' })).toBe(first);
    expect(i18n.t('en', 'contact-intro', { school: '«Лицей № 1»' })).not.toBe(first);
    expect(i18n.t('ru', 'contact-pending-title', { count: 1 })).not.toBe(i18n.t('ru', 'contact-pending-title', { count: 2 }));
    // A person (an object, declined by case and gender) is formatted every time.
    expect(i18n.t('ru', 'contact-pending-child', { child: personValue('Анна Петрова', 'female') })).toContain('Анна');
  });
});
