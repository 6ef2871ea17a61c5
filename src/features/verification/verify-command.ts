import { confirmTeacher, type VerifyOutcome } from './confirm-teacher.js';
import { deliverNotices } from '../shared/notices.js';
import { verifyListMessage } from './verify-notices.js';
import type { App } from '../../app.js';
import { personValue, type Translate } from '../../i18n.js';
import { may, type CommandSpec } from '../shared/command-registry.js';
import { choosePerson } from '../shared/person-picker.js';

/** The words for a confirmation's outcome, as a full message. */
export function verifyOutcomeText(app: App, t: Translate, outcome: VerifyOutcome): string {
  if (outcome.kind === 'refused') return outcome.text;
  const { teacher } = outcome;
  const who = personValue(teacher.name, teacher.gender, (name) => app.messenger.mention(teacher.personId, name));
  if (outcome.kind === 'done') return t('ver-done', { who });
  return outcome.by ? t('ver-already-by', { who, by: outcome.by }) : t('ver-already', { who });
}

/**
 * /verify: the teachers waiting for confirmation with a button each; `/verify <vk id>` confirms one,
 * `/verify <part of the surname>` finds them among the teachers waiting (a button to confirm) (F09, F20).
 */
export const verifyCommand: CommandSpec = {
  name: 'verify',
  aliases: ['подтвердить', 'верификация'],
  summaryKey: 'ver-cmd-summary',
  dmOnly: true,
  allowed: may('teacher.verify'),
  async run(_context, args, turn, app) {
    const { t } = turn;
    if (!args.trim()) {
      const list = await verifyListMessage(app, t);
      return turn.reply(list.text, list.keyboard);
    }
    const choice = await choosePerson(app, turn, app.messenger.people.split(args), {
      command: 'verify',
      eligible: (m) => m.status === 'active' && m.teacherStatus === 'pending',
      question: t('pp-verify-who'),
      byClass: false,
      confirmUnique: true,
    });
    if (choice.kind === 'answered') return undefined;
    const { outcome, notices } = await confirmTeacher(app, turn, choice.personId);
    await deliverNotices(app, notices);
    return turn.reply(verifyOutcomeText(app, t, outcome));
  },
};
