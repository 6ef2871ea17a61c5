import { LOCALES, isLocale } from '../i18n.js';
import { replyKeyboard } from '../keyboards.js';
import { enterSchoolSetup } from '../../scenes/school-setup.js';
import { joinByToken } from './join.js';
import type { CommandSpec } from './registry.js';

/**
 * /start: the first word of everyone; a deep link's invite token (`ref`) opens onboarding (F23, F27);
 * a bootstrap admin of a school without a profile starts the setup.
 */
export const startCommand: CommandSpec = {
  name: 'start',
  aliases: ['начать', 'старт'],
  summaryKey: 'cmd-start',
  allowed: () => true,
  async run(context, _args, turn, app) {
    const { t, caller } = turn;
    const ref = context.referralValue;
    if (ref && context.isDM && (context.referralSource ?? 'invite') === 'invite') return joinByToken(context, turn, app, ref);
    const profile = await app.school.get();
    if (caller.roles.has('admin') && !profile && context.isDM) {
      await turn.reply(t('start-admin-new'));
      return enterSchoolSetup(context, null);
    }
    if (caller.roles.size === 0) return turn.reply(t('help-unknown-person'));
    if (!profile) return turn.reply(t('start-known-no-school'));
    return turn.reply(t('start-known', { name: profile.shortName, school: profile.shortName }));
  },
};

/** /cancel: leaves any dialog from any step; nothing of the dialog is saved. */
export const cancelCommand: CommandSpec = {
  name: 'cancel',
  aliases: ['отмена', 'стоп'],
  summaryKey: 'cmd-cancel',
  inDialog: true,
  allowed: () => true,
  async run(context, _args, turn) {
    if (!context.scene.current) return turn.reply(turn.t('cancel-nothing'));
    await context.scene.leave({ canceled: true, silent: true });
    return turn.reply(turn.t('cancel-done'), replyKeyboard([]));
  },
};

/** /lang ru|en: the bot's language for this person, kept with them (not with the dialog, which expires). */
export const langCommand: CommandSpec = {
  name: 'lang',
  aliases: ['язык', 'language'],
  summaryKey: 'cmd-lang',
  inDialog: true,
  allowed: () => true,
  async run(context, args, turn, app) {
    const wanted = args.toLowerCase();
    if (!isLocale(wanted)) {
      return turn.reply(
        turn.t('lang-usage'),
        // Each language is offered under its own name, taken from its own locale.
        replyKeyboard([LOCALES.map((locale) => ({ label: app.i18n.t(locale, 'lang-name'), payload: { k: 'cmd', c: 'lang', a: locale } }))]),
      );
    }
    await app.services.members.setLanguage(turn.caller.vkId, wanted);
    return turn.reply(app.i18n.t(wanted, 'lang-set'));
  },
};
