import { PROMOTION } from '../../scenes/promotion.js';
import type { ActionSpec } from '../actions.js';
import type { Translate } from '../i18n.js';
import { inlineKeyboard } from '../keyboards.js';
import type { AuditEntry } from '../services/types.js';
import type { Caller } from '../turn.js';
import { findClassByArg, regularClasses } from './class-ref.js';
import { parseVkId, personLabel, splitArgs } from './person-ref.js';
import { commandButton, pickKeyboard } from './pick-keyboard.js';
import { attempt } from './refusals.js';
import type { CommandSpec } from './registry.js';

const isAdmin = (caller: Caller): boolean => caller.roles.has('admin');

/** /transfer <id> 6А — moves a student to another class (F10); without a class, class buttons. */
export const transferCommand: CommandSpec = {
  name: 'transfer',
  aliases: ['перевести', 'перевод'],
  summaryKey: 'mv-cmd-transfer',
  dmOnly: true,
  allowed: isAdmin,
  async run(_context, args, turn, app) {
    const { t, caller } = turn;
    const words = splitArgs(args);
    const vkId = parseVkId(words[0]);
    if (vkId === null) return turn.reply(words[0] ? t('adm-bad-id', { value: words[0] }) : t('mv-transfer-usage'));
    const member = await app.services.members.get(vkId);
    if (!member) return turn.reply(t('adm-err-no-member', { id: String(vkId) }));
    const classes = await regularClasses(app);
    const current = classes.filter((c) => member.classIds.includes(c.id));
    if (words.length < 2) {
      if (member.status !== 'active' || !member.roles.includes('student')) return turn.reply(t('mv-err-not-student', { id: String(vkId) }));
      const targets = classes.filter((c) => !member.classIds.includes(c.id));
      if (targets.length === 0) return turn.reply(t('mv-no-targets'));
      const { keyboard } = pickKeyboard(targets.map((c) => commandButton(c.name, 'transfer', `${vkId} ${c.name}`)), 5);
      return turn.reply(t('mv-transfer-pick', { person: personLabel(member), from: current.map((c) => c.name).join(', ') || '—' }), keyboard);
    }
    const found = await findClassByArg(app, t, words.slice(1).join(' '));
    if (!found.ok) return turn.reply(found.text);
    const target = found.classGroup;
    const done = await attempt(t, () => app.services.movement.transfer(caller.vkId, { vkId, toClassId: target.id }));
    if (!done.ok) return turn.reply(done.text);
    if (!done.value.changed) return turn.reply(t('mv-already-there', { person: personLabel(done.value.member), name: target.name }));
    const from = (await app.services.classes.get(done.value.fromClassId))?.name ?? '—';
    return turn.reply(t('mv-transferred', { person: personLabel(done.value.member), from, to: target.name }));
  },
};

/** /left <id> — asks to confirm, then marks the member as having left: rights and invites end at once (F10). */
export const leftCommand: CommandSpec = {
  name: 'left',
  aliases: ['выбыл', 'выбытие'],
  summaryKey: 'mv-cmd-left',
  dmOnly: true,
  allowed: isAdmin,
  async run(_context, args, turn, app) {
    const { t } = turn;
    const words = splitArgs(args);
    const vkId = parseVkId(words[0]);
    if (vkId === null) return turn.reply(words[0] ? t('adm-bad-id', { value: words[0] }) : t('mv-left-usage'));
    const member = await app.services.members.get(vkId);
    if (!member) return turn.reply(t('adm-err-no-member', { id: String(vkId) }));
    if (member.status === 'left') return turn.reply(t('mv-already-left', { person: personLabel(member) }));
    return turn.reply(
      t('mv-left-confirm', { person: personLabel(member) }),
      inlineKeyboard([
        [
          { label: t('mv-btn-left-yes'), payload: { k: 'cb', a: 'mv.left', id: String(vkId) }, color: 'negative' },
          { label: t('btn-cancel'), payload: { k: 'cb', a: 'cls.keep' } },
        ],
      ]),
    );
  },
};

/** The confirmation button of /left: marks the member as left, re-checking the presser's rights. */
export const leftAction: ActionSpec = {
  name: 'mv.left',
  async run(_context, payload, turn, app) {
    const { t, caller } = turn;
    const vkId = parseVkId(payload.id);
    if (vkId === null) return t('button-stale-short');
    const done = await attempt(t, () => app.services.movement.markLeft(caller.vkId, vkId));
    if (!done.ok) {
      await turn.reply(done.text);
      return undefined;
    }
    const person = personLabel(done.value.member);
    if (!done.value.changed) {
      await turn.reply(t('mv-already-left', { person }));
      return undefined;
    }
    await turn.reply(t('mv-left-done', { person, invites: done.value.revokedInvites }));
    return t('mv-left-short');
  },
};

/** /promote — the move to the next school year, previewed and confirmed in a dialog (F10). */
export const promoteCommand: CommandSpec = {
  name: 'promote',
  aliases: ['новыйгод', 'переводгода'],
  summaryKey: 'mv-cmd-promote',
  dmOnly: true,
  allowed: isAdmin,
  async run(context) {
    return context.scene.enter(PROMOTION);
  },
};

/** At most this many audit entries on one page. */
const MAX_AUDIT = 100;
const DEFAULT_AUDIT = 20;

/** One audit entry as a line: number, time, who, what, about what (ids, class names). */
function auditLine(t: Translate, entry: AuditEntry, when: string, classNames: Map<string, string>): string {
  const actor = entry.actor === 'system' ? t('mv-audit-system') : `id${entry.actor}`;
  const target = [
    entry.target.classId ? t('mv-audit-class', { name: classNames.get(entry.target.classId) ?? entry.target.classId }) : '',
    entry.target.vkId !== undefined ? `id${entry.target.vkId}` : '',
    entry.target.inviteId ? t('mv-audit-invite', { id: entry.target.inviteId }) : '',
    entry.target.requestId ? t('mv-audit-request', { id: entry.target.requestId }) : '',
    ...Object.entries(entry.details ?? {}).map(([key, value]) => `${key}=${String(value)}`),
  ].filter(Boolean);
  return `#${entry.id} ${when} — ${actor}: ${entry.action}${target.length > 0 ? ` (${target.join(', ')})` : ''}`;
}

/** /audit [N] — the most recent entries of the audit log, for admins (F10). */
export const auditCommand: CommandSpec = {
  name: 'audit',
  aliases: ['журнал', 'аудит'],
  summaryKey: 'mv-cmd-audit',
  dmOnly: true,
  allowed: isAdmin,
  async run(_context, args, turn, app) {
    const { t, locale } = turn;
    const asked = Number.parseInt(args.trim(), 10);
    const limit = Number.isInteger(asked) && asked > 0 ? Math.min(asked, MAX_AUDIT) : DEFAULT_AUDIT;
    const entries = await app.services.audit.recent(limit);
    if (entries.length === 0) return turn.reply(t('mv-audit-empty'));
    const classNames = new Map((await app.services.classes.list({ includeArchived: true })).map((c) => [c.id, c.name]));
    const format = new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { timeZone: app.config.SCHOOL_TZ, day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' });
    const lines = entries.map((entry) => auditLine(t, entry, format.format(new Date(entry.at)), classNames));
    return turn.reply([t('mv-audit-header', { count: entries.length }), ...lines].join('\n'));
  },
};
