/**
 * Choosing a person (issue 10, «people by name»), the one piece every command that names a person
 * uses: /transfer, /left, /linkchild, /admins, /head, /deputy, /classteacher, /verify, /sendinvite.
 *
 * The person is named as people do it: a VK id or a reference (`123`, `id123`, `[id123|Имя]`,
 * `@short`, a link to the page), or a part of the surname (any case, «ё» = «е»), or not at all —
 * then the admin opens a class and picks from its roster. Every choice is a button that runs the
 * command again with the person's id, so the command checks everything again when it runs: a
 * stale or forged button is refused by the command itself.
 */
import type { App } from '../../app.js';
import { parseClassName } from '../../domain/class-names.js';
import { NotFoundError, PermissionDeniedError } from '../../domain/errors.js';
import { can } from '../../domain/permissions.js';
import { byMemberName } from '../../domain/member-search.js';
import type { ClassGroup, Member } from '../../domain/types.js';
import type { PersonId } from '../../domain/person.js';
import type { Turn } from '../../turn.js';
import { replyKeyboard, type Button } from './keyboards.js';
import { pageToken, parsePageToken, pickerPage, withPageNote } from './paging.js';
import { commandButton, pickCancelButton } from './pick-keyboard.js';

export { pickCancelButton };
import { personShort } from './person-ref.js';

/** What the command asks for: the buttons it puts up run `/command <before> <person id> <after>`. */
export interface PersonPickSpec {
  /** The command the buttons run. */
  readonly command: string;
  /** Arguments before the person (`add` for /admins add, the class for /classteacher). */
  readonly before?: readonly string[];
  /** Arguments after the person and what was typed after them (the student of /linkchild). */
  readonly after?: readonly string[];
  /** Who may be chosen here (an active student for /transfer…); the others are not offered. */
  eligible(member: Member): boolean;
  /** The question over the buttons: «Кого перевести?». */
  readonly question: string;
  /** Whether the class rosters are offered (not for the staff-only choices). */
  readonly byClass?: boolean;
  /**
   * Whether one match by a part of the name is shown to be confirmed with a button (which runs the
   * command with the id) rather than acted on at once: for commands that change something and have no
   * confirmation of their own.
   */
  readonly confirmUnique?: boolean;
}

/** What the picker made of the arguments: a person named (the command goes on), or it has answered itself. */
export type PersonChoice =
  | {
      kind: 'person';
      personId: PersonId;
      member: Member | undefined;
      /** Found by a typed name rather than an id or a button: the command may want to confirm. */
      byName: boolean;
      /** The arguments after the person (the class of /transfer). */
      rest: string[];
    }
  | { kind: 'answered' };

/** How many people a button label names at most (VK cuts labels at 40 characters). */
const LABEL_MAX = 40;

/** A word that begins a class name, not a name: `6А`, `6` (of `6 А`), `Учительская`. */
function isClassWord(word: string, next: string | undefined): boolean {
  if (parseClassName(word).ok) return true;
  return /^\d{1,2}$/u.test(word) && /^\p{L}$/u.test(next ?? '');
}

/** Splits the typed words into the name (or a class to open), the page asked for, and the rest. */
function readWords(words: readonly string[]): { nameWords: string[]; page: number; rest: string[] } {
  let page = 1;
  const kept: string[] = [];
  for (const word of words) {
    const asked = parsePageToken(word);
    if (asked !== undefined) page = asked;
    else kept.push(word);
  }
  const at = kept.findIndex((word, i) => isClassWord(word, kept[i + 1]));
  const cut = at < 0 ? kept.length : at;
  return { nameWords: kept.slice(0, cut), page, rest: kept.slice(cut) };
}

/** A person's button: their name and, for students and parents, their classes; it runs the command with their id. */
function personButton(spec: PersonPickSpec, member: Member, classNames: ReadonlyMap<string, string>, rest: readonly string[]): Button {
  const classes = member.classIds.map((id) => classNames.get(id)).filter((name): name is string => !!name && name !== '');
  const shown = member.roles.some((r) => r === 'student' || r === 'parent') && classes.length > 0 ? `${personShort(member)}, ${classes.join(', ')}` : personShort(member);
  const label = shown.length > LABEL_MAX ? `${shown.slice(0, LABEL_MAX - 1)}…` : shown;
  return commandButton(label, spec.command, [...(spec.before ?? []), member.personId, ...rest, ...(spec.after ?? [])].join(' '));
}

/** Replies with one page of `choices` under `text`; page buttons run the command with `pageArgs(n)`. */
async function replyPage(turn: Turn, spec: PersonPickSpec, text: string, choices: readonly Button[], page: number, pageArgs: (n: number) => string[]): Promise<void> {
  const { t } = turn;
  const picked = pickerPage(t, choices, {
    perRow: 2,
    page,
    goTo: (label, n) => commandButton(label, spec.command, [...(spec.before ?? []), ...pageArgs(n)].join(' '), 'primary'),
    tail: [[pickCancelButton(t)]],
  });
  await turn.reply(withPageNote(text, picked), replyKeyboard(picked.rows));
}

/** Active classes as buttons that open their rosters in this picker. */
async function classChoices(app: App, turn: Turn, spec: PersonPickSpec): Promise<Button[]> {
  // Only the classes whose roster the caller may see (a class teacher: their own).
  const classes = (await app.services.classes.list()).filter((c) => can(turn.caller.member, 'roster.view', { classId: c.id }));
  return classes.map((c) => commandButton(c.name, spec.command, [...(spec.before ?? []), c.name].join(' ')));
}

