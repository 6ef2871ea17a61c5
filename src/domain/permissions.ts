/**
 * Who may do what (DESIGN.md §4), as data. Every use-case checks `can()` with
 * the actor's stored member record at the moment it runs.
 *
 * Rules on top of the matrix:
 * - the `teacher` role counts only once the teacher is verified;
 * - a member who left has no powers at all;
 * - a class teacher's extra powers apply to their own classes only, and for
 *   invites and join requests to the student and parent roles only.
 */
import { PermissionDeniedError } from './errors.js';
import type { ActorId, InviteRole, Member, Role } from './types.js';

export { PermissionDeniedError };

export const ACTIONS = [
  'school.edit',
  'invite.create',
  'invite.revoke',
  'request.review',
  'teacher.verify',
  'admin.appoint',
  'administration.assign',
  'classTeacher.assign',
  'movement.record',
  'roster.view',
  'studyChat.create',
  'studyChat.viewAll',
  'channel.publish',
  'material.submit',
  'adminChat.create',
  'meeting.plan',
  'broadcast.plan',
  'lesson.announce',
  'event.manageAny',
] as const;
export type Action = (typeof ACTIONS)[number];

/** What a class teacher may do beyond their roles, in their own class. */
export type ClassTeacherGrant = 'own_class' | 'own_class_student_parent';

export interface Grant {
  /** Roles that may always do it (`teacher` = verified teacher). */
  roles: readonly Role[];
  /** Extra power of a (verified) class teacher within their own class. */
  classTeacher?: ClassTeacherGrant;
}

/** The rows of DESIGN.md §4's default matrix that some feature checks today (a new feature adds its own). */
export const PERMISSIONS: Readonly<Record<Action, Grant>> = {
  'school.edit': { roles: ['admin'] },
  'invite.create': { roles: ['admin'], classTeacher: 'own_class_student_parent' },
  'invite.revoke': { roles: ['admin'], classTeacher: 'own_class_student_parent' },
  'request.review': { roles: ['admin'], classTeacher: 'own_class_student_parent' },
  'teacher.verify': { roles: ['admin', 'head', 'deputy'] },
  'admin.appoint': { roles: ['admin', 'head'] },
  'administration.assign': { roles: ['admin'] },
  'classTeacher.assign': { roles: ['admin'] },
  'movement.record': { roles: ['admin'] },
  'roster.view': { roles: ['admin', 'head', 'deputy'], classTeacher: 'own_class' },
  /** Subject chats (F25): verified teachers (class teachers among them) for any active class; admins too, for the school. */
  'studyChat.create': { roles: ['admin', 'teacher'] },
  /** Every study chat of the school, not only one's own. */
  'studyChat.viewAll': { roles: ['admin', 'head', 'deputy'] },
  /** The system channels (F12): binding a chat as the school-wide or the staff channel, and posting to them. */
  'channel.publish': { roles: ['admin'] },
  /** Handing material in for the channels (F21): the administration and verified teachers; an admin decides (`channel.publish`). */
  'material.submit': { roles: ['admin', 'head', 'deputy', 'teacher'] },
  /** The administration chats (F22): the head's chat with the deputies and with all teachers; the head makes them, or an admin. */
  'adminChat.create': { roles: ['admin', 'head'] },
  /** Meetings of the administration (F22): planning, moving and cancelling them. */
  'meeting.plan': { roles: ['admin', 'head', 'deputy'] },
  /** Broadcasts for the school, a class or the staff, and webinars and seminars for teachers (F13, F31): planning, moving, cancelling them. */
  'broadcast.plan': { roles: ['admin', 'head', 'deputy'] },
  /** Online lessons announced in a subject chat (F26): verified teachers, in the chats they teach. */
  'lesson.announce': { roles: ['teacher'] },
  /** Moving and cancelling anyone's meetings, broadcasts and webinars (the organiser may be away): admins and the head. */
  'event.manageAny': { roles: ['admin', 'head'] },
};

/** What the action is about, for class-teacher scoped powers. */
export interface PermissionScope {
  classId?: string;
  role?: InviteRole;
}

/** The roles that carry power right now: none after leaving; `teacher` only when verified. */
export function effectiveRoles(member: Member | null): Role[] {
  if (!member || member.status !== 'active') return [];
  return member.roles.filter((r) => r !== 'teacher' || member.teacherStatus === 'verified');
}

/** Whether the member leads the class as a verified class teacher. */
export function isClassTeacherOf(member: Member | null, classId: string): boolean {
  return effectiveRoles(member).includes('teacher') && member !== null && member.classTeacherOf.includes(classId);
}

/** Whether `member` (null = a stranger) may perform `action` within `scope`. */
export function can(member: Member | null, action: Action, scope: PermissionScope = {}): boolean {
  const grant = PERMISSIONS[action];
  const roles = effectiveRoles(member);
  if (roles.some((r) => grant.roles.includes(r))) return true;
  if (!grant.classTeacher || scope.classId === undefined) return false;
  if (!isClassTeacherOf(member, scope.classId)) return false;
  if (grant.classTeacher === 'own_class') return true;
  return scope.role === 'student' || scope.role === 'parent';
}

/** Whether `member` may perform `action` for some class: by role, or as the verified class teacher of at least one class. */
export function canSomewhere(member: Member | null, action: Action): boolean {
  if (can(member, action)) return true;
  if (!PERMISSIONS[action].classTeacher || !member) return false;
  return member.classTeacherOf.some((classId) => isClassTeacherOf(member, classId));
}

/** Throws {@link PermissionDeniedError} unless `can()` allows; the bot itself (`'system'`) may do anything. */
export function assertCan(actor: ActorId, member: Member | null, action: Action, scope?: PermissionScope): void {
  if (actor === 'system') return;
  if (!can(member, action, scope)) throw new PermissionDeniedError(action, actor);
}
