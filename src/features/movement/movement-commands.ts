import { enterPromotion } from './dialogs.js';
import type { ActionSpec } from '../shared/action-registry.js';
import type { App } from '../../app.js';
import type { FluentPerson, Translate } from '../../i18n.js';
import { inlineKeyboard, replyKeyboard, type Button } from '../shared/keyboards.js';
import { deliverNotices } from '../shared/notices.js';
import { NotFoundError, PermissionDeniedError } from '../../domain/errors.js';
import type { LeaveResult } from '../../domain/movement.js';
import type { ClassRoster, Member } from '../../domain/types.js';
import type { Recipient } from '../../messenger/ids.js';
import type { Turn } from '../../turn.js';
import { findClassByArg, regularClasses } from '../shared/class-ref.js';
import { personArg, personMention, personShort } from '../shared/person-ref.js';
import { choosePerson, pickCancelButton } from '../shared/person-picker.js';
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
    const who = namer(app, t);
    const words = app.messenger.people.split(args);
    const choice = await choosePerson(app, turn, words, { command: 'transfer', eligible: isActiveStudent, question: t('pp-transfer-who') });
    if (choice.kind === 'answered') return undefined;
    const { personId, member, rest } = choice;
    if (!member) return turn.reply(t('adm-err-no-member', { id: String(personId) }));
    const classes = await regularClasses(app);
    const current = classes.filter((c) => member.classIds.includes(c.id));
    const from = current.map((c) => c.name).join(', ') || '—';
    const page = rest.length === 1 ? parsePageToken(rest[0]) : undefined;
    if (rest.length === 0 || page !== undefined) {
      if (!isActiveStudent(member)) return turn.reply(t('mv-err-not-student', { id: String(personId) }));
      const targets = classes.filter((c) => !member.classIds.includes(c.id));
      if (targets.length === 0) return turn.reply(t('mv-no-targets'));
      const pick = classPicker(t, targets, 'transfer', page ?? 1, { prefix: String(personId), cancel: pickCancelButton(t) });
      return turn.reply(withPageNote(t('mv-transfer-pick', { person: who(member), from }), pick), pick.keyboard);
    }
    const found = await findClassByArg(app, t, rest.join(' '));
    if (!found.ok) return turn.reply(found.text);
    if (choice.byName && isActiveStudent(member) && !member.classIds.includes(found.classGroup.id)) {
      // Found by a part of the name: the admin sees whom before anything moves.
      const keyboard = replyKeyboard([[commandButton(t('mv-btn-transfer-yes'), 'transfer', `${personId} ${found.classGroup.name}`, 'positive'), pickCancelButton(t)]]);
      return turn.reply(t('mv-transfer-confirm', { person: who(member), from, to: found.classGroup.name }), keyboard);
    }
    const { outcome, notices } = await transferStudent(app, turn, personId, found.classGroup);
    if (outcome.kind === 'refused') return turn.reply(outcome.text);
    if (outcome.kind === 'already') return turn.reply(t('mv-already-there', { person: who(outcome.member), name: outcome.to }));
    const { unreachable } = await deliverNotices(app, notices);
    const chats = await removeFromClassChats(app, outcome.leavers);
    const moved = [outcome.result.member, ...outcome.result.parents.map((p) => p.member)];
    return turn.reply([transferReport(t, who, outcome, unreachable), ...removedLines(t, who, chats, moved)].join('\n'), replyKeyboard([]));
  },
};

/** How the admin's messages name a person: a mention, never the raw id. */
type Who = (member: Pick<Member, 'personId' | 'name' | 'gender'>) => FluentPerson;

/** The namer of one turn. */
function namer(app: App, t: Translate): Who {
  return (member) => personMention(app.messenger, member, t);
}

/** An active student: the one /transfer moves and /linkchild links to. */
function isActiveStudent(member: Member): boolean {
  return member.status === 'active' && member.roles.includes('student');
}

