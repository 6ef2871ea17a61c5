/**
 * Join requests (F08): filed by using an invite (see invites.ts), decided by
 * a reviewer. The decision and the member update happen in one atomic step,
 * so of two reviewers deciding at once exactly one wins and the other learns
 * who decided.
 */
import { authorize, loadMember, type ServiceContext } from './context.js';
import { NotFoundError, PermissionDeniedError } from './errors.js';
import { z } from 'zod';
import { LuaScript, luaList } from './lua.js';
import { can, isClassTeacherOf } from './permissions.js';
import { joinRequestSchema, memberSchema, parseRecord, readRecords } from './records.js';
import type { ActorId, ChildMatch, DecisionResult, JoinRequest, Member, Page } from './types.js';
import { actorIdSchema, comparePersonIds, type PersonId, personIdSchema, storedPersonId } from './person.js';

export const DEFAULT_PAGE_SIZE = 10;

/** Whom a new request is shown to first: its class teachers, or the admins (a class without one, a staff-room request). */
export interface RequestRoute {
  readonly to: 'classTeachers' | 'admins';
  readonly reviewers: readonly PersonId[];
}
export const MAX_REASON_LENGTH = 500;

/**
 * Records a decision on a pending request; on approval creates or updates the
 * member and the class roster. An approved parent is linked to the student of
 * the class whose name matches the child's (if exactly one does); an approved
 * student is linked to the parents of the class waiting with their name.
 * Audits the decision and every child link (or failed match) it made.
 * The reviewer's right is checked in the script, in the same step as the decision.
 * ARGV[2] = id, [3] 'approved'|'rejected', [4] actor, [5] reason ('' for none).
 */
const DECIDE = new LuaScript(
  'requests-decide',
  z.object({
    ok: z.boolean(),
    reason: z.enum(['not_found', 'forbidden', 'already_decided', 'class_unavailable', 'awaiting_consent']).optional(),
    decidedBy: actorIdSchema.optional(),
    status: z.enum(['approved', 'rejected']).optional(),
    request: z.unknown().optional(),
    member: z.unknown().optional(),
    child: z
      .object({ status: z.enum(['linked', 'none', 'ambiguous']).optional(), childName: z.string().optional(), childId: personIdSchema.optional() })
      .optional(),
    linkedParents: luaList(personIdSchema),
  }),
);

export class JoinRequestService {
  constructor(private readonly ctx: ServiceContext) {}

  /** A request by id, or `undefined`. */
  async get(requestId: string): Promise<JoinRequest | undefined> {
    return parseRecord(joinRequestSchema, await this.ctx.redis.get(this.ctx.keys.requestRecord(requestId)));
  }

  /** A request by id; throws NotFoundError if missing. */
  async require(requestId: string): Promise<JoinRequest> {
    const r = await this.get(requestId);
    if (!r) throw new NotFoundError('request', requestId);
    return r;
  }

  /**
   * Pending requests the actor may review, oldest first; `page` counts from 0.
   * Admins see all; a class teacher sees student and parent requests of their classes.
   */
  async listPending(actor: ActorId, options: { page?: number; pageSize?: number } = {}): Promise<Page<JoinRequest>> {
    const page = Math.max(0, Math.floor(options.page ?? 0));
    const pageSize = Math.min(100, Math.max(1, Math.floor(options.pageSize ?? DEFAULT_PAGE_SIZE)));
    const { redis, keys } = this.ctx;
    const member = actor === 'system' ? null : ((await loadMember(this.ctx, actor)) ?? null);
    const seeAll = actor === 'system' || can(member, 'request.review');
    if (!seeAll && !(member && member.classTeacherOf.some((cid) => isClassTeacherOf(member, cid)))) {
      throw new PermissionDeniedError('request.review', actor);
    }
    const ids = await redis.zrange(keys.requestsPending, 0, '-1');
    // A request waiting for a parent's consent is nobody's to decide yet (see consent.ts: /consent lists them).
    let items = (await readRecords(redis, joinRequestSchema, ids.map(keys.requestRecord))).filter((r) => !r.awaitingConsent);
    if (!seeAll) {
      items = items.filter((r) =>
        can(member, 'request.review', { classId: r.applicant.classId, role: r.applicant.role }),
      );
    }
    return { items: items.slice(page * pageSize, (page + 1) * pageSize), total: items.length, page, pageSize };
  }

  /** The id of the person's pending request for a class and role (students and teachers; a parent's are per child), if any. */
  async openFor(personId: PersonId, classId: string, role: 'student' | 'teacher'): Promise<string | undefined> {
    return (await this.ctx.redis.hget(this.ctx.keys.requestsOpen, `${personId}:${classId}:${role}`)) ?? undefined;
  }

  /** Who may decide a request: all admins, plus the class teachers of its class for student and parent requests. */
  async reviewersOf(requestId: string): Promise<PersonId[]> {
    const request = await this.require(requestId);
    return (await this.reviewerMembers(request)).map((m) => m.personId);
  }

