import { can } from '../../domain/permissions.js';
import { enterClassGrid, enterClassRename } from './dialogs.js';
import type { ActionSpec } from '../shared/action-registry.js';
import type { App } from '../../app.js';
import { formatWhen } from '../../i18n.js';
import { inlineKeyboard, replyKeyboard, type Button } from '../shared/keyboards.js';
import { parseClassName } from '../../domain/class-names.js';
import type { RegularClass } from '../../domain/types.js';
import type { Caller, Turn } from '../../turn.js';
import { findClassByArg, regularClasses } from '../shared/class-ref.js';
import { createSummary } from './create-summary.js';
import { personShort } from '../shared/person-ref.js';
import { classPicker, commandButton, pickCancelButton } from '../shared/pick-keyboard.js';
import { parsePageToken, withPageNote } from '../shared/paging.js';
import { archiveClass } from './archive-class.js';
import { createClasses } from './create-classes.js';
import { renameClass } from './rename-class.js';
import { may, type CommandSpec } from '../shared/command-registry.js';

/** Words after /classes that open the structure wizard instead of creating names. */
const WIZARD_WORDS = new Set(['grid', 'wizard', 'create', 'структура', 'создать', 'мастер']);
/** The word after /classes that lists archived classes (graduated or archived by hand). */
const ARCHIVE_WORDS = new Set(['archived', 'archive', 'архив', 'архивные']);
/** At most this many names in one /classes command. */
const MAX_NAMES = 60;

const isAdmin = may('school.edit');
/** The administration sees every class (the roster right by role, not as a class teacher). */
const seesClasses = (caller: Caller): boolean => can(caller.member, 'roster.view');

/** The class list with head counts and class teachers; admins get buttons to build and change the structure. */
async function showClasses(turn: Turn, app: App): Promise<unknown> {
  const { t, caller } = turn;
  const classes = await app.services.classes.list();
  const lines: string[] = [];
  for (const classGroup of classes) {
    const roster = await app.services.members.roster(caller.personId, classGroup.id);
    if (classGroup.kind === 'staff') {
      lines.push(t('cls-line-staff', { name: classGroup.name, teachers: roster.teachers.length }));
      continue;
    }
    const leads = roster.classTeachers.map((m) => personShort(m)).join(', ') || t('cls-no-lead');
    lines.push(t('cls-line', { name: classGroup.name, students: roster.students.length, parents: roster.parents.length, leads }));
  }
  const regular = classes.filter((c) => c.kind === 'regular').length;
  const text = [t('cls-list-header', { count: regular }), '', ...lines, '', t(regular === 0 ? 'cls-list-empty-hint' : 'cls-list-hint')].join('\n');
  if (!isAdmin(caller)) return turn.reply(text);
  const rows: Button[][] = [
    [commandButton(t('cls-btn-grid'), 'classes', 'grid', 'primary')],
    [commandButton(t('cls-btn-rename'), 'rename'), commandButton(t('cls-btn-archive'), 'archive')],
    [commandButton(t('cls-btn-class-teachers'), 'classteacher')],
  ];
  return turn.reply(text, replyKeyboard(rows));
}

/** Archived classes with the date each was archived, newest first. */
async function showArchived(turn: Turn, app: App): Promise<unknown> {
  const { t } = turn;
  const archived = (await app.services.classes.list({ includeArchived: true }))
    .filter((c): c is RegularClass => c.kind === 'regular' && c.status === 'archived')
    .sort((a, b) => (b.archivedAt ?? 0) - (a.archivedAt ?? 0));
  if (archived.length === 0) return turn.reply(t('cls-archived-none'));
  const lines = archived.map((c) => t('cls-archived-line', { name: c.name, when: c.archivedAt ? formatWhen(c.archivedAt, app.config.SCHOOL_TZ, turn.locale) : '—' }));
  return turn.reply([t('cls-archived-header', { count: archived.length }), '', ...lines].join('\n'));
}

/** /classes — the list (F04); /classes archived — classes in the archive; /classes 5А 5Б — creates several at once; /classes grid — the structure wizard. */
export const classesCommand: CommandSpec = {
  name: 'classes',
  aliases: ['классы'],
  summaryKey: 'cls-cmd-classes',
  dmOnly: true,
  allowed: seesClasses,
  async run(context, args, turn, app) {
    const { t, caller } = turn;
    const words = splitClassList(args);
    if (words.length === 0) return showClasses(turn, app);
    const first = (words[0] ?? '').toLowerCase();
    if (ARCHIVE_WORDS.has(first) && words.length === 1) return showArchived(turn, app);
    if (WIZARD_WORDS.has(first)) words.shift();
    if (!isAdmin(caller)) return turn.reply(t('adm-err-denied'));
    if (words.length === 0) return enterClassGrid(context.dialogs);
    if (words.length > MAX_NAMES) return turn.reply(t('cls-too-many', { max: MAX_NAMES }));
    const { outcome } = await createClasses(app, turn, words);
    return turn.reply(outcome.kind === 'created' ? createSummary(t, outcome.results) : outcome.text);
  },
};

