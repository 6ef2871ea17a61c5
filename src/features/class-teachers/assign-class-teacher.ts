/**
 * Attaching a class teacher to a class and detaching one (F07), the use cases: the domain re-checks
 * the right (classTeacher.assign: an admin) and that the person is a verified teacher. The outcome
 * is returned for the admin, with the teacher's message about a class they now lead.
 */
import type { App } from '../../app.js';
import type { PersonId } from '../../domain/person.js';
import type { ClassGroup, Member } from '../../domain/types.js';
import type { Turn } from '../../turn.js';
import type { Notice, WithNotices } from '../shared/notices.js';
import { attempt } from '../shared/refusals.js';

/** What the admin is told: the teacher as they are now, or why not. */
export type ClassTeacherOutcome = { kind: 'refused'; text: string } | { kind: 'done'; member: Member };

/** To a teacher who now leads the class `className`. */
function assignedNotice(personId: PersonId, className: string): Notice {
  return { kind: 'send', to: personId, build: ({ t }) => ({ text: t('ct-notify-assigned', { name: className }) }) };
}

/** Makes the teacher `personId` a class teacher of `classGroup` on behalf of the turn's caller (one teacher may lead several classes). */
export async function assignClassTeacher(app: App, turn: Turn, classGroup: ClassGroup, personId: PersonId): Promise<WithNotices<ClassTeacherOutcome>> {
  const done = await attempt(turn.t, () => app.services.members.assignClassTeacher(turn.caller.personId, classGroup.id, personId));
  if (!done.ok) return { outcome: { kind: 'refused', text: done.text }, notices: [] };
  return { outcome: { kind: 'done', member: done.value }, notices: [assignedNotice(personId, classGroup.name)] };
}

/** Detaches the class teacher `personId` from `classGroup` on behalf of the turn's caller; nobody is told. */
export async function unassignClassTeacher(app: App, turn: Turn, classGroup: ClassGroup, personId: PersonId): Promise<WithNotices<ClassTeacherOutcome>> {
  const done = await attempt(turn.t, () => app.services.members.unassignClassTeacher(turn.caller.personId, classGroup.id, personId));
  return { outcome: done.ok ? { kind: 'done', member: done.value } : { kind: 'refused', text: done.text }, notices: [] };
}
