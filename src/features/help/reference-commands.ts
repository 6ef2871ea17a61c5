/**
 * What every person may read (F15, F17, F29, F30): Sferum's support with a ready letter, the school's
 * regulation by sections, Sferum's official instructions; and «Вопрос администратору» (F14).
 */
import { enterAdminQuestion } from './dialogs.js';
import type { App } from '../../app.js';
import { formatWhen } from '../../i18n.js';
import { ROLES } from '../../domain/types.js';
import type { Turn } from '../../turn.js';
import type { CommandSpec } from '../shared/command-registry.js';
import { inlineKeyboard, type Button, type Keyboard } from '../shared/keyboards.js';
import { regulationSections } from './regulation.js';

/** Sferum's support address (regulation 2.1, 3.2). */
export const SUPPORT_EMAIL = 'info@sferum.ru';
/** Sferum's site of instructions and resources (regulation 3.3). */
export const RESOURCES_URL = 'https://prof-sferum.ru';

/** Callback action name of a regulation section's button (`id`: its index, or `list`). */
export const RULES_SECTION = 'rules.s';

/** The longest description of a problem put into the letter. */
const DESCRIPTION_MAX = 1500;

/** The ready letter to Sferum's support: the school, the person's roles, the date, and the problem (or a place for it). */
async function supportLetter(app: App, turn: Turn, description: string): Promise<string> {
  const { t, caller, locale } = turn;
  const profile = await app.school.get();
  const school = profile ? `${profile.fullName} (${profile.shortName}), ${profile.city}` : t('sup-school-unknown');
  const roles = ROLES.filter((role) => caller.roles.has(role)).map((role) => t(`role-${role}`));
  const body = t('sup-body', {
    school,
    roles: roles.join(', ') || t('sup-role-none'),
    date: formatWhen(Date.now(), app.config.SCHOOL_TZ, locale),
    description: description || t('sup-describe-here'),
  });
  return t('sup-text', { email: SUPPORT_EMAIL, subject: t('sup-subject', { school: profile?.shortName ?? t('sup-school-short-unknown') }), body, typed: description ? 'yes' : 'no' });
}

/** /support — Sferum's support address and a ready letter; typed with a description (`/поддержка не приходит код`), the letter has it (F15, F29). */
export const supportCommand: CommandSpec = {
  name: 'support',
  aliases: ['поддержка', 'техподдержка'],
  summaryKey: 'sup-cmd',
  inDialog: true,
  allowed: () => true,
  async run(_message, args, turn, app) {
    return turn.reply(await supportLetter(app, turn, args.trim().slice(0, DESCRIPTION_MAX)));
  },
};

const sectionButton = (label: string, id: string): Button => ({ label, payload: { k: 'cb', a: RULES_SECTION, id } });

/** The regulation's sections as buttons, two a row (VK's inline keyboard holds 10 buttons in 6 rows; the regulation has 8 sections). */
export function rulesKeyboard(): Keyboard {
  const buttons = regulationSections().map((section, index) => sectionButton(section.label, String(index)));
  const rows: Button[][] = [];
  for (let i = 0; i < buttons.length; i += 2) rows.push(buttons.slice(i, i + 2));
  return inlineKeyboard(rows);
}

/** The regulation's heading and its sections as buttons; an English reader is told the text is in Russian. */
export function rulesHome(turn: Turn): Promise<unknown> {
  return turn.reply(turn.t('rules-intro'), rulesKeyboard());
}

/** One section of the regulation, with «Назад» to the list of sections (a long one is split by the outbox at VK's 4096 characters). */
export function rulesSection(turn: Turn, index: number): Promise<unknown> | undefined {
  const section = regulationSections()[index];
  if (!section) return undefined;
  const note = turn.locale === 'ru' ? [] : [turn.t('rules-in-russian'), ''];
  return turn.reply([...note, section.title, '', section.text].join('\n'), inlineKeyboard([[sectionButton(turn.t('btn-back'), 'list')]]));
}

/** /rules — the school's regulation on Sferum by sections as buttons (F17). */
export const rulesCommand: CommandSpec = {
  name: 'rules',
  aliases: ['правила', 'регламент', 'положение'],
  summaryKey: 'rules-cmd',
  inDialog: true,
  allowed: () => true,
  run(_message, _args, turn) {
    return rulesHome(turn);
  },
};

/** /resources — Sferum's official instructions and resources on prof-sferum.ru (F30). */
export const resourcesCommand: CommandSpec = {
  name: 'resources',
  aliases: ['ресурсы', 'инструкции'],
  summaryKey: 'res-cmd',
  inDialog: true,
  allowed: () => true,
  run(_message, _args, turn) {
    const { t } = turn;
    return turn.reply(t('res-text', { url: RESOURCES_URL, email: SUPPORT_EMAIL }), inlineKeyboard([[{ kind: 'link', label: t('res-btn-open'), url: RESOURCES_URL }]]));
  },
};

/** /question — «Вопрос администратору»: the member types a question, the admins get it with «Ответить» (F14). */
export const questionCommand: CommandSpec = {
  name: 'question',
  aliases: ['вопрос'],
  summaryKey: 'q-cmd',
  dmOnly: true,
  allowed: (caller) => caller.member?.status === 'active',
  refusal: (turn) => turn.t('q-stranger'),
  run(message) {
    return enterAdminQuestion(message.dialogs);
  },
};
