/**
 * Movement of students and staff (F10): transfer to another class, leaving
 * the school, and promotion to the next school year — each one atomic.
 */
import { authorize, type ServiceContext } from './context.js';
import {
  ClassArchivedError,
  LastAdminError,
  NotAStudentError,
  NotFoundError,
  PermissionDeniedError,
  StaffRoomImmutableError,
} from './errors.js';
import { LuaScript, luaList } from './lua.js';
import { classGroupSchema, memberSchema, readRecords } from './records.js';
import { z } from 'zod';
import type { ActorId, ClassGroup, Member, PromotionPlan, PromotionResult, RegularClass, RejectCode, RejectedRequest } from './types.js';
import { INVITE_ROLES } from './types.js';
import { comparePersonIds, type PersonId, personIdSchema } from './person.js';

/**
 * Moves a student from their class to another, with every parent linked to
 * them there: the link moves to the new class and the parent joins it; a
 * parent with no other child in the old class leaves it. Audits the move and
 * each parent's (none for a student already in the class).
 * ARGV[2] = personId, [3] target class id, [4] source class id or '', [5] actor.
 * The actor's right (movement.record) is checked in the same step: `forbidden` when it was
 * taken away since `authorize`.
 */
const TRANSFER = new LuaScript(
  'movement-transfer',
  z.object({
    error: z.string().optional(),
    member: z.unknown().optional(),
    from: z.string().optional(),
    changed: z.boolean().optional(),
    parents: luaList(z.object({ member: memberSchema, stayedInFromClass: z.boolean() })),
  }),
);

const rejectedSchema = z.object({ id: z.string(), classId: z.string(), role: z.enum(INVITE_ROLES) });
const rejectedList = luaList(rejectedSchema);

/**
 * Marks a member as left: all roles end, they leave every roster, the invites
 * they created are revoked and their pending requests rejected. A leaving
 * student's linked parents lose the link; a parent with no other child in the
 * class leaves it (and the school, with no role left). Audits the leaving, each
 * rejected request, and what happened to each parent.
 * ARGV[2] = personId, [3] actor, [4] reason code for the rejected requests.
 * The actor's right (movement.record) is checked in the same step: `forbidden` when it was
 * taken away since `authorize`.
 */
const LEAVE = new LuaScript(
  'movement-leave',
  z.object({
    error: z.string().optional(),
    member: z.unknown().optional(),
    changed: z.boolean().optional(),
    revokedInvites: z.number().optional(),
    rejectedRequests: rejectedList,
    studentOf: luaList(z.string()),
    parents: luaList(
      z.object({ member: memberSchema, classId: z.string(), leftClass: z.boolean(), leftSchool: z.boolean(), rejected: rejectedList }),
    ),
  }),
);

/**
 * Applies a plan of {@link planPromotion} as one atomic step, re-checking that the classes are
 * still as planned (`stale` if not, `conflict` if a target name is now held by a class that
 * stays): moved classes go up one grade; graduating ones are archived, their students and parents
 * leave those classes (a parent with a child in another class stays there; whoever keeps no role
 * leaves the school, their pending requests rejected); last year's invites of the moved and
 * graduating classes that still admitted someone are revoked (`revokedCause: 'promotion'`).
 * ARGV[2] = plan JSON, [3] actor, [4] reason code for the rejected requests. Audits each class
 * (its names then and now), the promotion and each rejected request.
 * The actor's right (movement.record) is checked in the same step: `forbidden` when it was
 * taken away since `authorize`.
 */
const PROMOTE = new LuaScript(
  'movement-promote',
  z.object({
    ok: z.boolean(),
    reason: z.enum(['stale', 'conflict', 'forbidden']).optional(),
    revokedInvites: z.number().optional(),
    graduatedMembers: z.number().optional(),
    graduatedPeople: luaList(z.object({ personId: personIdSchema, classId: z.string() })),
    graduatedTeachers: luaList(z.object({ personId: personIdSchema, classId: z.string() })),
    rejectedRequests: rejectedList,
  }),
);

/**
 * The move to the next school year, planned from the school's classes (a pure function): every
 * active regular class not kept goes up one grade (5А → 6А), 11th grades graduate; a target name
 * held by a class that stays is a conflict. Classes in grade, letter, id order.
 */
export function planPromotion(
  classes: readonly ClassGroup[],
  byName: Readonly<Record<string, string>>,
  keep: readonly string[] = [],
): PromotionPlan {
  const active = classes
    .filter((c): c is RegularClass => c.kind === 'regular' && c.status === 'active')
    .sort((a, b) => a.grade - b.grade || cmp(a.letter, b.letter) || cmp(a.id, b.id));
  const plan: PromotionPlan = { moves: [], graduates: [], kept: [], conflicts: [] };
  const leaving = new Set<string>();
  for (const c of active) {
    if (keep.includes(c.id)) plan.kept.push(c.id);
    else if (c.grade >= 11) plan.graduates.push({ classId: c.id, name: c.name });
    else plan.moves.push({ classId: c.id, from: c.name, to: `${c.grade + 1}${c.letter}` });
    if (!keep.includes(c.id)) leaving.add(c.id);
  }
  for (const mv of plan.moves) {
    const holder = byName[mv.to];
    if (holder !== undefined && !leaving.has(holder)) plan.conflicts.push({ ...mv, blockingClassId: holder });
  }
  return plan;
}

/** Lua's string order (bytes of UTF-8; the same as UTF-16 code units for the letters of class names). */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The reason code stored on the pending requests of someone who left (marked as left or graduated). */
const LEFT: RejectCode = 'left';

/** A parent moved along with their transferred child. */
export interface MovedParent {
  member: Member;
  /** The parent still has another child in the old class, so they stay there too. */
  stayedInFromClass: boolean;
}

