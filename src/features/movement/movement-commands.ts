import { PROMOTION } from '../../../scenes/promotion.js';
import type { ActionSpec } from '../shared/action-registry.js';
import type { App } from '../../app.js';
import type { Translate } from '../../i18n.js';
import { cancelButton, inlineKeyboard, type Button } from '../shared/keyboards.js';
import { deliverNotices } from '../shared/notices.js';
import { NotFoundError, PermissionDeniedError } from '../../domain/errors.js';
import type { LeaveResult } from '../../domain/movement.js';
import type { ClassRoster, Member } from '../../domain/types.js';
import type { Turn } from '../../turn.js';
import { findClassByArg, regularClasses } from '../shared/class-ref.js';
import { personLabel, personShort } from '../shared/person-ref.js';
import { classPicker, commandButton, pickKeyboard } from '../shared/pick-keyboard.js';
import { parsePageToken, withPageNote } from '../shared/paging.js';
import { may, type CommandSpec } from '../shared/command-registry.js';
import { removeFromClassChats, removeFromRoleChats } from '../study-chats/chat-members.js';
import { removeFromAdminChats } from '../admin-chats/admin-chat-members.js';
import { removedLines } from '../shared/chat-removals.js';
import { linkParent } from './link-parent.js';
import { markLeft } from './mark-left.js';
import { transferStudent, type TransferOutcome } from './transfer-student.js';

/** /transfer <id> 6А — moves a student to another class (F10); without a class, class buttons. */
export const transferCommand: CommandSpec = {
  name: 'transfer',
  aliases: ['перевести', 'перевод'],
  summaryKey: 'mv-cmd-transfer',
  dmOnly: true,
  allowed: may('movement.record'),
  async run(_context, args, turn, app) {
    const { t } = turn;
    const words = app.messenger.people.split(args);
    const vkId = app.messenger.people.id(words[0]);
    if (vkId === null) return turn.reply(words[0] ? t('adm-bad-id', { value: words[0] }) : t('mv-transfer-usage'));
    const member = await app.services.members.get(vkId);
    if (!member) return turn.reply(t('adm-err-no-member', { id: String(vkId) }));
    const classes = await regularClasses(app);
    const current = classes.filter((c) => member.classIds.includes(c.id));
    const page = words.length === 2 ? parsePageToken(words[1]) : undefined;
    if (words.length < 2 || page !== undefined) {
      if (member.status !== 'active' || !member.roles.includes('student')) return turn.reply(t('mv-err-not-student', { id: String(vkId) }));
      const targets = classes.filter((c) => !member.classIds.includes(c.id));
      if (targets.length === 0) return turn.reply(t('mv-no-targets'));
      const pick = classPicker(t, targets, 'transfer', page ?? 1, { prefix: String(vkId) });
      return turn.reply(withPageNote(t('mv-transfer-pick', { person: personLabel(member), from: current.map((c) => c.name).join(', ') || '—' }), pick), pick.keyboard);
    }
    const found = await findClassByArg(app, t, words.slice(1).join(' '));
    if (!found.ok) return turn.reply(found.text);
    const { outcome, notices } = await transferStudent(app, turn, vkId, found.classGroup);
    if (outcome.kind === 'refused') return turn.reply(outcome.text);
    if (outcome.kind === 'already') return turn.reply(t('mv-already-there', { person: personLabel(outcome.member), name: outcome.to }));
    const { unreachable } = await deliverNotices(app, notices);
    const chats = await removeFromClassChats(app, outcome.leavers);
    const moved = [outcome.result.member, ...outcome.result.parents.map((p) => p.member)];
    return turn.reply([transferReport(t, outcome, unreachable), ...removedLines(t, chats, moved)].join('\n'));
  },
};

/**
 * The admin's confirmation of a transfer: who moved, which parents moved along (or stayed in the old
 * class as well), who could not be told (`unreachable`: the ids the messenger would not deliver to).
 */
function transferReport(t: Translate, outcome: TransferOutcome & { kind: 'transferred' }, unreachable: readonly number[]): string {
  const { from, to } = outcome;
  const { member, parents } = outcome.result;
  const lines = [t('mv-transferred', { person: personLabel(member), from, to })];
  const moved = parents.filter((p) => !p.stayedInFromClass).map((p) => personLabel(p.member));
  const stayed = parents.filter((p) => p.stayedInFromClass).map((p) => personLabel(p.member));
  if (moved.length > 0) lines.push(t('mv-parents-moved', { count: moved.length, parents: moved.join(', '), to }));
  if (stayed.length > 0) lines.push(t('mv-parents-joined', { count: stayed.length, parents: stayed.join(', '), from, to }));
  lines.push(...notToldLines(t, [member, ...parents.map((p) => p.member)], unreachable));
  return lines.join('\n');
}

/** The admin's line naming the people of `told` the messenger would not deliver to, if any. */
function notToldLines(t: Translate, told: readonly Member[], unreachable: readonly number[]): string[] {
  const people = told.filter((m) => unreachable.includes(m.vkId)).map((m) => personLabel(m));
  return people.length > 0 ? [t('mv-not-told', { people: people.join(', ') })] : [];
}

