import { enterSchoolSetup } from './dialogs.js';
import { profileSummary } from './profile-summary.js';
import { sendApplication } from './send-application.js';
import { formatWhen } from '../../i18n.js';
import { replyKeyboard } from '../shared/keyboards.js';
import { may, type CommandSpec } from '../shared/command-registry.js';

/** /school: shows the school's profile (F02) with buttons to edit it or to get the Sferum application again (F01). */
export const schoolCommand: CommandSpec = {
  name: 'school',
  aliases: ['школа', 'профиль'],
  summaryKey: 'cmd-school',
  dmOnly: true,
  allowed: may('school.edit'),
  async run(context, args, turn, app) {
    const { t } = turn;
    const profile = await app.school.get();
    const action = args.toLowerCase();
    if (!profile || action === 'edit' || action === 'изменить') {
      return enterSchoolSetup(context.dialogs, profile);
    }
    if (action === 'application' || action === 'заявка') return sendApplication(turn, profile);
    const updated = formatWhen(profile.updatedAt, app.config.SCHOOL_TZ, turn.locale);
    return turn.reply(
      t('school-show', { summary: profileSummary(t, profile), updated }),
      replyKeyboard([
        [{ label: t('btn-school-edit'), payload: { k: 'cmd', c: 'school', a: 'edit' }, color: 'primary' }],
        [{ label: t('btn-school-application'), payload: { k: 'cmd', c: 'school', a: 'application' } }],
      ]),
    );
  },
};
