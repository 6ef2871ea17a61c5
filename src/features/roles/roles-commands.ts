import type { App } from '../../app.js';
import { personMention as mentionOf } from '../shared/person-words.js';
import { can } from '../../domain/permissions.js';
import { comparePersonIds, type PersonId } from '../../domain/person.js';
import { replyKeyboard, type Button } from '../shared/keyboards.js';
import { ROLES, STAFF_ROLES, type AdministrationRole, type Member } from '../../domain/types.js';
import type { Turn } from '../../turn.js';
import { isVerifiedTeacher, personMention, personShort } from '../shared/person-ref.js';
import { choosePerson, pickCancelButton } from '../shared/person-picker.js';
import type { PersonRefs } from '../../messenger/messenger.js';
import { commandButton, pickKeyboard } from '../shared/pick-keyboard.js';
import { roleName } from '../invites/issue-invite.js';
import { deliverNotices, type Notice } from '../shared/notices.js';
import { appointAdmin, removeAdmin } from './appoint-admin.js';
import { assignAdministrationRole, unassignAdministrationRole } from './assign-administration.js';
import { may, type CommandSpec } from '../shared/command-registry.js';
import { removeFromAdminChats } from '../admin-chats/admin-chat-members.js';
import { removedLines } from '../shared/chat-removals.js';

const ADD_WORDS = new Set(['add', 'назначить', 'добавить', '+']);
const REMOVE_WORDS = new Set(['remove', 'снять', 'убрать', 'удалить', '-']);

/** Active teachers whose status is confirmed (the people roles are given to), by name. */
export async function verifiedTeachers(app: App): Promise<Member[]> {
  const teachers = (await app.services.members.listByRole('teacher')).filter(isVerifiedTeacher);
  return teachers.sort((a, b) => a.name.localeCompare(b.name, 'ru-RU') || comparePersonIds(a.personId, b.personId));
}

/** Delivers what a role change sends; tells the actor when the person was not reached (they never wrote to the community). */
async function deliverAndSay(turn: Turn, app: App, personId: PersonId, notices: readonly Notice[]): Promise<void> {
  const { unreachable } = await deliverNotices(app, notices);
  if (unreachable.includes(personId)) await turn.reply(turn.t('adm-unreachable', { who: await mentionOf(app, turn.t, personId) }));
}

/** Reads «add 123», «remove Соколова», «123» into an operation and the words naming the person. */
function readOperation(people: PersonRefs, args: string): { op: 'list' | 'add' | 'remove'; words: string[] } {
  const words = people.split(args);
  const first = (words[0] ?? '').toLowerCase();
  if (ADD_WORDS.has(first)) return { op: 'add', words: words.slice(1) };
  if (REMOVE_WORDS.has(first)) return { op: 'remove', words: words.slice(1) };
  if (words.length === 0) return { op: 'list', words };
  return { op: 'add', words };
}

const mayAppointAdmins = may('admin.appoint');

async function listAdmins(turn: Turn, app: App): Promise<unknown> {
  const { t } = turn;
  const admins = await app.services.members.listAdmins();
  const lines = admins.map((m) => `• ${personMention(app.messenger, m, t)}`);
  return turn.reply(
    [t('adm-admins-header', { count: admins.length }), ...lines, '', t('adm-admins-hint')].join('\n'),
    replyKeyboard([[commandButton(t('adm-btn-appoint-admin'), 'admins', 'add', 'positive')], [commandButton(t('adm-btn-remove-admin'), 'admins', 'remove')]]),
  );
}

/** /admins add [person]: without one, buttons with the verified teachers who are no admins; with one (id, link or name), the appointment. */
async function appointAdminBy(turn: Turn, app: App, words: string[]): Promise<unknown> {
  const { t } = turn;
  const who = (m: Member) => personMention(app.messenger, m, t);
  const eligible = (m: Member) => isVerifiedTeacher(m) && !m.roles.includes('admin');
  if (words.length === 0) {
    const candidates = (await verifiedTeachers(app)).filter(eligible);
    if (candidates.length === 0) return turn.reply(t('adm-no-candidates'));
    const { keyboard } = pickKeyboard(candidates.map((m) => commandButton(personShort(m), 'admins', `add ${m.personId}`)), 2, [[pickCancelButton(t)]]);
    return turn.reply([t('adm-pick-admin'), t('pp-hint-name')].join('\n\n'), keyboard);
  }
  const choice = await choosePerson(app, turn, words, { command: 'admins', before: ['add'], eligible, question: t('pp-admin-who'), byClass: false, confirmUnique: true });
  if (choice.kind === 'answered') return undefined;
  const { personId } = choice;
  const { outcome, notices } = await appointAdmin(app, turn, personId);
  if (outcome.kind === 'refused') return turn.reply(outcome.text);
  if (!outcome.changed) return turn.reply(t('adm-already-admin', { person: who(outcome.member) }), replyKeyboard([]));
  await turn.reply(t('adm-admin-appointed', { person: who(outcome.member) }), replyKeyboard([]));
  return deliverAndSay(turn, app, personId, notices);
}

