/**
 * Marking a member as having left the school (F10), the use case: the domain re-checks the right
 * (movement.record) and, in one atomic step, ends their roles and invites, rejects their pending
 * requests and detaches the parents linked to a student. The outcome is returned for the admin to
 * read, with what follows for others: the reviewers' copies of the rejected requests edited, each
 * parent told; and the people who are no longer of their classes (for the study chats, F25).
 */
import type { App } from '../../app.js';
import type { LeaveResult } from '../../domain/movement.js';
import type { PersonId } from '../../domain/person.js';
import type { Member } from '../../domain/types.js';
import type { Turn } from '../../turn.js';
import { closedRequestNotices } from '../join-requests/review-notices.js';
import type { Notice, WithNotices } from '../shared/notices.js';
import { attempt } from '../shared/refusals.js';
import type { ClassLeaver } from '../study-chats/chat-members.js';
import { childLeftNotice, classTeacherLeftNotices } from './movement-notices.js';
import { classTeachersOf } from './class-teachers-of.js';

/** What the admin is told about marking someone as left. */
export type LeaveOutcome =
  | { kind: 'refused'; text: string }
  /** They had left already: nothing changed. */
  | { kind: 'already'; member: Member }
  | {
      kind: 'left';
      result: LeaveResult;
      /** The member out of the chats of every class they were of; the parents who left a class with them, out of its chats. */
      leavers: ClassLeaver[];
    };

/** Marks the member `personId` as having left, on behalf of the turn's caller. */
export async function markLeft(app: App, turn: Turn, personId: PersonId): Promise<WithNotices<LeaveOutcome>> {
  // The classes they were of, for their study chats (leaving empties the record's list).
  const before = await app.services.members.get(personId);
  const done = await attempt(turn.t, () => app.services.movement.markLeft(turn.caller.personId, personId));
  if (!done.ok) return { outcome: { kind: 'refused', text: done.text }, notices: [] };
  const result = done.value;
  if (!result.changed) return { outcome: { kind: 'already', member: result.member }, notices: [] };
  const rejected = [...result.rejectedRequests, ...result.parents.flatMap((p) => p.rejectedRequests)].map((r) => r.id);
  const notices: Notice[] = await closedRequestNotices(app, rejected);
  for (const parent of result.parents) {
    const className = (await app.services.classes.get(parent.classId))?.name ?? parent.classId;
    notices.push(childLeftNotice(result.member, parent, className));
  }
  // The class teachers of the classes they were a student of.
  for (const classId of result.studentOf) {
    const className = (await app.services.classes.get(classId))?.name ?? '';
    notices.push(...classTeacherLeftNotices(result.member, await classTeachersOf(app, classId), className, turn.caller.personId));
  }
  const leavers: ClassLeaver[] = [
    ...(before?.classIds ?? []).map((classId): ClassLeaver => ({ member: result.member, classId, exit: { kind: 'left' } })),
    ...result.parents.filter((p) => p.leftClass).map((p): ClassLeaver => ({ member: p.member, classId: p.classId, exit: { kind: 'parent' } })),
  ];
  return { outcome: { kind: 'left', result, leavers }, notices };
}
