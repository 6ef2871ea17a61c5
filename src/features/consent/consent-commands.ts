/**
 * /consent (/согласие): an admin sees the student requests waiting for a parent's consent and
 * records a paper consent (by button, or `/согласие <ученик>`); a student whose request waits gets
 * a fresh link for a parent; a parent sees the consents they gave and withdraws one. And the
 * buttons of these messages.
 */
import type { App } from '../../app.js';
import { asPersonId } from '../../domain/person.js';
import { formatWhen } from '../../i18n.js';
import type { ActionSpec } from '../shared/action-registry.js';
import type { CommandSpec } from '../shared/command-registry.js';
import { inlineKeyboard, type Button } from '../shared/keyboards.js';
import { classNameOf } from '../shared/class-ref.js';
import type { Turn } from '../../turn.js';
import { sendParentLink } from '../onboarding/parent-consent.js';
import { askWithdrawal, childNameOf, CNS_PAPER, CNS_WITHDRAW, CNS_WITHDRAW_CONFIRM, confirmWithdrawal, recordPaperConsent } from './consent-actions.js';

/** At most this many requests or consents get a button (VK's inline keyboard has room for 10 rows). */
const MAX_BUTTONS = 10;

/**
 * The waiting requests: for an admin all of them, each with a «paper consent» button; for a class
 * teacher those of their classes, to remind the families (only admins record paper consents).
 */
async function showWaiting(app: App, turn: Turn, classIds?: readonly string[]): Promise<unknown> {
  const { t } = turn;
  const all = await app.services.consent.waiting();
  const waiting = classIds ? all.filter((r) => classIds.includes(r.applicant.classId)) : all;
  const footer = classIds ? t('cns-teacher-hint') : t('cns-admin-usage');
  // Nothing waits: no paper consent to record, so an admin gets no usage; a class teacher still the reminder.
  if (waiting.length === 0) return turn.reply(classIds ? `${t('cns-admin-list-empty')}\n\n${footer}` : t('cns-admin-list-empty'));
  const lines = [t(classIds ? 'cns-teacher-list-heading' : 'cns-admin-list-heading', { count: waiting.length })];
  const rows: Button[][] = [];
  for (const [i, request] of waiting.entries()) {
    const { applicant } = request;
    const when = formatWhen(request.createdAt, app.config.SCHOOL_TZ, turn.locale);
    lines.push(t('cns-admin-list-item', { index: i + 1, who: app.messenger.mention(applicant.personId, applicant.name), class: await classNameOf(app, applicant.classId), when }));
    if (!classIds && i < MAX_BUTTONS) rows.push([{ label: t('cns-btn-paper', { index: i + 1 }), payload: { k: 'cb', a: CNS_PAPER, id: request.id }, color: 'primary' }]);
  }
  lines.push(footer);
  return turn.reply(lines.join('\n'), rows.length > 0 ? inlineKeyboard(rows) : undefined);
}

/** The parent's consents with a «withdraw» button each; false when they gave none. */
async function showGiven(app: App, turn: Turn): Promise<boolean> {
  const { t, caller } = turn;
  const given = await app.services.consent.givenBy(caller.personId);
  if (given.length === 0) return false;
  const lines = [t('cns-parent-list-heading')];
  const rows: Button[][] = [];
  for (const [i, consent] of given.entries()) {
    const when = formatWhen(consent.at, app.config.SCHOOL_TZ, turn.locale);
    const child = await childNameOf(app, consent.studentId);
    lines.push(t('cns-parent-list-item', { index: i + 1, child, class: await classNameOf(app, consent.classId), when, withdrawing: consent.withdrawing ? 'yes' : 'no' }));
    if (!consent.withdrawing && i < MAX_BUTTONS) {
      rows.push([{ label: t('cns-btn-withdraw', { index: i + 1 }), payload: { k: 'cb', a: CNS_WITHDRAW, id: consent.studentId }, color: 'negative' }]);
    }
  }
  if (rows.length > 0) lines.push(t('cns-parent-list-hint'));
  await turn.reply(lines.join('\n'), rows.length > 0 ? inlineKeyboard(rows) : undefined);
  return true;
}

/** /consent, /согласие: see the list above. */
export const consentCommand: CommandSpec = {
  name: 'consent',
  aliases: ['согласие', 'согласия'],
  summaryKey: 'cns-cmd-summary',
  dmOnly: true,
  // Whose business children's consents are: a parent, an admin, a class teacher, and someone whose request waits for one (not yet a member).
  allowed: (caller) => caller.member?.status !== 'active' || caller.roles.has('parent') || caller.roles.has('admin') || caller.member.classTeacherOf.length > 0,
  async run(_context, args, turn, app) {
    const { t, caller } = turn;
    const isAdmin = caller.roles.has('admin');
    if (isAdmin && args.trim()) {
      const personId = app.messenger.people.id(app.messenger.people.split(args)[0]);
      if (personId === null) return turn.reply(`${t('cns-bad-person', { value: args.trim() })}\n\n${t('cns-admin-usage')}`);
      const request = (await app.services.consent.waiting()).find((r) => r.applicant.personId === personId);
      if (!request) return turn.reply(t('cns-paper-no-request'));
      return turn.reply((await recordPaperConsent(app, turn, request.id)).text);
    }
    const own = (await app.services.requests.pendingOf(caller.personId, caller.filedRequests)).find((r) => r.awaitingConsent);
    if (own) return sendParentLink(app, turn, own, false);
    const shown = await showGiven(app, turn);
    if (isAdmin) return showWaiting(app, turn);
    const leads = caller.member?.status === 'active' ? caller.member.classTeacherOf : [];
    if (leads.length > 0) return showWaiting(app, turn, leads);
    if (!shown) return turn.reply(t('cns-none'));
    return undefined;
  },
};

/** «Бумажное согласие № N»: an admin records the paper consent of that request. */
const paperAction: ActionSpec = {
  name: CNS_PAPER,
  async run(_press, payload, turn, app) {
    if (!payload.id) return turn.t('button-stale-short');
    const report = await recordPaperConsent(app, turn, payload.id);
    await turn.reply(report.text);
    return report.short;
  },
};

/** «Отозвать согласие № N»: a parent asks to withdraw their consent (only their own: checked by the domain). */
const withdrawAction: ActionSpec = {
  name: CNS_WITHDRAW,
  async run(_press, payload, turn, app) {
    const studentId = asPersonId(payload.id ?? '');
    if (studentId === undefined) return turn.t('button-stale-short');
    const report = await askWithdrawal(app, turn, studentId);
    await turn.reply(report.text);
    return report.short;
  },
};

/** «Подтвердить и удалить данные»: an admin confirms a withdrawal; the child's data is removed. */
const confirmAction: ActionSpec = {
  name: CNS_WITHDRAW_CONFIRM,
  async run(_press, payload, turn, app) {
    const studentId = asPersonId(payload.id ?? '');
    if (studentId === undefined) return turn.t('button-stale-short');
    const report = await confirmWithdrawal(app, turn, studentId);
    await turn.reply(report.text);
    return report.short;
  },
};

/** The consent buttons. */
export const consentActions: readonly ActionSpec[] = [paperAction, withdrawAction, confirmAction];
