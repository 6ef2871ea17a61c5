/**
 * Study chats (F25), the use cases the /chat dialog and the commands call: which classes and
 * subjects a teacher picks from, the proposed title, making the chat through the messenger port,
 * sending its link to the class, and the report the teacher gets.
 */
import type { App } from '../../app.js';
import type { Translate } from '../../i18n.js';
import { belongsInStudyChat, can, STUDY_CHAT_TITLE_MAX, studyChatClassIds, type Member, type RegularClass, type StudyChat, type StudyChatAudience } from '../../domain/index.js';
import type { PersonId } from '../../domain/person.js';
import type { Caller, Turn } from '../../turn.js';
import { regularClasses } from '../shared/class-ref.js';
import { authorOf, heldLines, recipientOf } from '../shared/delivery-report.js';
import type { DeliveryAuthor } from '../../app.js';
import { personMention, personShort, personShortArg } from '../shared/person-ref.js';
import { readerFor } from '../shared/recipients.js';
import { attempt } from '../shared/refusals.js';
import { DEFAULT_SUBJECTS, MAX_SUBJECT_LENGTH, subjectName } from '../onboarding/subjects.js';

/** Who may open /chat: verified teachers (class teachers among them) and admins. */
export const mayCreateStudyChats = (caller: Caller): boolean => can(caller.member, 'studyChat.create');

/** Who may see /chats: those who may create them, and the administration (every chat of the school). */
/** Students and parents: they see the chats of their classes (the links they were sent, again). */
const isFamily = (caller: Caller): boolean => caller.member?.status === 'active' && caller.member.roles.some((role) => role === 'student' || role === 'parent');

/** Who may use /chats: teachers (their chats), the administration (every chat), students and parents (their classes' chats). */
export const maySeeStudyChats = (caller: Caller): boolean => mayCreateStudyChats(caller) || can(caller.member, 'studyChat.viewAll') || isFamily(caller);

/** Why /chat or /chats is not for this person, in words: an unverified teacher waits for confirmation; others are not teachers. */
export function studyChatRefusal(turn: Turn): string {
  const member = turn.caller.member;
  const pendingTeacher = member?.status === 'active' && member.roles.includes('teacher') && member.teacherStatus !== 'verified';
  return turn.t(pendingTeacher ? 'sc-denied-unverified' : 'sc-denied');
}

/** The classes a teacher picks from: those they lead first, then those they have study chats in, then the rest. */
export async function chatClasses(app: App, caller: Caller): Promise<RegularClass[]> {
  const classes = await regularClasses(app);
  const leads = new Set(caller.member?.classTeacherOf ?? []);
  const taught = new Set((await app.services.studyChats.ofTeacher(caller.personId)).flatMap((chat) => studyChatClassIds(chat)));
  const rank = (c: RegularClass): number => (leads.has(c.id) ? 0 : taught.has(c.id) ? 1 : 2);
  return classes.map((c, i) => ({ c, i })).sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i).map(({ c }) => c);
}

/** The subjects a teacher picks from: their own (given when joining), or the school's list for someone who gave none (an admin). */
export function chatSubjects(member: Member | null): readonly string[] {
  const own = (member?.subjects ?? []).filter((s) => s.trim() && s.length <= MAX_SUBJECT_LENGTH);
  return own.length > 0 ? own : DEFAULT_SUBJECTS;
}

/** A subject typed instead of pressed: one of the offered ones, in any case and in either language. */
export function findSubject(t: Translate, subjects: readonly string[], typed: string): string | undefined {
  const key = typed.trim().toLocaleLowerCase('ru-RU');
  return subjects.find((s) => s.toLocaleLowerCase('ru-RU') === key || subjectName(t, s).toLocaleLowerCase('ru-RU') === key);
}

/** The title the bot proposes: `5А · Математика`. */
export function proposedTitle(className: string, subject: string): string {
  return `${className} · ${subject}`;
}