/** /admins remove [person]: without one, buttons with the admins; with one, the removal. */
async function removeAdminBy(turn: Turn, app: App, words: string[]): Promise<unknown> {
  const { t } = turn;
  const who = (m: Member) => personMention(app.messenger, m, t);
  if (words.length === 0) {
    const admins = await app.services.members.listAdmins();
    const { keyboard } = pickKeyboard(admins.map((m) => commandButton(personShort(m, t), 'admins', `remove ${m.personId}`, 'negative')), 2, [[pickCancelButton(t)]]);
    return turn.reply(t('adm-pick-remove-admin'), keyboard);
  }
  const choice = await choosePerson(app, turn, words, { command: 'admins', before: ['remove'], eligible: (m) => m.roles.includes('admin'), question: t('adm-pick-remove-admin'), byClass: false, confirmUnique: true });
  if (choice.kind === 'answered') return undefined;
  const { personId } = choice;
  const { outcome, notices } = await removeAdmin(app, turn, personId);
  if (outcome.kind === 'refused') return turn.reply(outcome.text);
  if (!outcome.changed) return turn.reply(t('adm-not-admin', { person: who(outcome.member) }), replyKeyboard([]));
  await turn.reply(t('adm-admin-removed', { person: who(outcome.member) }), replyKeyboard([]));
  return deliverAndSay(turn, app, personId, notices);
}

/** /admins — the admins (F06); /admins add <id> appoints one from verified teachers (F18: the head may too); /admins remove <id>. */
export const adminsCommand: CommandSpec = {
  name: 'admins',
  aliases: ['админы', 'администраторы'],
  summaryKey: 'adm-cmd-admins',
  dmOnly: true,
  allowed: mayAppointAdmins,
  async run(_context, args, turn, app) {
    const { op, words } = readOperation(app.messenger.people, args);
    if (op === 'list') return listAdmins(turn, app);
    if (op === 'add') return appointAdminBy(turn, app, words);
    return removeAdminBy(turn, app, words);
  },
};

