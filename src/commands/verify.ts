import { vkMention } from '../review-format.js';
import { confirmTeacher, verifyListMessage, type VerifyOutcome } from '../verify-notices.js';
import type { Translate } from '../i18n.js';
import type { Caller } from '../turn.js';
import type { CommandSpec } from './registry.js';

/** Who may confirm teacher status: admins, the head and deputies (F09, F20). */
export function mayVerify(caller: Caller): boolean {
  return caller.roles.has('admin') || caller.roles.has('head') || caller.roles.has('deputy');
}

/** Reads a VK id from `123`, `id123`, `@id123`, `[id123|Имя]` or `vk.com/id123`; null for anything else. */
export function parseTeacherId(arg: string): number | null {
  const text = arg.trim();
  const match =
    /^\[id(\d{1,12})\|[^\]]*\]$/iu.exec(text) ?? /^[@*]?(?:id)?(\d{1,12})$/iu.exec(text) ?? /^(?:https?:\/\/)?(?:m\.)?vk\.(?:com|ru)\/id(\d{1,12})\/?$/iu.exec(text);
  const id = match ? Number(match[1]) : NaN;
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** The words for a confirmation's outcome, as a full message. */
export function verifyOutcomeText(t: Translate, outcome: VerifyOutcome): string {
  if (outcome.kind === 'refused') return outcome.text;
  const who = vkMention(outcome.teacher.vkId, outcome.teacher.name);
  if (outcome.kind === 'done') return t('ver-done', { who });
  return outcome.by ? t('ver-already-by', { who, by: outcome.by }) : t('ver-already', { who });
}

/** /verify: the teachers waiting for confirmation with a button each; `/verify <vk id>` confirms one (F09, F20). */
export const verifyCommand: CommandSpec = {
  name: 'verify',
  aliases: ['подтвердить', 'верификация'],
  summaryKey: 'ver-cmd-summary',
  dmOnly: true,
  allowed: mayVerify,
  async run(_context, args, turn, app) {
    const { t } = turn;
    if (!args.trim()) {
      const list = await verifyListMessage(app, t);
      return turn.reply(list.text, list.keyboard);
    }
    const vkId = parseTeacherId(args);
    if (vkId === null) return turn.reply(t('ver-usage'));
    return turn.reply(verifyOutcomeText(t, await confirmTeacher(app, turn, vkId)));
  },
};
