/**
 * Issuing invites (F05, F11): the use case that creates one ({@link issueInvite}), and what the
 * invite commands and the invite builder share: who may invite where, reading roles and numbers
 * typed by people, explaining the service's refusals, and finding a person by id or mention.
 */
import type { App } from '../../app.js';
import { may } from '../shared/command-registry.js';
import type { Translate } from '../../i18n.js';
import {
  ClassArchivedError,
  InvalidInviteOptionsError,
  InviteTargetError,
  NotFoundError,
  PermissionDeniedError,
  DAY_MS,
  INVITE_LIMITS,
  can,
  type ClassGroup,
  type Invite,
  type InviteRole,
  type Role,
} from '../../domain/index.js';
import type { PersonId } from '../../domain/person.js';
import type { Caller, Turn } from '../../turn.js';
import type { WithNotices } from '../shared/notices.js';

/** Preset answers of the builder: how many people may use an invite, and for how many days it works. */
export const USES_PRESETS: readonly number[] = [1, 30, 50];
export const DAYS_PRESETS: readonly number[] = [1, 7, 30];

/** Whether the caller may create invites at all: an admin, or a verified class teacher (the permission matrix). */
export const mayInvite = may('invite.create');

/** Roles an invite to this class can carry: teachers to the staff room, students and parents to a class. */
export function rolesFor(classGroup: ClassGroup): InviteRole[] {
  return classGroup.kind === 'staff' ? ['teacher'] : ['student', 'parent'];
}

/** Active classes the caller may invite someone to (an admin: all and the staff room; a class teacher: their own). */
export async function invitableClasses(app: App, caller: Caller): Promise<ClassGroup[]> {
  const all = await app.services.classes.list();
  return all.filter((c) => rolesFor(c).some((role) => can(caller.member, 'invite.create', { classId: c.id, role })));
}

/** Active invites the caller may see and revoke, newest first. */
export async function visibleInvites(app: App, caller: Caller): Promise<Invite[]> {
  if (can(caller.member, 'invite.revoke')) return app.services.invites.listActive();
  const own = caller.member?.classTeacherOf ?? [];
  const lists = await Promise.all(own.map((classId) => app.services.invites.listActive({ classId })));
  return lists
    .flat()
    .filter((i) => can(caller.member, 'invite.revoke', { classId: i.classId, role: i.role }))
    .sort((a, b) => b.createdAt - a.createdAt);
}

const ROLE_WORDS: Readonly<Record<string, InviteRole>> = {
  student: 'student', students: 'student', ученик: 'student', ученики: 'student', учеников: 'student', ученица: 'student',
  parent: 'parent', parents: 'parent', родитель: 'parent', родители: 'parent', родителей: 'parent',
  teacher: 'teacher', teachers: 'teacher', учитель: 'teacher', учителя: 'teacher', учителей: 'teacher',
};

/** A role typed in Latin or Russian (ученик, родители, учитель…), or undefined. */
export function parseInviteRole(word: string): InviteRole | undefined {
  return ROLE_WORDS[word.trim().toLocaleLowerCase('ru-RU')];
}

/** The role's name in the person's language (lower case, for running text). */
export function roleName(t: Translate, role: Role): string {
  return t(`role-${role}`);
}

/** The same name with a capital letter, for a button. */
export function roleButtonLabel(t: Translate, role: InviteRole): string {
  const name = roleName(t, role);
  return name.charAt(0).toLocaleUpperCase() + name.slice(1);
}

/** A whole number 1..max typed by a person, or undefined. */
export function parseCount(text: string, max: number): number | undefined {
  const trimmed = text.trim();
  if (!/^\d{1,4}$/.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return n >= 1 && n <= max ? n : undefined;
}

export interface InviteDraft {
  classId: string;
  role: InviteRole;
  maxUses: number;
  days: number;
}

/** What the author is told about a new invite: the invite (its card follows), or why not. */
export type IssueOutcome = { kind: 'created'; invite: Invite } | { kind: 'refused'; text: string };

/**
 * Creating an invite (F05), the use case: the service checks the caller's right to invite to that
 * class and role at the moment it runs. A refusal comes back with its reason in the caller's
 * language; nobody else is told anything.
 */
export async function issueInvite(app: App, turn: Turn, draft: InviteDraft): Promise<WithNotices<IssueOutcome>> {
  try {
    const invite = await app.services.invites.create(turn.caller.personId, {
      classId: draft.classId,
      role: draft.role,
      maxUses: draft.maxUses,
      ttlMs: draft.days * DAY_MS,
    });
    return { outcome: { kind: 'created', invite }, notices: [] };
  } catch (error) {
    const key = inviteErrorKey(error, draft.role);
    if (!key) throw error;
    return { outcome: { kind: 'refused', text: turn.t(key, { maxUses: INVITE_LIMITS.maxUses, maxDays: INVITE_LIMITS.maxDays }) }, notices: [] };
  }
}

/** The locale key explaining a refusal of the invite service, or undefined for an unexpected error. */
export function inviteErrorKey(error: unknown, role: InviteRole): string | undefined {
  if (error instanceof PermissionDeniedError) return role === 'teacher' ? 'inv-denied-teacher' : 'inv-denied-class';
  if (error instanceof InviteTargetError) return 'inv-wrong-target';
  if (error instanceof ClassArchivedError) return 'inv-class-archived';
  if (error instanceof NotFoundError) return 'inv-class-unknown';
  if (error instanceof InvalidInviteOptionsError) return 'inv-bad-options';
  return undefined;
}

/** Looks a person up in the messenger: their id and «Имя Фамилия», or undefined for a deleted or unknown page. */
export async function lookupVkUser(app: App, ref: string): Promise<{ id: PersonId; name: string } | undefined> {
  const profile = await app.messenger.profile(ref);
  return profile && { id: profile.id, name: [profile.firstName, profile.lastName].filter(Boolean).join(' ') };
}
