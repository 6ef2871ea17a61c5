/**
 * VK's language codes (`client_info.lang_id`) in the bot's locales and back: only the VK adapter
 * reads them; the port speaks of languages by their locale ('ru', 'en').
 */
import type { Locale } from '../i18n.js';

/** Maps VK's `client_info.lang_id` to a supported locale (0 ru, 1 uk, 2 be, 100 and 114 → ru; 3 en and any other → en). */
export function localeFromLangId(langId: number | undefined): Locale | undefined {
  if (langId === undefined) return undefined;
  if (langId === 3) return 'en';
  if (langId === 0 || langId === 1 || langId === 2 || langId === 100 || langId === 114) return 'ru';
  return 'en';
}

/** VK's lang_id for a language the port names (ru 0, en 3). */
const LANG_IDS: Readonly<Record<string, number>> = { ru: 0, en: 3 };

/** VK's lang_id for a language the port names, undefined for none or one VK has no code for here. */
export function langIdOf(language: string | undefined): number | undefined {
  return language === undefined ? undefined : LANG_IDS[language];
}
