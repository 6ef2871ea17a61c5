/**
 * Teacher status (F09, F20, F24): the notice to the verifiers (admins, the head, deputies) when a
 * teacher is approved, the teacher's card as they read it, and the /verify list. The confirmation
 * itself is the use case in confirm-teacher.ts.
 */
import type { App } from '../../app.js';
import type { Translate } from '../../i18n.js';
import { inlineKeyboard } from '../shared/keyboards.js';
import type { Notice } from '../shared/notices.js';
import { PERMISSIONS, can, type Member } from '../../domain/index.js';
import { comparePersonIds, type PersonId } from '../../domain/person.js';
import { subjectName } from '../onboarding/subjects.js';

/** Callback action name of the «Подтвердить статус» button; its `id` is the teacher's PersonId. */
export const VER_CONFIRM = 'ver.ok';

/** The key under which the messages about a teacher's status are remembered. */
export const teacherSubject = (personId: PersonId): string => `ver:${personId}`;

/** Who may confirm teacher status now: active admins, the head and deputies. */
export async function verifiersOf(app: App): Promise<PersonId[]> {
  const ids = new Set<PersonId>();
  for (const role of PERMISSIONS['teacher.verify'].roles) {
    for (const member of await app.services.members.listByRole(role)) if (can(member, 'teacher.verify')) ids.add(member.personId);
  }
  return [...ids].sort(comparePersonIds);
}

/** The teacher as a verifier reads them: name with a VK link and subjects. */
export function teacherCard(app: App, t: Translate, teacher: Member): string {
  const subjects = teacher.subjects.length > 0 ? teacher.subjects.map((s) => subjectName(t, s)).join(', ') : t('ver-no-subjects');
  return t('ver-notice', { who: app.messenger.mention(teacher.personId, teacher.name), subjects });
}

/** The confirm button for one teacher (`v: 'list'` when it sits in the /verify list, which is redrawn after a press). */
export function confirmButton(t: Translate, teacher: Member, inList: boolean, label = t('ver-btn-confirm')) {
  return { label, payload: { k: 'cb' as const, a: VER_CONFIRM, id: teacher.personId, ...(inList ? { v: 'list' } : {}) }, color: 'positive' as const };
}

/** What asks every verifier to confirm a freshly approved teacher, with a button; the messages are remembered to be edited later. */
export async function teacherApprovedNotices(app: App, teacher: Member): Promise<Notice[]> {
  return (await verifiersOf(app)).map((verifierId) => ({
    kind: 'send',
    to: verifierId,
    key: `ver-notice:${teacher.personId}:${teacher.joinedAt}:${verifierId}`,
    build: ({ t }) => ({ text: teacherCard(app, t, teacher), keyboard: inlineKeyboard([[confirmButton(t, teacher, false)]]) }),
    remember: teacherSubject(teacher.personId),
  }));
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
  const rows = shown.map((teacher, index) => [confirmButton(t, teacher, true, t('ver-btn-confirm-n', { n: index + 1, name: teacher.name || t('pp-nameless') }))]);
  return { text: lines.join('\n'), keyboard: inlineKeyboard(rows) };
}

/** An inline keyboard holds at most 6 rows; one teacher a row. */
const MAX_LIST_BUTTONS = 6;
