/**
 * Teacher status (F09, F20, F24): the notice to the verifiers (admins, the head, deputies) when a
 * teacher is approved, the confirmation itself, and what follows it (the verifiers' notices edited,
 * the teacher told what they can do now).
 */
import type { App } from '../../app.js';
import type { Translate } from '../../i18n.js';
import { inlineKeyboard } from '../shared/keyboards.js';
import { formatWhen } from '../../i18n.js';
import { notifyPerson, readerFor, translatorFor } from '../shared/recipients.js';
import { commandLinesFor, personName } from '../shared/review-format.js';
import { MemberNotActiveError, NotATeacherError, NotFoundError, PermissionDeniedError, PERMISSIONS, can, type Member } from '../../domain/index.js';
import { subjectName } from '../onboarding/subjects.js';
import type { Turn } from '../../turn.js';

/** Callback action name of the «Подтвердить статус» button; its `id` is the teacher's VK id. */
export const VER_CONFIRM = 'ver.ok';

/** The key under which the messages about a teacher's status are remembered. */
export const teacherSubject = (vkId: number): string => `ver:${vkId}`;

/** Who may confirm teacher status now: active admins, the head and deputies. */
export async function verifiersOf(app: App): Promise<number[]> {
  const ids = new Set<number>();
  for (const role of PERMISSIONS['teacher.verify'].roles) {
    for (const member of await app.services.members.listByRole(role)) if (can(member, 'teacher.verify')) ids.add(member.vkId);
  }
  return [...ids].sort((a, b) => a - b);
}

/** The teacher as a verifier reads them: name with a VK link and subjects. */
function teacherCard(app: App, t: Translate, teacher: Member): string {
  const subjects = teacher.subjects.length > 0 ? teacher.subjects.map((s) => subjectName(t, s)).join(', ') : t('ver-no-subjects');
  return t('ver-notice', { who: app.messenger.mention(teacher.vkId, teacher.name), subjects });
}

/** The confirm button for one teacher (`v: 'list'` when it sits in the /verify list, which is redrawn after a press). */
export function confirmButton(t: Translate, teacher: Member, inList: boolean, label = t('ver-btn-confirm')) {
  return { label, payload: { k: 'cb' as const, a: VER_CONFIRM, id: String(teacher.vkId), ...(inList ? { v: 'list' } : {}) }, color: 'positive' as const };
}

/** Asks every verifier to confirm a freshly approved teacher, with a button; the messages are remembered to be edited later. */
export async function announceTeacherApproved(app: App, teacher: Member): Promise<void> {
  // A teacher who joins again starts a new round: whoever confirmed them last time is forgotten.
  await app.services.reviewNotices.release(teacherSubject(teacher.vkId));
  for (const verifierId of await verifiersOf(app)) {
    const sent = await notifyPerson(
      app,
      verifierId,
      (t) => ({ text: teacherCard(app, t, teacher), keyboard: inlineKeyboard([[confirmButton(t, teacher, false)]]) }),
      `ver-notice:${teacher.vkId}:${teacher.joinedAt}:${verifierId}`,
    ).catch(() => ({ ok: false as const }));
    if (sent.ok) await app.services.reviewNotices.remember(teacherSubject(teacher.vkId), sent.message);
    else app.logger.warn({ teacherId: teacher.vkId, verifierId }, 'verification notice not delivered');
  }
}

/** The result of a confirmation attempt, for the caller to word (a snackbar or a message). */
export type VerifyOutcome =
  | { kind: 'done'; teacher: Member }
  | { kind: 'already'; teacher: Member; by?: string }
  | { kind: 'refused'; text: string };

/**
 * Confirms a teacher's status on behalf of the caller. The service re-checks the right; of two
 * verifiers at once only the first runs the follow-up, the other is told who confirmed.
 */
