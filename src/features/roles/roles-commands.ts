import type { App } from '../../app.js';
import { can } from '../../domain/permissions.js';
import { replyKeyboard, type Button } from '../shared/keyboards.js';
import { ROLES, STAFF_ROLES, type AdministrationRole, type Member } from '../../domain/types.js';
import type { Turn } from '../../turn.js';
import { isVerifiedTeacher, personLabel, personShort } from '../shared/person-ref.js';
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
  return teachers.sort((a, b) => a.name.localeCompare(b.name, 'ru-RU') || a.vkId - b.vkId);
}

/** Delivers what a role change sends; tells the actor when the person was not reached (they never wrote to the community). */
async function deliverAndSay(turn: Turn, app: App, vkId: number, notices: readonly Notice[]): Promise<void> {
  const { unreachable } = await deliverNotices(app, notices);
  if (unreachable.includes(vkId)) await turn.reply(turn.t('adm-unreachable', { id: String(vkId) }));
}

/** Reads «add 123», «remove [id123|Имя]», «123» into an operation and a VK id. */
function readOperation(people: PersonRefs, args: string): { op: 'list' | 'add' | 'remove'; vkId: number | null; raw: string | undefined } {
  const words = people.split(args);
  const first = (words[0] ?? '').toLowerCase();
  if (ADD_WORDS.has(first)) return { op: 'add', vkId: people.id(words[1]), raw: words[1] };
  if (REMOVE_WORDS.has(first)) return { op: 'remove', vkId: people.id(words[1]), raw: words[1] };
  if (words.length === 0) return { op: 'list', vkId: null, raw: undefined };
  return { op: 'add', vkId: people.id(words[0]), raw: words[0] };
}

const mayAppointAdmins = may('admin.appoint');

async function listAdmins(turn: Turn, app: App): Promise<unknown> {
  const { t } = turn;
  const admins = await app.services.members.listAdmins();
  const lines = admins.map((m) => `• ${personLabel(m)}`);
  return turn.reply(
    [t('adm-admins-header', { count: admins.length }), ...lines, '', t('adm-admins-hint')].join('\n'),
    replyKeyboard([[commandButton(t('adm-btn-appoint-admin'), 'admins', 'add', 'positive')], [commandButton(t('adm-btn-remove-admin'), 'admins', 'remove')]]),
  );
}

/** /admins add [id]: without an id, buttons with the verified teachers who are no admins; with one, the appointment. */
async function appointAdminBy(turn: Turn, app: App, vkId: number | null, raw: string | undefined): Promise<unknown> {
  const { t } = turn;
  if (vkId === null) {
    if (raw) return turn.reply(t('adm-bad-id', { value: raw }));
    const candidates = (await verifiedTeachers(app)).filter((m) => !m.roles.includes('admin'));
    if (candidates.length === 0) return turn.reply(t('adm-no-candidates'));
    const { keyboard } = pickKeyboard(candidates.map((m) => commandButton(personShort(m), 'admins', `add ${m.vkId}`)), 2);
    return turn.reply(t('adm-pick-admin'), keyboard);
  }
  const { outcome, notices } = await appointAdmin(app, turn, vkId);
  if (outcome.kind === 'refused') return turn.reply(outcome.text);
  if (!outcome.changed) return turn.reply(t('adm-already-admin', { person: personLabel(outcome.member) }));
  await turn.reply(t('adm-admin-appointed', { person: personLabel(outcome.member) }));
  return deliverAndSay(turn, app, vkId, notices);
}

/** /admins remove [id]: without an id, buttons with the admins; with one, the removal. */
async function removeAdminBy(turn: Turn, app: App, vkId: number | null, raw: string | undefined): Promise<unknown> {
  const { t } = turn;
  if (vkId === null) {
    if (raw) return turn.reply(t('adm-bad-id', { value: raw }));
    const admins = await app.services.members.listAdmins();
    const { keyboard } = pickKeyboard(admins.map((m) => commandButton(personShort(m), 'admins', `remove ${m.vkId}`, 'negative')), 2);
    return turn.reply(t('adm-pick-remove-admin'), keyboard);
  }
  const { outcome, notices } = await removeAdmin(app, turn, vkId);
  if (outcome.kind === 'refused') return turn.reply(outcome.text);
  if (!outcome.changed) return turn.reply(t('adm-not-admin', { person: personLabel(outcome.member) }));
  await turn.reply(t('adm-admin-removed', { person: personLabel(outcome.member) }));
  return deliverAndSay(turn, app, vkId, notices);
}