/** A typed title, trimmed, or why it is refused. */
export function checkTitle(t: Translate, typed: string): { ok: true; title: string } | { ok: false; problem: string } {
  const title = typed.replace(/\s+/gu, ' ').trim();
  if (!title) return { ok: false, problem: t('invalid-empty') };
  if (title.startsWith('/')) return { ok: false, problem: t('invalid-command') };
  if (title.length > STUDY_CHAT_TITLE_MAX) return { ok: false, problem: t('invalid-too-long', { max: STUDY_CHAT_TITLE_MAX }) };
  return { ok: true, title };
}

/** The chat the teacher already has for this class and subject, if any. */
export function existingChat(app: App, caller: Caller, classId: string, subject: string): Promise<StudyChat | undefined> {
  return app.services.studyChats.find(caller.personId, classId, subject);
}

/** The answer when the pair has its chat already: its link, nothing made. */
export function existingChatText(t: Translate, chat: StudyChat): string {
  return t('sc-exists', { title: chat.title, link: chat.link ?? '' });
}

export interface StudyChatRequest {
  classId: string;
  subject: string;
  title: string;
  /** Whether the class's parents get the link too. */
  parents: boolean;
}

/**
 * Makes the study chat (or finds the one made for this pair, or by this very update before a crash),
 * sends its link to the class's students (and parents) in private messages, and returns the report for the teacher.
 */
export async function createStudyChat(app: App, turn: Turn, request: StudyChatRequest): Promise<string> {
  const { t, caller } = turn;
  const reserved = await attempt(t, () => app.services.studyChats.reserve(caller.personId, request));
  if (!reserved.ok) return reserved.text;
  const reservation = reserved.value;
  if (reservation.kind === 'busy') return t('sc-busy');
  if (reservation.kind === 'exists') return existingChatText(t, reservation.chat);
  let chat = reservation.chat;
  if (reservation.kind === 'create') {
    const peer = await app.messenger.createChat(chat.title);
    const link = await app.messenger.inviteLink(peer);
    chat = await app.services.studyChats.finish(caller.personId, chat.id, peer, link);
    app.logger.info({ studyChat: chat.id, classId: chat.classId, peer, teacher: caller.personId }, 'study chat created');
  }
  const report = await sendLink(app, caller, chat, request.parents, authorOf(turn));
  return [t('sc-created', { kind: chat.kind, title: chat.title, link: chat.link ?? '' }), '', report(t)].join('\n');
}

/** Whom a link is sent to, as the report names them: a student, a parent, or (a role chat) a member of the role. */
type RecipientRole = 'student' | 'parent' | 'member';

/** One recipient of the link and how they fared. */
interface Sent {
  member: Member;
  role: RecipientRole;
  ok: boolean;
  /** Waiting for the end of the quiet hours. */
  held?: boolean;
}

/** Sends the subject chat's link to its class (each person in their language) and returns the report, to be worded in the teacher's. */
async function sendLink(app: App, caller: Caller, chat: StudyChat, withParents: boolean, author: DeliveryAuthor): Promise<(t: Translate) => string> {
  const classId = chat.classId ?? studyChatClassIds(chat)[0] ?? '';
  const audience = await app.services.studyChats.audience(classId, { parents: withParents });
  const className = (await app.services.classes.get(classId))?.name ?? '—';
  const teacher = caller.member ? personShortArg(caller.member) : app.messenger.mention(caller.personId, '…');
  const people = [
    ...audience.students.map((member) => ({ member, role: 'student' as const })),
    ...audience.parents.map((member) => ({ member, role: 'parent' as const })),
  ];
  const textOf = (t: Translate, role: RecipientRole) =>
    t(role === 'parent' ? 'sc-invite-parent' : 'sc-invite-student', { title: chat.title, subject: subjectName(t, chat.subject ?? ''), className, teacher, link: chat.link ?? '' });
  const leads = audience.classTeachers.filter((m) => m.personId !== caller.personId).map((m) => personShort(m));
  return deliverLink(app, caller, chat, people, textOf, leads, author, 'sc-report-nobody');
}

/**
 * Sends a chat's link to these people (not the creator), one message a language and role, through
 * the deliveries (quiet hours kept), and returns the report, to be worded in the creator's language.
 */
