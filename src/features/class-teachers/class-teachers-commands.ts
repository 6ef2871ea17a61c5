import type { App } from '../../app.js';
import { replyKeyboard, type Button } from '../shared/keyboards.js';
import { PermissionDeniedError, can } from '../../domain/index.js';
import { deliverNotices } from '../shared/notices.js';
import type { ClassRoster, Member } from '../../domain/types.js';
import type { Turn } from '../../turn.js';
import { findClassByArg, regularClasses } from '../shared/class-ref.js';
import { isVerifiedTeacher, personMention, personShort, rosterLabel, rosterLines } from '../shared/person-ref.js';
import { choosePerson, pickCancelButton } from '../shared/person-picker.js';
import { classPicker, commandButton, pickKeyboard } from '../shared/pick-keyboard.js';
import { parsePageToken, withPageNote } from '../shared/paging.js';
import { may, type CommandSpec } from '../shared/command-registry.js';
import { verifiedTeachers } from '../roles/roles-commands.js';
import { assignClassTeacher, unassignClassTeacher } from './assign-class-teacher.js';

const REMOVE_WORDS = new Set(['remove', 'снять', 'убрать', 'удалить', '-']);

/** Splits «5 А remove [id1|Имя]» into the class name (one word, or a number and a letter) and the rest. */
function splitClassArgs(words: string[]): { classArg: string; rest: string[] } {
  const twoWords = /^\d{1,2}$/u.test(words[0] ?? '') && /^\p{L}$/u.test(words[1] ?? '');
  const size = twoWords ? 2 : 1;
  return { classArg: words.slice(0, size).join(' '), rest: words.slice(size) };
}

/** The class's teachers now, and buttons to add a verified teacher or to take one off. */
async function showClassTeachers(turn: Turn, app: App, classId: string, className: string): Promise<unknown> {
  const { t, caller } = turn;
  const roster = await app.services.members.roster(caller.personId, classId);
  const leading = new Set(roster.classTeachers.map((m) => m.personId));
  const candidates = (await verifiedTeachers(app)).filter((m) => !leading.has(m.personId));
  const choices: Button[] = candidates.map((m) => commandButton(personShort(m), 'classteacher', `${className} ${m.personId}`));
  const removals: Button[] = roster.classTeachers.map((m) => commandButton(t('ct-btn-unassign', { name: personShort(m) }), 'classteacher', `${className} remove ${m.personId}`, 'negative'));
  const current = roster.classTeachers.map((m) => personMention(app.messenger, m, t)).join(', ');
  const text = [t('ct-current', { name: className, count: roster.classTeachers.length, people: current }), candidates.length > 0 ? t('ct-pick') : t('adm-no-candidates'), t('pp-hint-name')].join('\n\n');
  const { keyboard } = pickKeyboard([...choices, ...removals], 2, [[pickCancelButton(t)]]);
  return turn.reply(text, keyboard);
}

/** /classteacher 5А <id> — attaches a class teacher (F07); `remove <id>` detaches; without an id, buttons. */
export const classTeacherCommand: CommandSpec = {
  name: 'classteacher',
  aliases: ['классрук', 'классный'],
  summaryKey: 'ct-cmd-classteacher',
  dmOnly: true,
  allowed: may('classTeacher.assign'),
  async run(_context, args, turn, app) {
    const { t } = turn;
    const words = app.messenger.people.split(args);
    const page = parsePageToken(args);
    if (words.length === 0 || page !== undefined) {
      const classes = await regularClasses(app);
      if (classes.length === 0) return turn.reply(t('cls-none-yet'));
      const pick = classPicker(t, classes, 'classteacher', page ?? 1, { cancel: pickCancelButton(t) });
      return turn.reply(withPageNote(t('ct-pick-class'), pick), pick.keyboard);
    }
    const { classArg, rest } = splitClassArgs(words);
    const found = await findClassByArg(app, t, classArg);
    if (!found.ok) return turn.reply(found.text);
    const { classGroup } = found;
    if (classGroup.kind === 'staff') return turn.reply(t('cls-err-staff-room'));
    if (rest.length === 0) return showClassTeachers(turn, app, classGroup.id, classGroup.name);
    const remove = REMOVE_WORDS.has((rest[0] ?? '').toLowerCase());
    const personWords = remove ? rest.slice(1) : rest;
    if (personWords.length === 0) return showClassTeachers(turn, app, classGroup.id, classGroup.name);
    const leads = remove ? (await app.services.members.roster(turn.caller.personId, classGroup.id)).classTeachers.map((m) => m.personId) : [];
    const choice = await choosePerson(app, turn, personWords, {
      command: 'classteacher',
      before: remove ? [classGroup.name, 'remove'] : [classGroup.name],
      eligible: remove ? (m) => leads.includes(m.personId) : isVerifiedTeacher,
      question: t('pp-ct-who', { name: classGroup.name }),
      byClass: false,
      confirmUnique: true,
    });
    if (choice.kind === 'answered') return undefined;
    const { personId } = choice;
    const who = (m: Member) => personMention(app.messenger, m, t);
    if (remove) {
      const { outcome } = await unassignClassTeacher(app, turn, classGroup, personId);
      return turn.reply(outcome.kind === 'done' ? t('ct-unassigned', { person: who(outcome.member), name: classGroup.name }) : outcome.text, replyKeyboard([]));
    }
    const { outcome, notices } = await assignClassTeacher(app, turn, classGroup, personId);
    if (outcome.kind === 'refused') return turn.reply(outcome.text);
    await turn.reply(t('ct-assigned', { person: who(outcome.member), name: classGroup.name }), replyKeyboard([]));
    const { unreachable } = await deliverNotices(app, notices);
    if (unreachable.includes(personId)) await turn.reply(t('adm-unreachable', { who: personMention(app.messenger, outcome.member, t) }));
    return undefined;
  },
};