export interface TransferResult {
  member: Member;
  fromClassId: string;
  changed: boolean;
  /** Parents linked to the student, moved to the new class with them. */
  parents: MovedParent[];
}

/** A parent linked to a student who left: their link ended in `classId`. */
export interface DetachedParent {
  member: Member;
  classId: string;
  /** No other child of theirs is in the class: they left it. */
  leftClass: boolean;
  /** No role was left: they left the school. */
  leftSchool: boolean;
  rejectedRequests: RejectedRequest[];
}

export interface LeaveResult {
  member: Member;
  changed: boolean;
  revokedInvites: number;
  /** The member's pending join requests, rejected as they left. */
  rejectedRequests: RejectedRequest[];
  /** For a student: the parents linked to them. */
  parents: DetachedParent[];
  /** The classes they were a student of (their class teachers are told). */
  studentOf: string[];
}

export class MovementService {
  constructor(private readonly ctx: ServiceContext) {}

  /**
   * Transfers a student to another regular class (from `fromClassId`, or their current class),
   * together with the parents linked to them, in one atomic step.
   */
  async transfer(
    actor: ActorId,
    input: { personId: PersonId; toClassId: string; fromClassId?: string },
  ): Promise<TransferResult> {
    await authorize(this.ctx, actor, 'movement.record');
    const reply = await TRANSFER.apply(this.ctx, [
      input.personId,
      input.toClassId,
      input.fromClassId ?? '',
      String(actor),
    ]);
    switch (reply.error) {
      case undefined:
        break;
      case 'forbidden':
        throw new PermissionDeniedError('movement.record', actor);
      case 'member_not_found':
        throw new NotFoundError('member', input.personId);
      case 'not_a_student':
        throw new NotAStudentError(input.personId, input.fromClassId);
      case 'class_not_found':
        throw new NotFoundError('class', input.toClassId);
      case 'staff':
        throw new StaffRoomImmutableError('transfer');
      case 'class_archived':
        throw new ClassArchivedError(input.toClassId);
      default:
        throw new Error(`movement.transfer failed: ${reply.error}`);
    }
    const member = memberSchema.parse(reply.member);
    const fromClassId = reply.from ?? '';
    const parents = reply.parents.sort((a, b) => comparePersonIds(a.member.personId, b.member.personId));
    return { member, fromClassId, changed: reply.changed === true, parents };
  }

  /**
   * Marks a member as left: roles end at once, their invites are revoked and their pending
   * requests rejected; a student's linked parents lose the link (and leave a class with no
   * other child of theirs). Refuses for the last admin.
   */
  async markLeft(actor: ActorId, personId: PersonId): Promise<LeaveResult> {
    await authorize(this.ctx, actor, 'movement.record');
    const reply = await LEAVE.apply(this.ctx, [personId, String(actor), LEFT]);
    if (reply.error === 'forbidden') throw new PermissionDeniedError('movement.record', actor);
    if (reply.error === 'member_not_found') throw new NotFoundError('member', personId);
    if (reply.error === 'last_admin') throw new LastAdminError(personId);
    const member = memberSchema.parse(reply.member);
    const revokedInvites = reply.revokedInvites ?? 0;
    const rejectedRequests = reply.rejectedRequests;
    const parents: DetachedParent[] = reply.parents
      .map(({ rejected, ...rest }) => ({ ...rest, rejectedRequests: rejected }))
      .sort((a, b) => comparePersonIds(a.member.personId, b.member.personId));
    return { member, changed: reply.changed === true, revokedInvites, rejectedRequests, parents, studentOf: reply.studentOf };
  }

  /** What promotion would do now: moves (5А→6А), graduates (11x → archived), kept classes and conflicts. */
  async previewPromotion(options: { keep?: readonly string[] } = {}): Promise<PromotionPlan> {
    const { redis, keys } = this.ctx;
    const [ids, byName] = await Promise.all([redis.smembers(keys.classes), redis.hgetall(keys.classByName)]);
    const classes = await readRecords(redis, classGroupSchema, ids.map(keys.classRecord));
    return planPromotion(classes, byName, options.keep ?? []);
  }

  /**
   * Carries out a previewed plan as one atomic step. Refuses with `conflict`
   * if a target name is held by a class that stays, and with `stale` if the
   * classes changed since the preview (preview again and confirm). The script
   * checks the plan against the classes in the step that applies it, so a
   * repeat of the same operation (after a crash) gets the kept reply.
   */
  async applyPromotion(actor: ActorId, expected: PromotionPlan): Promise<PromotionResult> {
    await authorize(this.ctx, actor, 'movement.record');
    const plan: PromotionPlan = { moves: expected.moves, graduates: expected.graduates, kept: expected.kept, conflicts: [] };
    const reply = await PROMOTE.apply(this.ctx, [
      JSON.stringify({ moves: plan.moves, graduates: plan.graduates, kept: plan.kept }),
      String(actor),
      LEFT,
    ]);
    if (!reply.ok) {
      if (reply.reason === 'forbidden') throw new PermissionDeniedError('movement.record', actor);
      // As the preview would say now: a conflict if the classes as they are have one, else stale.
      const now = await this.previewPromotion({ keep: expected.kept });
      return { ok: false, reason: now.conflicts.length > 0 ? 'conflict' : (reply.reason ?? 'stale'), plan: now };
    }
    const { graduatedPeople, graduatedTeachers, rejectedRequests } = reply;
    return { ok: true, plan, graduatedMembers: reply.graduatedMembers ?? 0, graduatedPeople, graduatedTeachers, rejectedRequests, revokedInvites: reply.revokedInvites ?? 0 };
  }
}