/** /head and /deputy: mark a verified teacher as head or deputy, or take it away (F06, F18, F19). */
function administrationCommand(role: AdministrationRole, name: string, aliases: string[], summaryKey: string): CommandSpec {
  return {
    name,
    aliases,
    summaryKey,
    dmOnly: true,
    allowed: may('administration.assign'),
    async run(_context, args, turn, app) {
      const { t } = turn;
      const { op, words } = readOperation(app.messenger.people, args);
      const roleText = roleName(t, role);
      const who = (m: Member) => personMention(app.messenger, m, t);
      if (words.length === 0) {
        const holders = await app.services.members.listByRole(role);
        const candidates = (await verifiedTeachers(app)).filter((m) => !m.roles.includes(role));
        const choices: Button[] = candidates.map((m) => commandButton(personShort(m), name, m.personId));
        const removals: Button[] = holders.map((m) => commandButton(t('adm-btn-unset', { name: personShort(m) }), name, `remove ${m.personId}`, 'negative'));
        const text = [t('adm-role-holders', { role, roleName: roleText, count: holders.length, people: holders.map(who).join(', ') }), candidates.length > 0 ? t('adm-pick-role', { role: roleText }) : t('adm-no-candidates'), t('pp-hint-name')].join('\n\n');
        const { keyboard } = pickKeyboard([...choices, ...removals], 2, [[pickCancelButton(t)]]);
        return turn.reply(text, keyboard);
      }
      const remove = op === 'remove';
      const choice = await choosePerson(app, turn, words, {
        command: name,
        before: remove ? ['remove'] : [],
        eligible: remove ? (m) => m.roles.includes(role) : isVerifiedTeacher,
        question: t('pp-role-who', { role: roleText }),
        byClass: false,
        confirmUnique: true,
      });
      if (choice.kind === 'answered') return undefined;
      const { personId } = choice;
      if (op === 'remove') {
        const { outcome } = await unassignAdministrationRole(app, turn, personId, role);
        if (outcome.kind !== 'unset') return turn.reply(outcome.text, replyKeyboard([]));
        // Relieved of the role, they leave the administration chats that were for it.
        const removed = await removeFromAdminChats(app, [outcome.member.personId]);
        return turn.reply([t('adm-role-unset', { person: who(outcome.member), role: roleText }), ...removedLines(t, who, removed, [outcome.member], 'ac-removed-report')].join('\n'), replyKeyboard([]));
      }
      const { outcome, notices } = await assignAdministrationRole(app, turn, personId, role);
      if (outcome.kind === 'refused') return turn.reply(outcome.text);
      const lines = [t('adm-role-set', { person: who(outcome.member), role: roleText })];
      if (outcome.replaced.length > 0) lines.push(t('adm-head-replaced', { count: outcome.replaced.length, person: who(outcome.replaced[0]!), people: outcome.replaced.map(who).join(', ') }));
      // A head replaced who is no deputy leaves the leadership chat.
      if (outcome.replaced.length > 0) lines.push(...removedLines(t, who, await removeFromAdminChats(app, outcome.replaced.map((m) => m.personId)), outcome.replaced, 'ac-removed-report'));
      await turn.reply(lines.join('\n'), replyKeyboard([]));
      await deliverAndSay(turn, app, personId, notices);
      return undefined;
    },
  };
}

/** /head <id> — marks a verified teacher as the head (one head; the previous one loses it). */
export const headCommand = administrationCommand('head', 'head', ['руководитель', 'директор'], 'adm-cmd-head');
/** /deputy <id> — marks a verified teacher as a deputy head. */
export const deputyCommand = administrationCommand('deputy', 'deputy', ['заместитель', 'завуч'], 'adm-cmd-deputy');

/** /staff — the staff: teachers (verified or waiting), the administration and admins, with roles and classes led. */
export const staffCommand: CommandSpec = {
  name: 'staff',
  aliases: ['сотрудники', 'персонал'],
  summaryKey: 'adm-cmd-staff',
  dmOnly: true,
  // The staff list is the staff room's roster: the administration sees it by role.
  allowed: (caller) => can(caller.member, 'roster.view'),
  async run(_context, _args, turn, app) {
    const { t, caller } = turn;
    const people = new Map<PersonId, Member>();
    for (const role of STAFF_ROLES) {
      for (const member of await app.services.members.listByRole(role)) if (member.status === 'active') people.set(member.personId, member);
    }
    const classNames = new Map((await app.services.classes.list({ includeArchived: true })).map((c) => [c.id, c.name]));
    const lines = [...people.values()]
      .sort((a, b) => a.name.localeCompare(b.name, 'ru-RU') || comparePersonIds(a.personId, b.personId))
      .map((m) => {
        const roles = ROLES.filter((role) => m.roles.includes(role)).map((role) => roleName(t, role));
        const extra = [
          m.classTeacherOf.length > 0 ? t('adm-staff-leads', { classes: m.classTeacherOf.map((id) => classNames.get(id) ?? '—').join(', ') }) : '',
          m.roles.includes('teacher') && m.teacherStatus !== 'verified' ? t('adm-staff-unverified') : '',
        ].filter(Boolean);
        return `• ${personMention(app.messenger, m, t)} — ${[roles.join(', '), ...extra].join('; ')}`;
      });
    const text = [t('adm-staff-header', { count: people.size }), ...lines].join('\n');
    const rows: Button[][] = [];
    if (caller.roles.has('admin')) {
      rows.push([commandButton(t('adm-btn-set-head'), 'head'), commandButton(t('adm-btn-set-deputy'), 'deputy')]);
      rows.push([commandButton(t('cls-btn-class-teachers'), 'classteacher')]);
    }
    rows.push([commandButton(t('adm-btn-appoint-admin'), 'admins', 'add')]);
    return turn.reply(text, replyKeyboard(rows));
  },
};