async function deliverLink(
  app: App,
  caller: Caller,
  chat: StudyChat,
  people: readonly { member: Member; role: RecipientRole }[],
  textOf: (t: Translate, role: RecipientRole) => string | Promise<string>,
  leads: readonly string[],
  author: DeliveryAuthor,
  nobodyKey: string,
): Promise<(t: Translate) => string> {
  // One message a language and role: a send to many per group.
  const groups = new Map<string, { t: Translate; role: RecipientRole; members: Member[] }>();
  for (const { member, role } of people) {
    if (member.personId === caller.personId) continue;
    const reader = await readerFor(app, member.personId);
    const key = `${reader.locale}:${role}`;
    const group = groups.get(key) ?? { t: reader.t, role, members: [] };
    group.members.push(member);
    groups.set(key, group);
  }
  const sent: Sent[] = [];
  let heldUntil: number | undefined;
  for (const group of groups.values()) {
    const result = await app.deliveries.deliver({ message: { text: await textOf(group.t, group.role) }, recipients: group.members.map(recipientOf), author });
    const held = new Set(result.held);
    for (const member of group.members) sent.push({ member, role: group.role, ok: result.outcomes.get(member.personId)?.ok === true, held: held.has(member.personId) });
    heldUntil ??= result.heldUntil;
  }
  app.logger.info({ studyChat: chat.id, sent: sent.length, reached: sent.filter((s) => s.ok).length }, 'study chat link sent');
  return (t) =>
    sent.length === 0 ? t(nobodyKey) : reportText(app, t, sent, leads, heldLines(t, app.config, { held: sent.filter((s) => s.held).map((s) => s.member.personId), heldUntil }));
}

/** What an "other" chat asks for: its title and its audience (for classes, whether their parents are of it and get the link too). */
export interface OtherChatRequest {
  title: string;
  audience: StudyChatAudience;
}

/**
 * Makes an "other" study chat (a club, a project group, a parallel…), one an operation (a repeat
 * after a crash reuses what the first run made), sends its link to the audience in private
 * messages, and returns the report for the teacher.
 */
export async function createOtherChat(app: App, turn: Turn, request: OtherChatRequest): Promise<string> {
  const { t, caller } = turn;
  if (!mayCreateStudyChats(caller)) return studyChatRefusal(turn);
  const reserved = await attempt(t, () => app.services.studyChats.reserveOther(caller.personId, request));
  if (!reserved.ok) return reserved.text;
  let chat = reserved.value.chat;
  if (reserved.value.kind === 'create') {
    const peer = await app.messenger.createChat(chat.title);
    const link = await app.messenger.inviteLink(peer);
    chat = await app.services.studyChats.finish(caller.personId, chat.id, peer, link);
    app.logger.info({ studyChat: chat.id, kind: 'other', audience: chat.audience.kind, peer, teacher: caller.personId }, 'study chat created');
  }
  const report = await sendOtherLink(app, caller, chat, authorOf(turn));
  return [t('sc-created', { kind: chat.kind, title: chat.title, link: chat.link ?? '' }), '', report(t)].join('\n');
}

/** Sends an "other" chat's link to its audience: the students (and parents) of its classes, or everyone of its role. */
async function sendOtherLink(app: App, caller: Caller, chat: StudyChat, author: DeliveryAuthor): Promise<(t: Translate) => string> {
  const audience = chat.audience;
  const teacher = caller.member ? personShortArg(caller.member) : app.messenger.mention(caller.personId, '…');
  const people: { member: Member; role: RecipientRole }[] = [];
  const seen = new Set<PersonId>();
  const add = (member: Member, role: RecipientRole) => {
    if (seen.has(member.personId)) return;
    seen.add(member.personId);
    people.push({ member, role });
  };
  const leads: string[] = [];
  if (audience.kind === 'class') {
    const all = await Promise.all(audience.classIds.map((classId) => app.services.studyChats.audience(classId, { parents: audience.parents })));
    for (const one of all) one.students.forEach((m) => add(m, 'student'));
    for (const one of all) one.parents.forEach((m) => add(m, 'parent'));
    const leadIds = new Set<PersonId>();
    for (const lead of all.flatMap((one) => one.classTeachers)) {
      if (lead.personId === caller.personId || leadIds.has(lead.personId)) continue;
      leadIds.add(lead.personId);
      leads.push(personShort(lead));
    }
  } else {
    const role: RecipientRole = audience.role === 'student' ? 'student' : audience.role === 'parent' ? 'parent' : 'member';
    (await app.services.studyChats.membersOfRole(audience.role)).forEach((m) => add(m, role));
  }
  const textOf = async (t: Translate, role: RecipientRole) =>
    t(role === 'parent' ? 'sc-other-invite-parent' : 'sc-other-invite', { title: chat.title, audience: await audienceText(app, t, audience), teacher, link: chat.link ?? '' });
  return deliverLink(app, caller, chat, people, textOf, leads, author, 'sc-other-report-nobody');
}

