/**
 * Transferring a student to another class (F10), the use case: the domain re-checks the right
 * (movement.record) and moves the student with the parents linked to them in one atomic step. The
 * outcome is returned for the admin to read, with the messages to the student and their parents,
 * and the people who are no longer of the old class (for its study chats, F25).
 */
import type { App } from '../../app.js';
import type { TransferResult } from '../../domain/movement.js';
import type { PersonId } from '../../domain/person.js';
import type { ClassGroup, Member } from '../../domain/types.js';
import type { Turn } from '../../turn.js';
import type { WithNotices } from '../shared/notices.js';
import { attempt } from '../shared/refusals.js';
import type { ClassLeaver } from '../study-chats/chat-members.js';
import { classTeacherTransferNotices, transferNotices } from './movement-notices.js';
import { classTeachersOf } from './class-teachers-of.js';

/** What the admin is told about a transfer. */
export type TransferOutcome =
  | { kind: 'refused'; text: string }
  /** The student is in that class already: nothing changed. */
  | { kind: 'already'; member: Member; to: string }
  | {
      kind: 'transferred';
      result: TransferResult;
      /** The names of the old and the new class. */
      from: string;
      to: string;
      /** The student and the parents who moved with them, out of the old class's study chats. */
      leavers: ClassLeaver[];
    };

/** Transfers the student `personId` to the class `target` on behalf of the turn's caller. */
export async function transferStudent(app: App, turn: Turn, personId: PersonId, target: ClassGroup): Promise<WithNotices<TransferOutcome>> {
  const done = await attempt(turn.t, () => app.services.movement.transfer(turn.caller.personId, { personId, toClassId: target.id }));
  if (!done.ok) return { outcome: { kind: 'refused', text: done.text }, notices: [] };
  const result = done.value;
  if (!result.changed) return { outcome: { kind: 'already', member: result.member, to: target.name }, notices: [] };
  const from = (await app.services.classes.get(result.fromClassId))?.name ?? '—';
  const leavers: ClassLeaver[] = [
    { member: result.member, classId: result.fromClassId, exit: { kind: 'transferred', to: target.name } },
    ...result.parents.filter((p) => !p.stayedInFromClass).map((p): ClassLeaver => ({ member: p.member, classId: result.fromClassId, exit: { kind: 'parent' } })),
  ];
  return {
    outcome: { kind: 'transferred', result, from, to: target.name, leavers },
    notices: [
      ...transferNotices(result.member, result.parents, from, target.name),
      // Both class teachers learn of it: the old class's and the new one's.
      ...classTeacherTransferNotices(result.member, await classTeachersOf(app, result.fromClassId), await classTeachersOf(app, target.id), from, target.name, turn.caller.personId),
    ],
  };
}