/** The admin's lines about a student who left: the rejected requests, the parents told, who could not be told. */
function leaveReport(t: Translate, result: LeaveResult, unreachable: readonly number[]): string[] {
  const lines: string[] = [];
  const rejected = result.rejectedRequests.length;
  if (rejected > 0) lines.push(t('mv-left-requests', { count: rejected }));
  if (result.parents.length > 0) {
    lines.push(t('mv-left-parents', { count: result.parents.length, parents: result.parents.map((p) => personLabel(p.member)).join(', ') }));
    const gone = result.parents.filter((p) => p.leftSchool).map((p) => personLabel(p.member));
    if (gone.length > 0) lines.push(t('mv-left-parents-gone', { count: gone.length, parents: gone.join(', ') }));
  }
  lines.push(...notToldLines(t, result.parents.map((p) => p.member), unreachable));
  return lines;
}

/** /left <id> — asks to confirm, then marks the member as having left: rights and invites end at once (F10). */
export const leftCommand: CommandSpec = {
  name: 'left',
  aliases: ['выбыл', 'выбытие'],
  summaryKey: 'mv-cmd-left',
  dmOnly: true,
  allowed: may('movement.record'),
  async run(_context, args, turn, app) {
    const { t } = turn;
    const words = app.messenger.people.split(args);
    const vkId = app.messenger.people.id(words[0]);
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
    const { t } = turn;
    const vkId = app.messenger.people.id(payload.id);
    if (vkId === null) return t('button-stale-short');
    const { outcome, notices } = await markLeft(app, turn, vkId);
    if (outcome.kind === 'refused') {
      await turn.reply(outcome.text);
      return undefined;
    }
    if (outcome.kind === 'already') {
      await turn.reply(t('mv-already-left', { person: personLabel(outcome.member) }));
      return undefined;
    }
    const { result } = outcome;
    const person = personLabel(result.member);
    const { unreachable } = await deliverNotices(app, notices);
    // A teacher or a member of the administration who left is taken out of the administration chats too.
    const chats = await removeFromClassChats(app, outcome.leavers);
    const roleChats = await removeFromRoleChats(app, result.member);
    if (roleChats.length > 0) chats.set(result.member.vkId, [...(chats.get(result.member.vkId) ?? []), ...roleChats]);
    const removed = [
      ...removedLines(t, chats, [result.member, ...result.parents.map((p) => p.member)]),
      ...removedLines(t, await removeFromAdminChats(app, [result.member.vkId]), [result.member], 'ac-removed-report'),
    ];
    await turn.reply([t('mv-left-done', { person, invites: result.revokedInvites }), ...leaveReport(t, result, unreachable), ...removed].join('\n'));
    return t('mv-left-short');
  },
};

/** Buttons with the students of the classes where the person is a parent and the caller may see the roster. */
async function childButtons(app: App, turn: Turn, parent: Member): Promise<Button[]> {
  const buttons: Button[] = [];
  for (const classId of parent.classIds) {
    let roster: ClassRoster;
    try {
      roster = await app.services.members.roster(turn.caller.vkId, classId);
    } catch (error) {
      if (error instanceof PermissionDeniedError || error instanceof NotFoundError) continue;
      throw error;
    }
    if (!roster.parents.some((p) => p.member.vkId === parent.vkId)) continue;
    for (const student of roster.students) {
      buttons.push(commandButton(`${personShort(student)} (${roster.classGroup.name})`, 'linkchild', `${parent.vkId} ${student.vkId}`));
    }
  }
  return buttons;
}

/**
 * /linkchild <parent id> <student id> — links a parent to their child when the name given on joining did
 * not match a student (F08); without the student, buttons with the students of the parent's classes.
 * For admins and the class teacher of the class.
 */
export const linkChildCommand: CommandSpec = {
  name: 'linkchild',
  aliases: ['связать', 'ребёнок'],
  summaryKey: 'mv-cmd-linkchild',
  dmOnly: true,
  allowed: may('request.review'),
  async run(_context, args, turn, app) {
    const { t } = turn;
    const words = app.messenger.people.split(args);
    const parentId = app.messenger.people.id(words[0]);
    if (parentId === null) return turn.reply(words[0] ? t('adm-bad-id', { value: words[0] }) : t('mv-link-usage'));
    if (words.length < 2) {
      const parent = await app.services.members.get(parentId);
      if (!parent || parent.status !== 'active' || !parent.roles.includes('parent')) return turn.reply(t('mv-link-not-parent', { id: String(parentId) }));
      const buttons = await childButtons(app, turn, parent);
      if (buttons.length === 0) return turn.reply(t('mv-link-no-students', { person: personLabel(parent) }));
      const { keyboard } = pickKeyboard(buttons, 2, [[cancelButton(t)]]);
      return turn.reply(t('mv-link-pick', { person: personLabel(parent), child: parent.childName ?? '—' }), keyboard);
    }
    const studentId = app.messenger.people.id(words[1]);
    if (studentId === null) return turn.reply(t('adm-bad-id', { value: words[1] ?? '' }));
    const { outcome, notices } = await linkParent(app, turn, parentId, studentId);
    if (outcome.kind === 'refused') return turn.reply(outcome.text);
    const vars = { parent: personLabel(outcome.parent), student: personLabel(outcome.student), className: outcome.className };
    if (!outcome.changed) return turn.reply(t('mv-link-already', vars));
    const { unreachable } = await deliverNotices(app, notices);
    return turn.reply([t('mv-linked', vars), ...notToldLines(t, [outcome.parent], unreachable)].join('\n'));
  },
};

/** /promote — the move to the next school year, previewed and confirmed in a dialog (F10). */
export const promoteCommand: CommandSpec = {
  name: 'promote',
  aliases: ['новыйгод', 'переводгода'],
  summaryKey: 'mv-cmd-promote',
  dmOnly: true,
  allowed: may('movement.record'),
  async run(context) {
    return context.dialogs.enter(PROMOTION);
  },
};
