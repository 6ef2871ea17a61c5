import { LOCALES, isLocale } from '../i18n.js';
import { replyKeyboard } from '../keyboards.js';
import { enterSchoolSetup } from '../../scenes/school-setup.js';
import { answerStranger, isStranger, joinIntro, resumeDialog } from '../first-contact.js';
import { personName } from '../review-format.js';
import { joinByToken } from './join.js';
import type { CommandSpec } from './registry.js';

/**
 * /start: the first word of everyone (F27). A deep link's invite token (`ref`) opens onboarding (F23);
 * in the middle of a dialog, the dialog's step is asked again; a stranger learns how to join (or that
 * their request is pending); a bootstrap admin of a school without a profile starts the setup; a member
 * is greeted by their own name.
 */
export const startCommand: CommandSpec = {
  name: 'start',
  aliases: ['начать', 'старт'],
  summaryKey: 'cmd-start',
  inDialog: true,
  allowed: () => true,
  async run(context, _args, turn, app) {
    const { t, caller } = turn;
    const ref = context.referralValue;
    if (ref && context.isDM && (context.referralSource ?? 'invite') === 'invite') return joinByToken(context, turn, app, ref);
    if (context.scene.current) return resumeDialog(context, turn);
    // In a chat a stranger learns only how to join: whether they have a request is their own business.
    if (isStranger(caller)) return context.isDM ? answerStranger(app, turn) : joinIntro(app, turn);
    const profile = await app.school.get();
    if (caller.roles.has('admin') && !profile && context.isDM) {
      await turn.reply(t('start-admin-new'));
      return enterSchoolSetup(context, null);
    }
    const name = await personName(app, t, caller.vkId);
    const greeting = profile ? t('start-known', { name, school: profile.shortName }) : t('start-known-no-school', { name });
    const member = caller.member;
    const teacherPending = member?.roles.includes('teacher') && member.teacherStatus !== 'verified';
    return turn.reply(teacherPending ? `${greeting}\n\n${t('ver-help-pending')}` : greeting);
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