/** The question with the class buttons (or, without rosters, only the hint to type a name). */
async function askByClass(app: App, turn: Turn, spec: PersonPickSpec, lead: string | undefined, page: number): Promise<void> {
  const { t } = turn;
  const text = [lead, spec.question, t(spec.byClass === false ? 'pp-hint-name' : 'pp-hint')].filter(Boolean).join('\n\n');
  if (spec.byClass === false) return turn.reply(text, replyKeyboard([[pickCancelButton(t)]])).then(() => undefined);
  const choices = await classChoices(app, turn, spec);
  return replyPage(turn, spec, text, choices, page, (n) => [pageToken(n)]);
}

/** The eligible people of a class's roster (students, parents, teachers, class teachers), as buttons. */
async function rosterChoices(app: App, turn: Turn, spec: PersonPickSpec, classGroup: ClassGroup): Promise<Member[] | undefined> {
  try {
    const roster = await app.services.members.roster(turn.caller.personId, classGroup.id);
    const people = new Map<PersonId, Member>();
    for (const m of [...roster.students, ...roster.parents.map((p) => p.member), ...roster.classTeachers, ...roster.teachers]) people.set(m.personId, m);
    return [...people.values()].filter((m) => spec.eligible(m)).sort(byMemberName);
  } catch (error) {
    if (error instanceof PermissionDeniedError || error instanceof NotFoundError) return undefined;
    throw error;
  }
}

/**
 * Reads the person the command's arguments name, or answers for the command: the class picker when
 * nothing is named, the roster of a class named, the people whose names match (buttons, paged),
 * or what to try when nobody matches. A unique match by name comes back as the person.
 */
export async function choosePerson(app: App, turn: Turn, words: readonly string[], spec: PersonPickSpec): Promise<PersonChoice> {
  const { t } = turn;
  const { people } = app.messenger;
  const first = words[0];
  const id = people.id(first);
  if (id !== null) return { kind: 'person', personId: id, member: await app.services.members.get(id), byName: false, rest: words.slice(1) };
  const ref = first !== undefined && /^(@|(https?:\/\/)?(m\.)?vk\.(com|ru)\/)/iu.test(first) ? people.ref(first) : undefined;
  if (ref !== undefined) {
    const profile = await app.messenger.profile(ref);
    if (!profile) {
      await turn.reply(t('pp-no-page', { value: first ?? '' }));
      return { kind: 'answered' };
    }
    return { kind: 'person', personId: profile.id, member: await app.services.members.get(profile.id), byName: false, rest: words.slice(1) };
  }
  const { nameWords, page, rest } = readWords(words);
  // A class to open: typed or pressed (`6А`, `6 А`), or a class without a grade (the staff room).
  const only = spec.byClass !== false && nameWords.length === 1 && rest.length === 0 ? await app.services.classes.findByName(nameWords[0]!) : undefined;
  if (nameWords.length === 0 || only) {
    const size = /^\d{1,2}$/u.test(rest[0] ?? '') && /^\p{L}$/u.test(rest[1] ?? '') ? 2 : 1;
    const classArg = only ? only.name : rest.slice(0, size).join(' ');
    const classGroup = only ?? (classArg && spec.byClass !== false ? await app.services.classes.findByName(classArg) : undefined);
    if (!classArg || !classGroup) {
      await askByClass(app, turn, spec, classArg ? t('cls-err-not-found', { name: classArg }) : undefined, page);
      return { kind: 'answered' };
    }
    const members = await rosterChoices(app, turn, spec, classGroup);
    if (!members || members.length === 0) {
      await askByClass(app, turn, spec, t(members ? 'pp-roster-nobody' : 'ct-err-not-yours', { name: classGroup.name }), 1);
      return { kind: 'answered' };
    }
    const classNames = new Map([[classGroup.id, classGroup.name]]);
    const text = [t('pp-roster', { name: classGroup.name }), spec.question].join('\n');
    await replyPage(turn, spec, text, members.map((m) => personButton(spec, m, classNames, [])), page, (n) => [classGroup.name, pageToken(n)]);
    return { kind: 'answered' };
  }
  const query = nameWords.join(' ');
  const found = (await app.services.members.searchByName(query)).filter((m) => spec.eligible(m));
  const [one] = found;
  if (one && found.length === 1 && spec.confirmUnique) {
    const yes = { ...personButton(spec, one, new Map(), rest), label: t('pp-btn-yes'), color: 'positive' as const };
    await turn.reply([spec.question, t('pp-one', { person: app.messenger.mention(one.personId, personShort(one, t)) })].join('\n'), replyKeyboard([[yes, pickCancelButton(t)]]));
    return { kind: 'answered' };
  }
  if (one && found.length === 1) return { kind: 'person', personId: one.personId, member: one, byName: true, rest };
  if (found.length === 0) {
    await askByClass(app, turn, spec, t('pp-none', { query: query.slice(0, 60) }), 1);
    return { kind: 'answered' };
  }
  const classNames = new Map((await app.services.classes.list({ includeArchived: true })).map((c) => [c.id, c.name]));
  const text = [t('pp-several', { count: found.length, query: query.slice(0, 60) }), spec.question].join('\n');
  // The page buttons repeat the query: cut so that their payload stays within its 160 characters.
  const again = nameWords.join(' ').slice(0, 80).split(' ');
  await replyPage(turn, spec, text, found.map((m) => personButton(spec, m, classNames, rest)), page, (n) => [...again, pageToken(n), ...rest]);
  return { kind: 'answered' };
}