/**
 * Reads a list of class names: separated by commas or new lines, or by spaces — where a lone number
 * followed by a lone letter (`5 А`) is one name.
 */
export function splitClassList(args: string): string[] {
  const names: string[] = [];
  for (const chunk of args.split(/[,;\n]+/u)) {
    const words = chunk.trim().split(/\s+/u).filter(Boolean);
    for (let i = 0; i < words.length; i++) {
      const word = words[i] ?? '';
      const next = words[i + 1];
      if (/^\d{1,2}$/u.test(word) && next !== undefined && /^\p{L}$/u.test(next)) {
        names.push(`${word} ${next}`);
        i++;
      } else names.push(word);
    }
  }
  return names;
}

/** Splits «5А 6Б» (or «5 А 6 Б») into the old and the new name. */
function splitRename(words: string[]): [string, string] | null {
  if (words.length === 2) return [words[0] ?? '', words[1] ?? ''];
  for (let i = 1; i < words.length; i++) {
    const left = words.slice(0, i).join(' ');
    const right = words.slice(i).join(' ');
    if (parseClassName(left).ok && parseClassName(right).ok) return [left, right];
  }
  return null;
}

/** Asks which regular class `/command` is for, with a page of class buttons (`/command #n` for page n). */
async function askClass(app: App, turn: Turn, command: string, questionKey: 'cls-rename-pick' | 'cls-archive-pick', page: number): Promise<unknown> {
  const { t } = turn;
  const classes = await regularClasses(app);
  if (classes.length === 0) return turn.reply(t('cls-none-yet'));
  const pick = classPicker(t, classes, command, page, { cancel: pickCancelButton(t) });
  return turn.reply(withPageNote(t(questionKey), pick), pick.keyboard);
}

/** /rename 5А 5Б — renames a class (F04); /rename 5А asks the new name; /rename shows class buttons. */
export const renameCommand: CommandSpec = {
  name: 'rename',
  aliases: ['переименовать'],
  summaryKey: 'cls-cmd-rename',
  dmOnly: true,
  allowed: isAdmin,
  async run(context, args, turn, app) {
    const { t } = turn;
    const words = app.messenger.people.split(args);
    const page = parsePageToken(args);
    if (words.length === 0 || page !== undefined) return askClass(app, turn, 'rename', 'cls-rename-pick', page ?? 1);
    const pair = words.length === 1 ? null : splitRename(words);
    const found = await findClassByArg(app, t, pair ? pair[0] : words.join(' '));
    if (!found.ok) return turn.reply(found.text);
    if (found.classGroup.kind === 'staff') return turn.reply(t('cls-err-staff-room'));
    if (!pair) return enterClassRename(context.dialogs, found.classGroup);
    const from = found.classGroup.name;
    const { outcome } = await renameClass(app, turn, found.classGroup.id, pair[1]);
    return turn.reply(outcome.kind === 'renamed' ? t('cls-renamed', { from, to: outcome.classGroup.name }) : outcome.text);
  },
};

/** /archive 5А — asks to confirm, then archives the class (F04); the staff room is refused. */
export const archiveCommand: CommandSpec = {
  name: 'archive',
  aliases: ['архив'],
  summaryKey: 'cls-cmd-archive',
  dmOnly: true,
  allowed: isAdmin,
  async run(_context, args, turn, app) {
    const { t } = turn;
    const page = parsePageToken(args);
    if (!args.trim() || page !== undefined) return askClass(app, turn, 'archive', 'cls-archive-pick', page ?? 1);
    const found = await findClassByArg(app, t, args);
    if (!found.ok) return turn.reply(found.text);
    const { classGroup } = found;
    if (classGroup.kind === 'staff') return turn.reply(t('cls-err-staff-room'));
    return turn.reply(
      t('cls-archive-confirm', { name: classGroup.name }),
      inlineKeyboard([
        [
          { label: t('cls-btn-archive-yes'), payload: { k: 'cb', a: 'cls.archive', id: classGroup.id }, color: 'negative' },
          { label: t('btn-cancel'), payload: { k: 'cb', a: 'cls.keep' } },
        ],
      ]),
    );
  },
};

/** The confirmation button of /archive: archives the class, re-checking the presser's rights. */
export const archiveAction: ActionSpec = {
  name: 'cls.archive',
  async run(_context, payload, turn, app) {
    const { t } = turn;
    const { outcome } = await archiveClass(app, turn, payload.id ?? '');
    if (outcome.kind === 'not-found') return t('button-stale-short');
    if (outcome.kind === 'already-archived') {
      await turn.reply(t('cls-already-archived', { name: outcome.name }));
      return undefined;
    }
    if (outcome.kind === 'refused') {
      await turn.reply(outcome.text);
      return undefined;
    }
    await turn.reply(t('cls-archived', { name: outcome.name, invites: outcome.revokedInvites }));
    return t('cls-archived-short');
  },
};

/** The «Cancel» button of a confirmation: nothing changes. */
export const keepAction: ActionSpec = {
  name: 'cls.keep',
  async run(_context, _payload, turn) {
    return turn.t('cls-kept');
  },
};