  /**
   * Who the applicant should expect to decide: the class teachers among the request's reviewers (for
   * student and parent requests of a class that has one); an empty list means the administration.
   */
  async classTeachersDeciding(request: JoinRequest): Promise<Member[]> {
    const { classId } = request.applicant;
    return (await this.reviewerMembers(request)).filter((m) => isClassTeacherOf(m, classId));
  }

  /**
   * Whom a new request goes to: the class teachers of its class for a student or parent request of a
   * class that has one (the administration later, see {@link escalationReviewers}); otherwise every
   * admin who may decide it. Ids in order.
   */
  async routeOf(request: JoinRequest): Promise<RequestRoute> {
    const leads = await this.classTeachersDeciding(request);
    if (leads.length > 0) return { to: 'classTeachers', reviewers: leads.map((m) => m.personId) };
    return { to: 'admins', reviewers: (await this.reviewerMembers(request)).map((m) => m.personId) };
  }

  /** Who gets a request that has waited for its class teachers too long: its other reviewers (the admins). */
  async escalationReviewers(request: JoinRequest): Promise<PersonId[]> {
    const leads = new Set((await this.classTeachersDeciding(request)).map((m) => m.personId));
    return (await this.reviewerMembers(request)).map((m) => m.personId).filter((id) => !leads.has(id));
  }

  /** The person's pending requests (found by the index of the requests they filed, unless the ids are known), oldest first. */
  async pendingOf(personId: PersonId, filed?: readonly string[]): Promise<JoinRequest[]> {
    const { redis, keys } = this.ctx;
    const ids = filed ?? (await redis.smembers(keys.requestsOf(personId)));
    if (ids.length === 0) return [];
    const requests = await readRecords(redis, joinRequestSchema, ids.map(keys.requestRecord));
    return requests.filter((r) => r.status === 'pending' && r.applicant.personId === personId).sort((a, b) => a.createdAt - b.createdAt);
  }

  /** The members who may decide the request now, by the permission matrix, in id order. */
  private async reviewerMembers(request: JoinRequest): Promise<Member[]> {
    const { redis, keys } = this.ctx;
    const { classId, role } = request.applicant;
    const candidates = new Set((await redis.smembers(keys.role('admin'))).map(storedPersonId));
    if (role === 'student' || role === 'parent') {
      for (const id of await redis.smembers(keys.classLeads(classId))) candidates.add(storedPersonId(id));
    }
    const members = await readRecords(
      redis,
      memberSchema,
      [...candidates].map((id) => keys.memberRecord(id)),
    );
    return members.filter((m) => can(m, 'request.review', { classId, role })).sort((a, b) => comparePersonIds(a.personId, b.personId));
  }

  /** Approves: the applicant becomes (or stays) a member with the role and class, atomically with the decision. */
  async approve(actor: ActorId, requestId: string): Promise<DecisionResult> {
    return this.decide(actor, requestId, 'approved', '');
  }

  /** Rejects, with an optional reason shown to the applicant. */
  async reject(actor: ActorId, requestId: string, reason?: string): Promise<DecisionResult> {
    return this.decide(actor, requestId, 'rejected', (reason ?? '').trim().slice(0, MAX_REASON_LENGTH));
  }

  /** "Later": leaves the request pending; tells if someone else has decided meanwhile. */
  async later(actor: ActorId, requestId: string): Promise<DecisionResult> {
    const request = await this.require(requestId);
    await authorize(this.ctx, actor, 'request.review', {
      classId: request.applicant.classId,
      role: request.applicant.role,
    });
    if (request.status === 'pending') return { ok: true, request };
    return { ok: false, reason: 'already_decided', decidedBy: request.decidedBy, status: request.status };
  }

  private async decide(
    actor: ActorId,
    requestId: string,
    decision: 'approved' | 'rejected',
    reason: string,
  ): Promise<DecisionResult> {
    const request = await this.require(requestId);
    const { classId, role } = request.applicant;
    await authorize(this.ctx, actor, 'request.review', { classId, role });
    const reply = await DECIDE.apply(this.ctx, [requestId, decision, String(actor), reason]);
    if (!reply.ok) {
      if (reply.reason === 'not_found') throw new NotFoundError('request', requestId);
      if (reply.reason === 'forbidden') throw new PermissionDeniedError('request.review', actor);
      if (reply.reason === 'class_unavailable') return { ok: false, reason: 'class_unavailable' };
      if (reply.reason === 'awaiting_consent') return { ok: false, reason: 'awaiting_consent' };
      return { ok: false, reason: 'already_decided', decidedBy: reply.decidedBy ?? 'system', status: reply.status ?? 'approved' };
    }
    const decided = joinRequestSchema.parse(reply.request);
    const member = reply.member ? memberSchema.parse(reply.member) : undefined;
    const result: DecisionResult & { ok: true } = member ? { ok: true, request: decided, member } : { ok: true, request: decided };
    if (reply.child?.status) {
      const child: ChildMatch = { status: reply.child.status, childName: reply.child.childName ?? '' };
      if (reply.child.childId !== undefined) child.childId = reply.child.childId;
      result.child = child;
    }
    if (role === 'student' && decision === 'approved') {
      result.linkedParents = reply.linkedParents.sort(comparePersonIds);
    }
    return result;
  }
}