/** The roster as text: class teachers, students, parents with their children's names (and the staff room's teachers). */
function rosterText(turn: Turn, app: App, roster: ClassRoster): string {
  const { t } = turn;
  const personLabel = (m: Member) => personMention(app.messenger, m, t);
  const list = (items: string[]) => (items.length > 0 ? items.map((item, i) => `${i + 1}. ${item}`) : [t('ct-roster-none')]);
  const lines = [t('ct-roster-title', { name: roster.classGroup.name })];
  if (roster.classGroup.kind === 'staff') {
    lines.push('', t('ct-roster-teachers', { count: roster.teachers.length }), ...list(rosterLines(roster.teachers)));
    return lines.join('\n');
  }
  const leads = roster.classTeachers.map(personLabel).join(', ');
  lines.push(t('ct-roster-leads', { count: roster.classTeachers.length, people: leads }));
  lines.push('', t('ct-roster-students', { count: roster.students.length }), ...list(rosterLines(roster.students)));
  lines.push('', t('ct-roster-parents', { count: roster.parents.length }), ...list(roster.parents.map((p) => t('ct-roster-parent', { person: rosterLabel(p.member), child: p.childName }))));
  return lines.join('\n');
}

/** /class 5А — the roster of a class for its class teacher and the administration (F07); others are refused. */
export const classRosterCommand: CommandSpec = {
  name: 'class',
  aliases: ['класс', 'состав'],
  summaryKey: 'ct-cmd-class',
  dmOnly: true,
  allowed: may('roster.view'),
  async run(_context, args, turn, app) {
    const { t, caller } = turn;
    // Every class for those the matrix lets see any roster; a class teacher sees their own.
    const administration = can(caller.member, 'roster.view');
    const page = parsePageToken(args);
    if (!args.trim() || page !== undefined) {
      const own = caller.member?.classTeacherOf ?? [];
      const classes = (await app.services.classes.list()).filter((c) => administration || own.includes(c.id));
      if (classes.length === 0) return turn.reply(t('ct-no-own-classes'));
      if (classes.length === 1 && !administration) return showRoster(turn, app, classes[0]?.name ?? '');
      const pick = classPicker(t, classes, 'class', page ?? 1, { perRow: 4 });
      return turn.reply(withPageNote(t('ct-pick-roster'), pick), pick.keyboard);
    }
    return showRoster(turn, app, args);
  },
};

/** Shows a class's roster; an admin also gets buttons to transfer its students. */
async function showRoster(turn: Turn, app: App, classArg: string): Promise<unknown> {
  const { t, caller } = turn;
  const found = await findClassByArg(app, t, classArg);
  if (!found.ok) return turn.reply(found.text);
  const { classGroup } = found;
  let roster: ClassRoster;
  try {
    roster = await app.services.members.roster(caller.personId, classGroup.id);
  } catch (error) {
    if (error instanceof PermissionDeniedError) return turn.reply(t('ct-err-not-yours', { name: classGroup.name }));
    throw error;
  }
  const text = rosterText(turn, app, roster);
  if (!caller.roles.has('admin') || roster.students.length === 0) return turn.reply(text);
  const transfers = roster.students.map((m) => commandButton(t('mv-btn-transfer', { name: personShort(m) }), 'transfer', m.personId));
  const { keyboard, shown } = pickKeyboard(transfers, 2, [[commandButton(t('ct-btn-class-teachers'), 'classteacher', classGroup.name)]]);
  return turn.reply(shown < transfers.length ? `${text}\n\n${t('ct-roster-more-buttons', { shown })}` : text, keyboard);
}
