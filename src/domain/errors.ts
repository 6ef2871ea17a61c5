/**
 * Named domain errors. Each carries a stable `code` that the UI layer maps to
 * a locale key (e.g. `class.name_taken` → `error-class-name-taken`), and an
 * English message for logs that says what to do.
 */
import type { ClassNameError } from './types.js';
import type { PersonId } from './person.js';

/** Base of all domain errors; `code` is stable, `message` is for logs only. */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export type NotFoundEntity = 'class' | 'invite' | 'request' | 'member' | 'studyChat' | 'material' | 'meeting' | 'broadcast' | 'scheduledPost' | 'question';

/** The class, invite, request or member does not exist (or was never created in this school). */
export class NotFoundError extends DomainError {
  readonly code: `${NotFoundEntity}.not_found`;
  constructor(
    readonly entity: NotFoundEntity,
    readonly id: string | number,
  ) {
    super(`${entity} ${String(id)} not found; reload the list and pick an existing one`);
    this.code = `${entity}.not_found`;
  }
}

/** One creation names more than `max` letters in grade `grade` (class-names.ts, MAX_LETTERS). */
export class TooManyLettersError extends DomainError {
  readonly code = 'class.too_many_letters';
  constructor(
    readonly grade: number,
    readonly max: number,
  ) {
    super(`grade ${grade} would get more than ${max} letters; create at most ${max} parallel classes a grade at a time`);
  }
}

/** The class name cannot be normalised to a valid one (see `reason`). */
export class InvalidClassNameError extends DomainError {
  readonly code = 'class.invalid_name';
  constructor(
    readonly input: string,
    readonly reason: ClassNameError,
  ) {
    super(`class name "${input}" is invalid (${reason}); use a grade 1–11 and one Cyrillic letter, e.g. 5А`);
  }
}

/** Another active class already has this name. */
export class ClassNameTakenError extends DomainError {
  readonly code = 'class.name_taken';
  constructor(
    readonly className: string,
    readonly existingId: string,
  ) {
    super(`an active class named ${className} already exists (${existingId}); pick another name or archive it first`);
  }
}

/** The staff room cannot be renamed or archived. */
export class StaffRoomImmutableError extends DomainError {
  readonly code = 'class.staff_room_immutable';
  constructor(readonly operation: 'rename' | 'archive' | 'assign_class_teacher' | 'transfer' | 'study_chat') {
    super(`the staff room cannot be used for ${operation}; choose a regular class`);
  }
}

/** The class is archived; it accepts no invites, renames or people. */
export class ClassArchivedError extends DomainError {
  readonly code = 'class.archived';
  constructor(readonly classId: string) {
    super(`class ${classId} is archived; choose an active class`);
  }
}

/** Teacher invites go to the staff room only; student/parent invites to regular classes only. */
export class InviteTargetError extends DomainError {
  readonly code = 'invite.wrong_target';
  constructor(
    readonly role: string,
    readonly classId: string,
  ) {
    super(
      `an invite for role ${role} cannot point at class ${classId}; teachers are invited to the staff room, students and parents to a regular class`,
    );
  }
}

/** Expiry or use limit out of the allowed range. */
export class InvalidInviteOptionsError extends DomainError {
  readonly code = 'invite.invalid_options';
  constructor(readonly detail: string) {
    super(`invalid invite options: ${detail}`);
  }
}

/** The applicant data does not fit the invite's role (e.g. a parent without a child's name). */
export class InvalidApplicantError extends DomainError {
  readonly code = 'request.invalid_applicant';
  constructor(readonly detail: string) {
    super(`invalid applicant: ${detail}`);
  }
}

/** The person must be an active, verified teacher for this operation. */
export class NotVerifiedTeacherError extends DomainError {
  readonly code = 'member.not_verified_teacher';
  constructor(readonly personId: PersonId) {
    super(`member ${personId} is not an active verified teacher; verify the teacher first`);
  }
}

/** The person must be an active teacher (verified or not) for this operation. */
export class NotATeacherError extends DomainError {
  readonly code = 'member.not_a_teacher';
  constructor(readonly personId: PersonId) {
    super(`member ${personId} is not an active teacher; they must join via a teacher invite first`);
  }
}

/** The person has left the school. */
export class MemberNotActiveError extends DomainError {
  readonly code = 'member.not_active';
  constructor(readonly personId: PersonId) {
    super(`member ${personId} has left the school`);
  }
}

/** Removing this admin would leave the school without any. */
export class LastAdminError extends DomainError {
  readonly code = 'member.last_admin';
  constructor(readonly personId: PersonId) {
    super(`member ${personId} is the last admin; appoint another admin first`);
  }
}

/** The member is not a student of the given class. */
export class NotAStudentError extends DomainError {
  readonly code = 'movement.not_a_student';
  constructor(
    readonly personId: PersonId,
    readonly classId?: string,
  ) {
    super(`member ${personId} is not a student${classId ? ` of class ${classId}` : ''}; pick a student from the roster`);
  }
}

/** The actor's roles do not allow the action (checked by `can()` in permissions.ts). */
export class PermissionDeniedError extends DomainError {
  readonly code = 'permission.denied';
  constructor(
    readonly action: string,
    readonly actor: PersonId | 'system' | null,
  ) {
    super(`actor ${String(actor)} may not perform ${action}; ask an admin for the needed role`);
  }
}

/** Why a parent cannot be linked to a student. */
export type ChildLinkProblem = 'no_common_class' | 'not_a_student' | 'not_a_parent';

/** The parent and the student are not parent and student of one class, so they cannot be linked. */
export class ChildLinkError extends DomainError {
  readonly code = 'family.not_linkable';
  constructor(
    readonly parentId: PersonId,
    readonly studentId: PersonId,
    readonly problem: ChildLinkProblem,
  ) {
    super(`member ${parentId} cannot be linked to student ${studentId} (${problem}); the parent must have joined the student's class as a parent`);
  }
}
