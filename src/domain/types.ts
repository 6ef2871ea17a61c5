/**
 * Domain types of the school structure: classes, invites, join requests,
 * members and the audit log. Transport-free: nothing here knows about VK.
 */

/** Every role a person may hold; a person may hold several at once. */
export const ROLES = ['admin', 'head', 'deputy', 'teacher', 'student', 'parent'] as const;
export type Role = (typeof ROLES)[number];

/** The school's staff: the administration and the teachers (in {@link ROLES} order). */
export const STAFF_ROLES = ['admin', 'head', 'deputy', 'teacher'] as const satisfies readonly Role[];

/** Roles an invite link can carry. Teachers join the staff room; students and parents a regular class. */
export const INVITE_ROLES = ['student', 'parent', 'teacher'] as const;
export type InviteRole = (typeof INVITE_ROLES)[number];

/** One day in ms: invites last whole days. */
export const DAY_MS = 24 * 3600_000;

/** Limits of an invite link: how many people may use it and for how many days it works, by default and at most. */
export const INVITE_LIMITS = { defaultUses: 50, maxUses: 1000, defaultDays: 7, maxDays: 90 } as const;

/** Roles that the administration hands out to verified teachers. */
export type AdministrationRole = 'head' | 'deputy';

/** Who made a change: a VK user id, or the bot itself (bootstrap, start-up). */
import type { ActorId, PersonId } from './person.js';
export type { ActorId, PersonId } from './person.js';

/** Fixed id and name of the staff room («Учительская»). */
export const STAFF_ROOM_ID = 'staff';
export const STAFF_ROOM_NAME = 'Учительская';

/** A regular class such as `5А`. */
export interface RegularClass {
  id: string;
  kind: 'regular';
  /** Normalised name, e.g. `5А`. */
  name: string;
  grade: number;
  /** One upper-case Cyrillic letter. */
  letter: string;
  status: 'active' | 'archived';
  createdAt: number;
  archivedAt?: number;
}

/** The staff room: always exists, never archived or renamed. */
export interface StaffRoom {
  id: typeof STAFF_ROOM_ID;
  kind: 'staff';
  name: typeof STAFF_ROOM_NAME;
  status: 'active';
  createdAt: number;
}

export type ClassGroup = RegularClass | StaffRoom;

/** Why a class name was refused. */
export type ClassNameError =
  | 'empty'
  | 'no_grade'
  | 'grade_out_of_range'
  | 'no_letter'
  | 'too_many_letters'
  | 'not_cyrillic'
  | 'bad_characters';

export type ParsedClassName =
  | { ok: true; name: string; grade: number; letter: string }
  | { ok: false; input: string; reason: ClassNameError };

/** Per-name outcome of a bulk create. */
export type ClassCreateResult =
  | { input: string; status: 'created'; classGroup: RegularClass }
  | { input: string; status: 'duplicate'; name: string; existingId: string | null }
  | { input: string; status: 'invalid'; reason: ClassNameError };

/** One row of the grid preview: what would happen to the name if created now. */
export interface GridPreviewRow {
  name: string;
  grade: number;
  letter: string;
  exists: boolean;
}

interface InviteBase {
  id: string;
  classId: string;
  role: InviteRole;
  /** At least 128 random bits, base64url; goes into the deep link. */
  token: string;
  /** 8 characters from {@link INVITE_CODE_ALPHABET}; typed by hand. */
  code: string;
  createdBy: ActorId;
  createdAt: number;
  expiresAt: number;
  maxUses: number;
  uses: number;
}

export type Invite =
  | (InviteBase & { revoked: false })
  /** `revokedCause: 'promotion'`: revoked by the move to the next school year (last year's invite, out of date). */
  | (InviteBase & { revoked: true; revokedAt: number; revokedBy: ActorId; revokedCause?: 'promotion' });

export type InviteState = 'active' | 'expired' | 'revoked' | 'used_up';

/** An invite together with its state at the time it was read. */
export interface InviteView {
  schoolId: string;
  invite: Invite;
  state: InviteState;
}

/** A person's grammatical gender, for the endings of the words about them («перевели Ивана», «отмечена»); from the messenger's profile. */
export type Gender = 'female' | 'male';

/** What a person applying through an invite tells about themselves; `gender` from their messenger profile, when it says. */
export type Applicant = (
  | { role: 'student'; personId: PersonId; name: string; gender?: Gender; classId: string; consent: true }
  | { role: 'parent'; personId: PersonId; name: string; gender?: Gender; classId: string; childName: string; consent: true }
  | { role: 'teacher'; personId: PersonId; name: string; gender?: Gender; classId: string; subjects: string[]; consent: true }
) & {
  /** The version of the consent text the applicant agreed to (consent.ts); absent for a young student, whose parent consents. */
  consentVersion?: string;
};

/** What the dialog collects before using an invite; role and class come from the invite. */
export interface ApplicantInput {
  personId: PersonId;
  name: string;
  /** The applicant's gender as their messenger profile gives it; absent when it does not. */
  gender?: Gender;
  /** Consent to the processing of personal data; the dialog must not call without it. */
  consent: true;
  /** Required for a parent invite. */
  childName?: string;
  /** For a teacher invite. */
  subjects?: string[];
  /** The version of the consent text the person agreed to (CONSENT_TEXT_VERSION in consent.ts). */
  consentVersion?: string;
  /** A young student (see consent.ts): the request is filed waiting for a parent's consent instead of the student's own. */
  awaitingParentConsent?: true;
}