export async function confirmTeacher(app: App, turn: Turn, vkId: number): Promise<VerifyOutcome> {
  const { t, caller } = turn;
  const before = await app.services.members.get(vkId);
  if (!before || !before.roles.includes('teacher')) return { kind: 'refused', text: t('ver-not-teacher', { id: String(vkId) }) };
  if (before.status !== 'active') return { kind: 'refused', text: t('ver-left', { id: String(vkId) }) };
  const subject = teacherSubject(vkId);
  if (before.teacherStatus === 'verified') {
    const first = await app.services.reviewNotices.firstOf(subject);
    return { kind: 'already', teacher: before, ...(first ? { by: await personName(app, t, first) } : {}) };
  }
  if (!can(caller.member, 'teacher.verify')) return { kind: 'refused', text: t('ver-denied') };
  // Of two verifiers at once, the one who claims first confirms; the other is told who did.
  const first = await app.services.reviewNotices.claimFirst(subject, caller.vkId);
  if (first !== caller.vkId) return { kind: 'already', teacher: before, by: await personName(app, t, first) };
  let teacher: Member;
  try {
    teacher = await app.services.members.verifyTeacher(caller.vkId, vkId);
  } catch (error) {
    await app.services.reviewNotices.release(subject, caller.vkId);
    if (error instanceof PermissionDeniedError) return { kind: 'refused', text: t('ver-denied') };
    if (error instanceof NotATeacherError || error instanceof NotFoundError) return { kind: 'refused', text: t('ver-not-teacher', { id: String(vkId) }) };
    if (error instanceof MemberNotActiveError) return { kind: 'refused', text: t('ver-left', { id: String(vkId) }) };
    throw error;
  }
  await afterVerification(app, teacher, caller.vkId);
  return { kind: 'done', teacher };
}

/** After a confirmation: every verifier's notice shows who confirmed (buttons gone), and the teacher learns their new powers. */
async function afterVerification(app: App, teacher: Member, by: number): Promise<void> {
  const confirmedAt = Date.now();
  for (const notice of await app.services.reviewNotices.takeAll(teacherSubject(teacher.vkId))) {
    const { t, locale } = await readerFor(app, notice.chat);
    const when = formatWhen(confirmedAt, app.config.SCHOOL_TZ, locale);
    const text = `${teacherCard(app, t, teacher)}\n\n${t('ver-outcome', { by: await personName(app, t, by), when })}`;
    await app.messenger.edit(notice, { text }).catch(() => app.logger.warn({ teacherId: teacher.vkId, peerId: notice.chat }, 'verification notice not edited'));
  }
  const t = await translatorFor(app, teacher.vkId);
  const byName = await personName(app, t, by);
  const lines = [t('ver-you-verified', { by: byName }), '', t('req-welcome-can'), ...commandLinesFor(app, t, teacher)];
  const sent = await notifyPerson(app, teacher.vkId, () => ({ text: lines.join('\n') }), `ver-verified:${teacher.vkId}:${teacher.joinedAt}`);
  if (!sent.ok) app.logger.warn({ teacherId: teacher.vkId }, 'teacher cannot be told about verification: they do not accept messages');
}

/** The /verify list: unverified teachers (the first six with a confirm button each), or that there are none. */
export async function verifyListMessage(app: App, t: Translate): Promise<{ text: string; keyboard?: ReturnType<typeof inlineKeyboard> }> {
  const teachers = (await app.services.members.listUnverifiedTeachers()).filter((m) => m.status === 'active');
  if (teachers.length === 0) return { text: t('ver-list-empty') };
  const shown = teachers.slice(0, MAX_LIST_BUTTONS);
  const lines = [t('ver-list-title', { count: teachers.length }), ''];
  shown.forEach((teacher, index) => lines.push(`${index + 1}. ${teacherCard(app, t, teacher).split('\n').join(' — ')}`));
  if (teachers.length > shown.length) lines.push('', t('ver-list-more', { count: teachers.length - shown.length }));
  lines.push('', t('ver-list-hint'));
  const rows = shown.map((teacher, index) => [confirmButton(t, teacher, true, t('ver-btn-confirm-n', { n: index + 1, name: teacher.name || `id${teacher.vkId}` }))]);
  return { text: lines.join('\n'), keyboard: inlineKeyboard(rows) };
}

/** An inline keyboard holds at most 6 rows; one teacher a row. */
const MAX_LIST_BUTTONS = 6;