/** How many got the link and who did not, named, with whom to ask to pass it on. */
function reportText(app: App, t: Translate, sent: readonly Sent[], classTeachers: readonly string[], held: readonly string[] = []): string {
  const reached = sent.filter((s) => s.ok).length;
  const missed = sent.filter((s) => !s.ok && !s.held);
  const lines = [t('sc-report-reached', { reached, total: sent.length })];
  if (held.length > 0) lines.push('', ...held);
  if (missed.length === 0) return lines.join('\n');
  lines.push('', t('sc-report-missed', { count: missed.length }));
  missed.forEach((s, i) => lines.push(`${i + 1}. ${s.role === 'member' ? personMention(app.messenger, s.member, t) : t(s.role === 'student' ? 'sc-report-student' : 'sc-report-parent', { person: personMention(app.messenger, s.member, t) })}`));
  lines.push('', classTeachers.length > 0 ? t('sc-report-pass-on-lead', { people: classTeachers.join(', ') }) : t('sc-report-pass-on'));
  return lines.join('\n');
}

/** Whom an "other" chat is for, in words: «классы 5А, 6А» (and their parents), or «все учителя школы». */
export async function audienceText(app: App, t: Translate, audience: StudyChatAudience): Promise<string> {
  if (audience.kind === 'role') return t('sc-other-audience-role', { role: audience.role });
  const names = await Promise.all(audience.classIds.map(async (id) => (await app.services.classes.get(id))?.name ?? '—'));
  return t('sc-other-audience-classes', { count: names.length, classes: names.join(', '), parents: audience.parents ? 'yes' : 'no' });
}

/** The lines of /chats: each chat with its class and subject (or, for an "other" chat, its audience), its teacher (for the administration, students and parents) and link. */
export async function chatListText(app: App, turn: Turn): Promise<string> {
  const { t, caller } = turn;
  const everyone = can(caller.member, 'studyChat.viewAll');
  // A student or a parent (not a teacher too): the chats whose audience they are of — their classes', their role's.
  const family = !everyone && !mayCreateStudyChats(caller) && isFamily(caller);
  const chats = everyone
    ? await app.services.studyChats.all()
    : family
      ? (await app.services.studyChats.all()).filter((chat) => chat.status === 'ready' && belongsInStudyChat(chat, caller.member))
      : await app.services.studyChats.ofTeacher(caller.personId);
  const scope = everyone ? 'school' : family ? 'class' : 'mine';
  if (chats.length === 0) return t('sc-list-none-of', { scope });
  const lines = [t('sc-list-header-of', { scope, count: chats.length }), ''];
  const named = everyone || family;
  for (const [i, chat] of chats.entries()) {
    const teacher = named ? personMention(app.messenger, (await app.services.members.get(chat.teacher)) ?? { personId: chat.teacher, name: '' }, t) : '';
    const link = chat.link ?? '';
    let line: string;
    if (chat.kind === 'other') {
      const audience = await audienceText(app, t, chat.audience);
      line = named ? t('sc-other-list-line-school', { title: chat.title, audience, teacher, link }) : t('sc-other-list-line', { title: chat.title, audience, link });
    } else {
      const classId = chat.classId ?? studyChatClassIds(chat)[0] ?? '';
      const className = (await app.services.classes.get(classId))?.name ?? '—';
      const subject = subjectName(t, chat.subject ?? '');
      line = named ? t('sc-list-line-school', { title: chat.title, className, subject, teacher, link }) : t('sc-list-line', { title: chat.title, className, subject, link });
    }
    lines.push(`${i + 1}. ${line}`);
  }
  return lines.join('\n');
}
