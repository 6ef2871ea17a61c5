/**
 * The journal's entries as sentences people read (F10): each action of the audit log has its own
 * message in the locales, with the people by name and the classes by the names they had when the
 * entry was written (kept in the entry's details; an old entry without them falls back to the
 * class's name now, or «класс удалён»). Names of people are looked up here, at reading time, from
 * their member records: the entries themselves hold ids only.
 */
import type { App } from '../../app.js';
import type { PersonId } from '../../domain/person.js';
import type { AuditEntry, ClassGroup, Member } from '../../domain/types.js';
import type { Translate, TranslateArgs } from '../../i18n.js';
import { roleName } from '../invites/issue-invite.js';
import { auditChild } from './audit-filter.js';

/** What rendering entries needs to know: the members and classes it met, read once. */
export interface AuditLookup {
  readonly members: ReadonlyMap<PersonId, Member>;
  /** The names of people with no name in the roster (a bootstrap admin, someone gone): their VK profile's. */
  readonly names: ReadonlyMap<PersonId, string>;
  readonly classes: ReadonlyMap<string, ClassGroup>;
}

/** How many people with no name in the roster one rendering asks VK about. */
const MAX_PROFILE_LOOKUPS = 50;

/** Reads the members and classes the entries name, each once; people with no roster name by their VK profile. */
export async function auditLookup(app: App, entries: readonly AuditEntry[]): Promise<AuditLookup> {
  const ids = new Set<PersonId>();
  for (const entry of entries) {
    if (entry.actor !== 'system') ids.add(entry.actor);
    if (entry.target.personId !== undefined) ids.add(entry.target.personId);
    const child = auditChild(entry);
    if (child !== undefined) ids.add(child);
  }
  const members = new Map<PersonId, Member>();
  const names = new Map<PersonId, string>();
  let profiles = 0;
  for (const id of ids) {
    const member = await app.services.members.get(id);
    if (member) members.set(id, member);
    if (member?.name.trim()) {
      names.set(id, member.name.trim());
      continue;
    }
    // A long export names at most so many people from VK: the rest are «неизвестный человек».
    if (profiles >= MAX_PROFILE_LOOKUPS) continue;
    profiles += 1;
    const profile = await app.messenger.profile(id).catch(() => undefined);
    const name = [profile?.lastName, profile?.firstName].filter(Boolean).join(' ').trim();
    if (name) names.set(id, name);
  }
  const classes = new Map((await app.services.classes.list({ includeArchived: true })).map((c) => [c.id, c]));
  return { members, names, classes };
}

/** How a person is written: a VK mention in a message, the plain name in a file. */
export type PersonStyle = (personId: PersonId, name: string) => string;