/** /admins — the admins (F06); /admins add <id> appoints one from verified teachers (F18: the head may too); /admins remove <id>. */
export const adminsCommand: CommandSpec = {
  name: 'admins',
  aliases: ['админы', 'администраторы'],
  summaryKey: 'adm-cmd-admins',
  dmOnly: true,
  allowed: mayAppointAdmins,
  async run(_context, args, turn, app) {
    const { op, vkId, raw } = readOperation(app.messenger.people, args);
    if (op === 'list') return listAdmins(turn, app);
    if (op === 'add') return appointAdminBy(turn, app, vkId, raw);
    return removeAdminBy(turn, app, vkId, raw);
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
      const { op, vkId, raw } = readOperation(app.messenger.people, args);
      const roleText = roleName(t, role);
      if (vkId === null) {
        if (raw) return turn.reply(t('adm-bad-id', { value: raw }));
        const holders = await app.services.members.listByRole(role);
        const candidates = (await verifiedTeachers(app)).filter((m) => !m.roles.includes(role));
        const choices: Button[] = candidates.map((m) => commandButton(personShort(m), name, String(m.vkId)));
        const removals: Button[] = holders.map((m) => commandButton(t('adm-btn-unset', { name: personShort(m) }), name, `remove ${m.vkId}`, 'negative'));
        const current = holders.length > 0 ? holders.map(personLabel).join(', ') : t('adm-nobody');
        const text = [t('adm-role-holders', { role: roleText, people: current }), candidates.length > 0 ? t('adm-pick-role', { role: roleText }) : t('adm-no-candidates')].join('\n\n');
        const { keyboard } = pickKeyboard([...choices, ...removals], 2);
        return turn.reply(text, choices.length + removals.length > 0 ? keyboard : undefined);
      }
      if (op === 'remove') {
        const { outcome } = await unassignAdministrationRole(app, turn, vkId, role);
        if (outcome.kind !== 'unset') return turn.reply(outcome.text);
        // Relieved of the role, they leave the administration chats that were for it.
        const removed = await removeFromAdminChats(app, [outcome.member.vkId]);
        return turn.reply([t('adm-role-unset', { person: personLabel(outcome.member), role: roleText }), ...removedLines(t, removed, [outcome.member], 'ac-removed-report')].join('\n'));
      }
      const { outcome, notices } = await assignAdministrationRole(app, turn, vkId, role);
      if (outcome.kind === 'refused') return turn.reply(outcome.text);
      const lines = [t('adm-role-set', { person: personLabel(outcome.member), role: roleText })];
      if (outcome.replaced.length > 0) lines.push(t('adm-head-replaced', { people: outcome.replaced.map(personLabel).join(', ') }));
      // A head replaced who is no deputy leaves the leadership chat.
      if (outcome.replaced.length > 0) lines.push(...removedLines(t, await removeFromAdminChats(app, outcome.replaced.map((m) => m.vkId)), outcome.replaced, 'ac-removed-report'));
      await turn.reply(lines.join('\n'));
      await deliverAndSay(turn, app, vkId, notices);
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
    const people = new Map<number, Member>();
    for (const role of STAFF_ROLES) {
      for (const member of await app.services.members.listByRole(role)) if (member.status === 'active') people.set(member.vkId, member);
    }
    const classNames = new Map((await app.services.classes.list({ includeArchived: true })).map((c) => [c.id, c.name]));
    const lines = [...people.values()]
      .sort((a, b) => a.name.localeCompare(b.name, 'ru-RU') || a.vkId - b.vkId)
      .map((m) => {
        const roles = ROLES.filter((role) => m.roles.includes(role)).map((role) => roleName(t, role));
        const extra = [
          m.classTeacherOf.length > 0 ? t('adm-staff-leads', { classes: m.classTeacherOf.map((id) => classNames.get(id) ?? id).join(', ') }) : '',
          m.roles.includes('teacher') && m.teacherStatus !== 'verified' ? t('adm-staff-unverified') : '',
        ].filter(Boolean);
        return `• ${personLabel(m)} — ${[roles.join(', '), ...extra].join('; ')}`;
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