/**
 * The admin's confirmation of a transfer: who moved, which parents moved along (or stayed in the old
 * class as well), who could not be told (`unreachable`: the ids the messenger would not deliver to).
 */
function transferReport(t: Translate, who: Who, outcome: TransferOutcome & { kind: 'transferred' }, unreachable: readonly Recipient[]): string {
  const { from, to } = outcome;
  const { member, parents } = outcome.result;
  const lines = [t('mv-transferred', { person: who(member), from, to })];
  const moved = parents.filter((p) => !p.stayedInFromClass).map((p) => who(p.member));
  const stayed = parents.filter((p) => p.stayedInFromClass).map((p) => who(p.member));
  if (moved.length > 0) lines.push(t('mv-parents-moved', { student: who(member), count: moved.length, parents: moved.join(', '), to }));
  if (stayed.length > 0) lines.push(t('mv-parents-joined', { count: stayed.length, parents: stayed.join(', '), from, to }));
  lines.push(...notToldLines(t, who, [member, ...parents.map((p) => p.member)], unreachable));
  return lines.join('\n');
}

/** The admin's line naming the people of `told` the messenger would not deliver to, if any (one: by name and gender). */
function notToldLines(t: Translate, who: Who, told: readonly Member[], unreachable: readonly Recipient[]): string[] {
  return peopleLine(t, 'mv-not-told', told.filter((m) => unreachable.includes(m.personId)).map((m) => who(m)));
}

/** A line about some people: `person` (the first, for the declined and gendered form of one) and `people` (all); none, no line. */
function peopleLine(t: Translate, key: string, people: readonly FluentPerson[]): string[] {
  if (people.length === 0) return [];
  return [t(key, { count: people.length, person: people[0]!, people: people.join(', ') })];
}

/**
 * The admin's lines about a student who left: the rejected requests, the parents actually told, those who
 * could not be told (a line of their own), the parents who left the school with them.
 */