/** One entry's parts, as the journal and its file show them. */
export interface AuditRow {
  /** Who did it: a person's name or «система». */
  who: string;
  /** What was done, as a sentence. */
  what: string;
  /** The class concerned, by its name at the time ('' when none). */
  className: string;
  /** The person concerned ('' when none). */
  person: string;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const num = (value: unknown): number => (typeof value === 'number' ? value : 0);

/** Renders one entry; `style` writes the people (mentions in a message, plain names in a file). */
export function auditRow(t: Translate, entry: AuditEntry, lookup: AuditLookup, style: PersonStyle): AuditRow {
  const details = entry.details ?? {};
  const personName = (personId: PersonId | undefined): string => {
    if (personId === undefined) return '';
    const name = lookup.names.get(personId);
    return name ? style(personId, name) : t('au-someone');
  };
  const classAt = (classId: string | undefined, stored: unknown): string => {
    if (classId === undefined) return '';
    return str(stored) ?? lookup.classes.get(classId)?.name ?? t('au-class-deleted');
  };
  const who = entry.actor === 'system' ? t('au-system') : personName(entry.actor);
  const person = personName(entry.target.personId);
  const className = classAt(entry.target.classId, details.className);
  const from = classAt(str(details.fromClassId), details.fromClassName);
  const child = personName(auditChild(entry));
  const role = str(details.role);
  const vars: TranslateArgs = { person: person || t('au-someone'), className, from, child, role: role === 'student' || role === 'parent' || role === 'teacher' ? roleName(t, role) : '' };
  const what = sentence(t, entry, details, vars);
  return { who, what, className, person };
}

/** The sentence of one entry (without who did it). */
function sentence(t: Translate, entry: AuditEntry, details: NonNullable<AuditEntry['details']>, vars: TranslateArgs): string {
  const count = (key: string): TranslateArgs => ({ ...vars, count: num(details[key]) });
  switch (entry.action) {
    case 'movement.transferred':
      return t('au-movement-transferred', vars);
    case 'movement.parent_transferred':
      return t(details.stayedInFromClass === true ? 'au-movement-parent-joined' : 'au-movement-parent-transferred', vars);
    case 'movement.left':
      return details.cause === 'child_left' ? t('au-movement-parent-left', vars) : t('au-movement-left', count('revokedInvites'));
    case 'movement.promoted':
      return t('au-movement-promoted', { moved: num(details.moved), graduated: num(details.graduatedClasses), people: num(details.graduatedMembers), invites: num(details.revokedInvites) });
    case 'class.promoted':
      return t('au-class-promoted', { ...vars, newName: str(details.newName) ?? '' });
    case 'class.graduated':
      return t('au-class-graduated', vars);
    case 'class.created':
      return t('au-class-created', vars);
    case 'class.staff_room_created':
      return t('au-class-staff-room-created');
    case 'class.renamed':
      return str(details.previousName) ? t('au-class-renamed', { ...vars, previous: str(details.previousName) ?? '' }) : t('au-class-renamed-old', vars);
    case 'class.archived':
      return t('au-class-archived', count('revokedInvites'));
    case 'request.approved':
      return t('au-request-approved', vars);
    case 'request.rejected':
      if (details.cause === 'left') return t('au-request-rejected-left', vars);
      if (details.cause === 'graduated') return t('au-request-rejected-graduated', vars);
      return t('au-request-rejected', vars);
    case 'family.child_linked':
      return t('au-family-child-linked', vars);
    case 'family.child_unlinked':
      return t('au-family-child-unlinked', vars);
    case 'family.child_unmatched':
      return t('au-family-child-unmatched', vars);
    case 'invite.created':
      return t('au-invite-created', vars);
    case 'invite.revoked':
      return t('au-invite-revoked', vars);
    case 'invite.revoked_unused':
      return vars.className ? t('au-invite-revoked-unused-class', count('count')) : t('au-invite-revoked-unused', count('count'));
    case 'invite.used':
      return t('au-invite-used', vars);
    case 'admin.bootstrapped':
      return t('au-admin-bootstrapped', vars);
    case 'admin.appointed':
      return t('au-admin-appointed', vars);
    case 'admin.removed':
      return t('au-admin-removed', vars);
    case 'head.assigned':
      return t('au-head-assigned', vars);
    case 'head.unassigned':
      return t('au-head-unassigned', vars);
    case 'deputy.assigned':
      return t('au-deputy-assigned', vars);
    case 'deputy.unassigned':
      return t('au-deputy-unassigned', vars);
    case 'teacher.verified':
      return t('au-teacher-verified', vars);
    case 'classTeacher.assigned':
      return t('au-class-teacher-assigned', vars);
    case 'classTeacher.unassigned':
      return t('au-class-teacher-unassigned', vars);
    case 'member.renamed':
      return t('au-member-renamed', vars);
    case 'school.saved':
      return t('au-school-saved');
    case 'channel.bound':
    case 'channel.moved':
      return t(details.kind === 'staff' ? 'au-channel-bound-staff' : 'au-channel-bound-school');
    case 'channel.unbound':
      return t(details.kind === 'staff' ? 'au-channel-unbound-staff' : 'au-channel-unbound-school');
    case 'post.sent':
      return t('au-post-sent', { reached: num(details.reached), total: num(details.total) });
    case 'post.scheduled':
      return t('au-post-scheduled');
    case 'post.moved':
      return t('au-post-moved');
    case 'post.edited':
      return t('au-post-edited');
    case 'post.cancelled':
      return t('au-post-cancelled');
    case 'material.submitted':
      return t('au-material-submitted');
    case 'material.published':
      return t('au-material-published');
    case 'material.declined':
      return t('au-material-declined');
    case 'meeting.planned':
      return t('au-meeting-planned', { count: num(details.invited) });
    case 'meeting.moved':
      return t('au-meeting-moved');
    case 'meeting.cancelled':
      return t('au-meeting-cancelled');
    case 'broadcast.announced':
    case 'webinar.announced':
    case 'lesson.announced':
      return t('au-event-announced', { kind: entry.action.split('.')[0] ?? '' });
    case 'broadcast.moved':
    case 'webinar.moved':
    case 'lesson.moved':
      return t('au-event-moved', { kind: entry.action.split('.')[0] ?? '' });
    case 'broadcast.cancelled':
    case 'webinar.cancelled':
    case 'lesson.cancelled':
      return t('au-event-cancelled', { kind: entry.action.split('.')[0] ?? '' });
    case 'adminChat.created':
      return t('au-admin-chat-created');
    case 'studyChat.created':
      return vars.className ? t('au-study-chat-created', vars) : t('au-other-chat-created');
    default:
      return t('au-unknown');
  }
}
