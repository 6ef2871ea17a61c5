/**
 * Confirming a teacher's status (F09, F20, F24), the use case: the right is checked and the first
 * verifier wins in the domain's one atomic step; the outcome is returned for the verifier to read,
 * with what follows for others: every verifier's notice edited to say who confirmed (its button
 * gone), and the teacher told what they can do now.
 */
import type { App } from '../../app.js';
import { formatWhen, type FluentPerson } from '../../i18n.js';
import { MemberNotActiveError, NotATeacherError, NotFoundError, PermissionDeniedError, type Member } from '../../domain/index.js';
import type { PersonId } from '../../domain/person.js';
import type { Notice, WithNotices } from '../shared/notices.js';
import { adminChatLinkNotices } from '../admin-chats/admin-chat-notices.js';
import { commandLinesFor } from '../shared/command-words.js';
import { personName, personRef } from '../shared/person-words.js';
import type { Turn } from '../../turn.js';
import { teacherCard, teacherSubject } from './verify-notices.js';

/** The result of a confirmation attempt, for the verifier to read (a snackbar or a message). */
export type VerifyOutcome =
  | { kind: 'done'; teacher: Member }
  /** Confirmed already; `by` is who did it, in the verifier's words. */
  | { kind: 'already'; teacher: Member; by?: FluentPerson | string }
  | { kind: 'refused'; text: string };

/** Confirms the teacher `personId` on behalf of the turn's caller. */
export async function confirmTeacher(app: App, turn: Turn, personId: PersonId): Promise<WithNotices<VerifyOutcome>> {
  const { t, caller } = turn;
  const refused = (text: string): WithNotices<VerifyOutcome> => ({ outcome: { kind: 'refused', text }, notices: [] });
  let result;
  try {
    result = await app.services.members.confirmTeacherStatus(caller.personId, personId);
  } catch (error) {
    if (error instanceof PermissionDeniedError) return refused(t('ver-denied'));
    if (error instanceof NotATeacherError || error instanceof NotFoundError) return refused(t('ver-not-teacher', { id: String(personId) }));
    if (error instanceof MemberNotActiveError) return refused(t('ver-left', { id: String(personId) }));
    throw error;
  }
  const { teacher, confirmed } = result;
  if (!confirmed) {
    const by = teacher.verifiedBy === undefined ? undefined : await personRef(app, t, teacher.verifiedBy);
    return { outcome: { kind: 'already', teacher, ...(by ? { by } : {}) }, notices: [] };
  }
  return { outcome: { kind: 'done', teacher }, notices: await afterConfirmation(app, teacher, caller.personId) };
}

/** What a confirmation sends: each verifier's notice shows who confirmed and when, and the teacher learns their new powers. */
async function afterConfirmation(app: App, teacher: Member, by: PersonId): Promise<Notice[]> {
  const confirmedAt = teacher.verifiedAt ?? Date.now();
  const edits: Notice[] = (await app.services.reviewNotices.takeAll(teacherSubject(teacher.personId))).map((message) => ({
    kind: 'edit',
    message,
    build: async ({ t, locale }) => ({
      text: `${teacherCard(app, t, teacher)}\n\n${t('ver-outcome', { by: await personName(app, t, by), when: formatWhen(confirmedAt, app.config.SCHOOL_TZ, locale) })}`,
    }),
  }));
  const toTeacher: Notice = {
    kind: 'send',
    to: teacher.personId,
    key: `ver-verified:${teacher.personId}:${teacher.joinedAt}`,
    build: async ({ t, locale }) => ({ text: [t('ver-you-verified', { by: await personName(app, t, by) }), '', t('req-welcome-can'), ...commandLinesFor(app, t, locale, teacher)].join('\n') }),
  };
  // The staff chat (F22), if the head made it already: its link follows the confirmation.
  const staffChat = await adminChatLinkNotices(app, teacher, ['staff'], `verified:${teacher.joinedAt}`);
  return [...edits, toTeacher, ...staffChat];
}