function leaveReport(t: Translate, who: Who, result: LeaveResult, unreachable: readonly Recipient[]): string[] {
  const lines: string[] = [];
  const rejected = result.rejectedRequests.length;
  if (rejected > 0) lines.push(t('mv-left-requests', { count: rejected }));
  const parents = result.parents.map((p) => p.member);
  lines.push(...peopleLine(t, 'mv-left-parents', parents.filter((m) => !unreachable.includes(m.personId)).map((m) => who(m))));
  lines.push(...notToldLines(t, who, parents, unreachable));
  lines.push(...peopleLine(t, 'mv-left-parents-gone', result.parents.filter((p) => p.leftSchool).map((p) => who(p.member))));
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
    const who = namer(app, t);
    const words = app.messenger.people.split(args);
    const choice = await choosePerson(app, turn, words, { command: 'left', eligible: (m) => m.status === 'active', question: t('pp-left-who') });
    if (choice.kind === 'answered') return undefined;
    const { personId, member } = choice;
    if (!member) return turn.reply(t('adm-err-no-member', { id: String(personId) }));
    if (member.status === 'left') return turn.reply(t('mv-already-left', { person: who(member) }));
    // The last admin cannot leave (the service refuses it too): said before asking, not after the confirmation.
    if (member.roles.includes('admin') && (await app.services.members.listByRole('admin')).length <= 1) return turn.reply(t('mv-left-last-admin', { person: who(member) }));
    return turn.reply(
      t('mv-left-confirm', { person: who(member) }),
      inlineKeyboard([
        [
          { label: t('mv-btn-left-yes', { person: personArg(member) }), payload: { k: 'cb', a: 'mv.left', id: String(personId) }, color: 'negative' },
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
    const who = namer(app, t);
    const personId = app.messenger.people.id(payload.id);
    if (personId === null) return t('button-stale-short');
    const { outcome, notices } = await markLeft(app, turn, personId);
    if (outcome.kind === 'refused') {
      await turn.reply(outcome.text);
      return undefined;
    }
    if (outcome.kind === 'already') {
      await turn.reply(t('mv-already-left', { person: who(outcome.member) }));
      return undefined;
    }
    const { result } = outcome;
    const person = who(result.member);
    const { unreachable } = await deliverNotices(app, notices);
    // A teacher or a member of the administration who left is taken out of the administration chats too.
    const chats = await removeFromClassChats(app, outcome.leavers);
    const roleChats = await removeFromRoleChats(app, result.member);
    if (roleChats.length > 0) chats.set(result.member.personId, [...(chats.get(result.member.personId) ?? []), ...roleChats]);
    const removed = [
      ...removedLines(t, who, chats, [result.member, ...result.parents.map((p) => p.member)]),
      ...removedLines(t, who, await removeFromAdminChats(app, [result.member.personId]), [result.member], 'ac-removed-report'),
    ];
    await turn.reply([t('mv-left-done', { person, invites: result.revokedInvites }), ...leaveReport(t, who, result, unreachable), ...removed].join('\n'));
    return t('mv-left-short');
  },
};

/** Buttons with the students of the classes where the person is a parent and the caller may see the roster. */
async function childButtons(app: App, turn: Turn, parent: Member): Promise<Button[]> {
  const buttons: Button[] = [];
  for (const classId of parent.classIds) {
    let roster: ClassRoster;
    try {
      roster = await app.services.members.roster(turn.caller.personId, classId);
    } catch (error) {
      if (error instanceof PermissionDeniedError || error instanceof NotFoundError) continue;
      throw error;
    }
    if (!roster.parents.some((p) => p.member.personId === parent.personId)) continue;
    for (const student of roster.students) {
      buttons.push(commandButton(`${personShort(student)} (${roster.classGroup.name})`, 'linkchild', `${parent.personId} ${student.personId}`));
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
    const who = namer(app, t);
    const words = app.messenger.people.split(args);
    const isParent = (m: Member) => m.status === 'active' && m.roles.includes('parent');
    // «/linkchild Петрова Соколова»: the first word is the parent, the rest the child (an id names one by itself).
    const typedChild = app.messenger.people.id(words[0]) === null ? words.slice(1) : [];
    const parentWords = typedChild.length > 0 ? words.slice(0, 1) : words;
    const chosenParent = await choosePerson(app, turn, parentWords, { command: 'linkchild', after: typedChild, eligible: isParent, question: t('pp-link-parent-who') });
    if (chosenParent.kind === 'answered') return undefined;
    const parentId = chosenParent.personId;
    const childWords = [...chosenParent.rest, ...typedChild];
    if (childWords.length === 0) {
      const parent = chosenParent.member;
      if (!parent || !isParent(parent)) return turn.reply(t('mv-link-not-parent', { id: String(parentId) }));
      const buttons = await childButtons(app, turn, parent);
      if (buttons.length === 0) return turn.reply(t('mv-link-no-students', { person: who(parent) }));
      const { keyboard } = pickKeyboard(buttons, 2, [[pickCancelButton(t)]]);
      return turn.reply(t('mv-link-pick', { person: who(parent), child: parent.childName ?? '—' }), keyboard);
    }
    const chosenStudent = await choosePerson(app, turn, childWords, { command: 'linkchild', before: [String(parentId)], eligible: isActiveStudent, question: t('pp-link-student-who'), confirmUnique: true });
    if (chosenStudent.kind === 'answered') return undefined;
    const studentId = chosenStudent.personId;
    const { outcome, notices } = await linkParent(app, turn, parentId, studentId);
    if (outcome.kind === 'refused') return turn.reply(outcome.text);
    const vars = { parent: who(outcome.parent), student: who(outcome.student), className: outcome.className };
    if (!outcome.changed) return turn.reply(t('mv-link-already', vars));
    const { unreachable } = await deliverNotices(app, notices);
    return turn.reply([t('mv-linked', vars), ...notToldLines(t, who, [outcome.parent], unreachable)].join('\n'), replyKeyboard([]));
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
    return enterPromotion(context.dialogs);
  },
};
