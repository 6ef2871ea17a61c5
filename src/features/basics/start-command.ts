import { enterSchoolSetup } from '../school/dialogs.js';
import { answerStranger, isStranger, joinIntro, resumeDialog } from '../first-contact/answer-stranger.js';
import { personName } from '../shared/person-words.js';
import { addressName } from '../../domain/name-forms.js';
import { joinByToken } from '../onboarding/join-command.js';
import { openConsentLink } from '../consent/open-consent-link.js';
import { CONSENT_REF_SOURCE } from '../onboarding/parent-consent.js';
import { INVITE_REF_SOURCE } from '../invites/invite-links.js';
import type { CommandSpec } from '../shared/command-registry.js';
import { mainMenu } from '../menu/main-menu.js';

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
    const ref = context.startRef?.value;
    if (ref && context.isPrivate && context.startRef?.source === CONSENT_REF_SOURCE) return openConsentLink(context, turn, app, ref);
    if (ref && context.isPrivate && (context.startRef?.source ?? INVITE_REF_SOURCE) === INVITE_REF_SOURCE) return joinByToken(context, turn, app, ref);
    if (context.dialogs.current) return resumeDialog(context, turn);
    // In a chat a stranger learns only how to join: whether they have a request is their own business.
    if (isStranger(caller)) return context.isPrivate ? answerStranger(app, turn) : joinIntro(app, turn);
    const profile = await app.school.get();
    if (caller.roles.has('admin') && !profile && context.isPrivate) {
      await turn.reply(t('start-admin-new'));
      return enterSchoolSetup(context.dialogs, null);
    }
    // Addressed as people are at school: by the first name and patronymic («Здравствуйте, Анна Сергеевна!»).
    const name = addressName(await personName(app, t, caller.personId));
    // Only an admin can fill the school's profile: the others are not told about it.
    const greeting = profile ? t('start-known', { name, school: profile.shortName }) : t(caller.roles.has('admin') ? 'start-known-no-school' : 'start-known-plain', { name });
    const member = caller.member;
    const teacherPending = member?.roles.includes('teacher') && member.teacherStatus !== 'verified';
    const notes = teacherPending ? [t('ver-help-pending')] : [];
    // An admin whose school has first steps left is reminded of them (issue 10).
    if (profile && context.isPrivate && caller.roles.has('admin')) {
      const { steps, next } = await app.services.firstSteps.checklist();
      if (next) notes.push(t('steps-start-hint', { done: steps.filter((step) => step.done).length, total: steps.length }));
    }
    return turn.reply([greeting, ...notes].join('\n\n'), context.isPrivate ? mainMenu(turn) : undefined);
  },
};