interface JoinRequestBase {
  id: string;
  inviteId: string;
  applicant: Applicant;
  createdAt: number;
  /** A young student's request waiting for a parent's consent (consent.ts): nobody may decide it yet. */
  awaitingConsent?: true;
  /** How the parent's consent of a young student's request came (shown on the card): by the link, or on paper. */
  parentConsent?: { kind: 'parent'; personId: PersonId; name: string; at: number } | { kind: 'paper'; by: PersonId; at: number };
}

/** Why the bot itself rejected a request (translated when shown): `left`, the applicant left the school; `no_consent`, a parent declined consent. */
export const REJECT_CODES = ['left', 'no_consent'] as const;
export type RejectCode = (typeof REJECT_CODES)[number];

export type JoinRequest =
  | (JoinRequestBase & { status: 'pending' })
  | (JoinRequestBase & { status: 'approved'; decidedBy: ActorId; decidedAt: number })
  | (JoinRequestBase & {
      status: 'rejected';
      decidedBy: ActorId;
      decidedAt: number;
      /** A reviewer's own words, shown as written. */
      reason?: string;
      /** Set instead of `reason` when the bot rejected the request itself. */
      reasonCode?: RejectCode;
    });

export type JoinRequestStatus = JoinRequest['status'];

/** Result of using an invite: a pending request, or why not. */
export type InviteUseResult =
  | { ok: true; request: JoinRequest & { status: 'pending' } }
  /** `outdated`: revoked by the move to the next school year. */
  | { ok: false; reason: 'not_found' | 'expired' | 'revoked' | 'outdated' | 'used_up' }
  | { ok: false; reason: 'already_member' }
  | { ok: false; reason: 'already_pending'; requestId: string };

/** One child of a parent in a class: the name the parent gave, and the student's VK id once known. */
export interface ParentLink {
  childName: string;
  childId?: PersonId;
}

/**
 * How an approved parent request was matched to a student of the class by the child's name:
 * `linked` (exactly one student matched, or already linked), `none` (no student of that name yet),
 * `ambiguous` (several students match; a reviewer links by hand with /linkchild).
 */
export interface ChildMatch {
  status: 'linked' | 'none' | 'ambiguous';
  childName: string;
  childId?: PersonId;
}

/** Result of a reviewer's decision. The loser of a race learns who decided. */
export type DecisionResult =
  | {
      ok: true;
      request: JoinRequest;
      member?: Member;
      /** For an approved parent: whether the child was found among the class's students. */
      child?: ChildMatch;
      /** For an approved student: parents of the class who were waiting with a matching child name, now linked. */
      linkedParents?: PersonId[];
    }
  | { ok: false; reason: 'already_decided'; decidedBy: ActorId; status: 'approved' | 'rejected' }
  | { ok: false; reason: 'class_unavailable' }
  /** A young student's request still waiting for a parent's consent (consent.ts). */
  | { ok: false; reason: 'awaiting_consent' };

export type TeacherStatus = 'pending' | 'verified';

interface MemberBase {
  personId: PersonId;
  name: string;
  /** From the messenger's profile when the person applied; absent for older records and when the profile does not say. */
  gender?: Gender;
  roles: Role[];
  /** Present while the member holds the teacher role. */
  teacherStatus?: TeacherStatus;
  /** Who confirmed the teacher's status, and when: the first verifier (kept until the teacher leaves). */
  verifiedBy?: PersonId;
  verifiedAt?: number;
  /** Classes the member belongs to (as student, parent, or the staff room as teacher). */
  classIds: string[];
  /** Classes this member leads as class teacher. */
  classTeacherOf: string[];
  subjects: string[];
  childName?: string;
  joinedAt: number;
}

export type Member =
  | (MemberBase & { status: 'active' })
  | (MemberBase & { status: 'left'; leftAt: number });

/** A class's people, as the class teacher or admin sees them. */
export interface ClassRoster {
  classGroup: ClassGroup;
  students: Member[];
  /** `childName` lists the children's names (comma-separated); `children` holds each with its student id once linked. */
  parents: { member: Member; childName: string; children: ParentLink[] }[];
  /** Members of the staff room (only for the staff room). */
  teachers: Member[];
  classTeachers: Member[];
}

/** A page of items with the total count. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Ids an audit entry may point at. Never names or phone numbers. */
export interface AuditTarget {
  classId?: string;
  inviteId?: string;
  requestId?: string;
  personId?: PersonId;
}

export interface AuditEntry {
  id: number;
  at: number;
  actor: ActorId;
  action: string;
  target: AuditTarget;
  /** Small non-personal facts, e.g. counts. */
  details?: Record<string, number | string | boolean>;
}

/** Plan of the move to the next school year. */
export interface PromotionPlan {
  moves: { classId: string; from: string; to: string }[];
  graduates: { classId: string; name: string }[];
  /** Classes kept in place this time (e.g. already created for the coming year). */
  kept: string[];
  conflicts: { classId: string; from: string; to: string; blockingClassId: string }[];
}

export type PromotionResult =
  | {
      ok: true;
      plan: PromotionPlan;
      graduatedMembers: number;
      /** Each student and parent who left a graduating class, with that class. */
      graduatedPeople: { personId: PersonId; classId: string }[];
      /** Pending requests of graduates who left the school, rejected with them. */
      rejectedRequests: RejectedRequest[];
      /** Last year's invites that still admitted someone, revoked for the classes that moved or graduated. */
      revokedInvites: number;
      /** The class teachers of each graduating class (no longer its class teachers after it). */
      graduatedTeachers: { personId: PersonId; classId: string }[];
    }
  | { ok: false; reason: 'conflict'; plan: PromotionPlan }
  | { ok: false; reason: 'stale'; plan: PromotionPlan };

/** A pending request rejected because its applicant left the school. */
export interface RejectedRequest {
  id: string;
  classId: string;
  role: InviteRole;
}
