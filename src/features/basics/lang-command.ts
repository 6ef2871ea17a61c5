import { LOCALES, isLocale } from '../../i18n.js';
import { replyKeyboard } from '../shared/keyboards.js';
import type { CommandSpec } from '../shared/command-registry.js';

/** Languages typed by their names, as the Russian help shows them: /язык русский, /язык английский. */
const LANGUAGE_NAMES: Readonly<Record<string, string>> = { русский: 'ru', английский: 'en', russian: 'ru', english: 'en' };

/** /lang ru|en: the bot's language for this person, kept with them (not with the dialog, which expires). */
export const langCommand: CommandSpec = {
  name: 'lang',
  aliases: ['язык', 'language'],
  summaryKey: 'cmd-lang',
  inDialog: true,
  allowed: () => true,
  async run(context, args, turn, app) {
    const typed = args.trim().toLocaleLowerCase('ru-RU');
    const wanted = LANGUAGE_NAMES[typed] ?? typed;
    if (!isLocale(wanted)) {
      return turn.reply(
        turn.t('lang-usage'),
        // Each language is offered under its own name, taken from its own locale.
        replyKeyboard([LOCALES.map((locale) => ({ label: app.i18n.t(locale, 'lang-name'), payload: { k: 'cmd', c: 'lang', a: locale } }))]),
      );
    }
    await app.services.members.setLanguage(turn.caller.personId, wanted);
    return turn.reply(app.i18n.t(wanted, 'lang-set'));
  },
};
