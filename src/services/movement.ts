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
  StaffRoomImmutableError,
} from './errors.js';
import { LuaScript } from './lua.js';
import { memberSchema } from './records.js';
import { z } from 'zod';
import type { ActorId, Member, PromotionPlan, PromotionResult, RejectCode, RejectedRequest } from './types.js';
import { INVITE_ROLES } from './types.js';

/**
 * Lua: a copy of a list of `{ member = m, ... }` sorted by member id, ties in
 * their order — the order the service returns them in, and audits them in.
 */
const BY_VK_ID = `
local function byVkId(entries)
  local order = {}
  for i = 1, #entries do order[i] = i end
  table.sort(order, function(i, j)
    local a, b = tonumber(entries[i].member.vkId), tonumber(entries[j].member.vkId)
    if a ~= b then return a < b end
    return i < j
  end)
  local out = {}
  for _, i in ipairs(order) do table.insert(out, entries[i]) end
  return out
end
`;

/**
 * Moves a student from their class to another, with every parent linked to
 * them there: the link moves to the new class and the parent joins it; a
 * parent with no other child in the old class leaves it. Audits the move and
 * each parent's (none for a student already in the class).
 * ARGV[3] = vkId, [4] target class id, [5] source class id or '', [6] actor.
 */
const TRANSFER = new LuaScript(
  'movement.transfer',
  `
${BY_VK_ID}
local m = getMember(ARGV[3])
if not m then return jenc({ error = 'member_not_found' }) end
local to, from = ARGV[4], ARGV[5]
if from == '' then
  for _, cid in ipairs(m.classIds) do
    if redis.call('SISMEMBER', kStudents(cid), m.vkId) == 1 then from = cid break end
  end
end
if m.status ~= 'active' or from == '' or redis.call('SISMEMBER', kStudents(from), m.vkId) == 0 then
  return jenc({ error = 'not_a_student' })
end
local c = getJson(kClass(to))
if not c then return jenc({ error = 'class_not_found' }) end
if c.kind ~= 'regular' then return jenc({ error = 'staff' }) end
if c.status ~= 'active' then return jenc({ error = 'class_archived' }) end
if from == to then return jenc({ member = m, from = from, changed = false, parents = {} }) end
redis.call('SREM', kStudents(from), m.vkId)
redis.call('SADD', kStudents(to), m.vkId)
local stillInFrom = redis.call('HEXISTS', kParents(from), m.vkId) == 1
if not stillInFrom then m.classIds = removeFrom(m.classIds, from) end
addTo(m.classIds, to)
saveMember(m)
local parents = {}
for _, pid in ipairs(redis.call('HKEYS', kParents(from))) do
  local links = getLinks(from, pid)
  local stay, go = {}, {}
  for _, l in ipairs(links) do
    if sameId(l.childVkId, m.vkId) then table.insert(go, l) else table.insert(stay, l) end
  end
  local p = #go > 0 and getMember(pid)
  if p and p.status == 'active' then
    setLinks(from, pid, stay)
    local there = getLinks(to, pid)
    local present = false
    for _, l in ipairs(there) do if sameId(l.childVkId, m.vkId) then present = true end end
    if not present then table.insert(there, go[1]) end
    setLinks(to, pid, there)
    addTo(p.classIds, to)
    if #stay == 0 then afterLeavingClass(p, from) end
    saveMember(p)
    table.insert(parents, { member = p, stayedInFromClass = #stay > 0 })
  end
end
audit(ARGV[6], 'movement.transferred', { vkId = m.vkId, classId = to }, { fromClassId = from, parents = #parents })
for _, p in ipairs(byVkId(parents)) do
  audit(ARGV[6], 'movement.parent_transferred', { vkId = p.member.vkId, classId = to },
    { fromClassId = from, childVkId = m.vkId, stayedInFromClass = p.stayedInFromClass })
end
return jenc({ member = m, from = from, changed = true, parents = parents })
`,
);

/**
 * Marks a member as left: all roles end, they leave every roster, the invites
 * they created are revoked and their pending requests rejected. A leaving
 * student's linked parents lose the link; a parent with no other child in the
 * class leaves it (and the school, with no role left). Audits the leaving, each
 * rejected request, and what happened to each parent.
 * ARGV[3] = vkId, [4] actor, [5] reason code for the rejected requests.
 */
const LEAVE = new LuaScript(
  'movement.leave',
  `
${BY_VK_ID}
local m = getMember(ARGV[3])
if not m then return jenc({ error = 'member_not_found' }) end
if m.status ~= 'active' then return jenc({ member = m, changed = false, revokedInvites = 0 }) end
if has(m.roles, 'admin') and redis.call('SCARD', kRole('admin')) <= 1 then return jenc({ error = 'last_admin' }) end
local actor = ARGV[4]
if actor ~= 'system' then actor = tonumber(actor) end
local studentOf = {}
for _, cid in ipairs(m.classIds) do
  if redis.call('SISMEMBER', kStudents(cid), m.vkId) == 1 then table.insert(studentOf, cid) end
end
local revoked, rejected = leaveSchool(m, actor, ARGV[5])
local parents = {}
for _, cid in ipairs(studentOf) do
  for _, entry in ipairs(detachChild(m.vkId, cid, actor, ARGV[5])) do table.insert(parents, entry) end
end
local function auditRejected(vkId, rejectedRequests)
  for _, r in ipairs(rejectedRequests) do
    audit(actor, 'request.rejected', { requestId = r.id, classId = r.classId, vkId = vkId }, { role = r.role, cause = 'left' })
  end
end
audit(actor, 'movement.left', { vkId = m.vkId },
  { revokedInvites = revoked, rejectedRequests = #rejected, parents = #parents })
auditRejected(m.vkId, rejected)
for _, p in ipairs(byVkId(parents)) do
  local pid = p.member.vkId
  audit(actor, 'family.child_unlinked', { vkId = pid, classId = p.classId }, { childVkId = m.vkId, leftClass = p.leftClass })
  if p.leftSchool then
    audit(actor, 'movement.left', { vkId = pid }, { cause = 'child_left', rejectedRequests = #p.rejected })
    auditRejected(pid, p.rejected)
  end
end
return jenc({ member = m, changed = true, revokedInvites = revoked, rejectedRequests = rejected, parents = parents })
`,
);

/**
 * Plans (and with ARGV[3] = 'apply', carries out) the move to the next school
 * year: every active regular class not kept goes up one grade, 11th grades
 * graduate (archived; their students and parents leave those classes, the
 * same way as a leaving student's linked parents: a parent with a child in
 * another class stays there; whoever keeps no role leaves the school, their
 * pending requests rejected).
 * ARGV[4] = JSON list of class ids to keep, [5] = expected plan JSON (apply), [6] = actor,
 * [7] = reason code for the rejected requests. Applying audits the promotion and each rejected request.
 */
const PROMOTE = new LuaScript(
  'movement.promote',
  `
local mode = ARGV[3]
local keep = list(cjson.decode(ARGV[4]))
local classes = {}
for _, id in ipairs(redis.call('SMEMBERS', kClasses())) do
  local c = getJson(kClass(id))
  if c and c.kind == 'regular' and c.status == 'active' then table.insert(classes, c) end
end
table.sort(classes, function(a, b)
  if a.grade ~= b.grade then return a.grade < b.grade end
  if a.letter ~= b.letter then return a.letter < b.letter end
  return a.id < b.id
end)
local plan = { moves = {}, graduates = {}, kept = {}, conflicts = {} }
local leaving = {}
for _, c in ipairs(classes) do
  if has(keep, c.id) then
    table.insert(plan.kept, c.id)
  elseif c.grade >= 11 then
    table.insert(plan.graduates, { classId = c.id, name = c.name })
    leaving[c.id] = true
  else
    table.insert(plan.moves, { classId = c.id, from = c.name, to = (c.grade + 1) .. c.letter })
    leaving[c.id] = true
  end
end
for _, mv in ipairs(plan.moves) do
  local holder = redis.call('HGET', kClassByName(), mv.to)
  if holder and not leaving[holder] then
    table.insert(plan.conflicts, { classId = mv.classId, from = mv.from, to = mv.to, blockingClassId = holder })
  end
end
if mode == 'preview' then return jenc({ plan = plan }) end
if #plan.conflicts > 0 then return jenc({ ok = false, reason = 'conflict', plan = plan }) end
local expected = cjson.decode(ARGV[5])
local function same(a, b, fields)
  a, b = list(a), list(b)
  if #a ~= #b then return false end
  for i = 1, #a do
    for _, f in ipairs(fields) do if a[i][f] ~= b[i][f] then return false end end
  end
  return true
end
if not (same(plan.moves, expected.moves, { 'classId', 'from', 'to' })
    and same(plan.graduates, expected.graduates, { 'classId', 'name' })) then
  return jenc({ ok = false, reason = 'stale', plan = plan })
end
local actor = ARGV[6]
if actor ~= 'system' then actor = tonumber(actor) end
for _, mv in ipairs(plan.moves) do redis.call('HDEL', kClassByName(), mv.from) end
for _, g in ipairs(plan.graduates) do redis.call('HDEL', kClassByName(), g.name) end
for _, mv in ipairs(plan.moves) do
  local c = getJson(kClass(mv.classId))
  c.name = mv.to
  c.grade = c.grade + 1
  redis.call('SET', kClass(c.id), jenc(c))
  redis.call('HSET', kClassByName(), c.name, c.id)
end
local graduated = 0
local graduatedPeople = {}
local rejected = {}
for _, g in ipairs(plan.graduates) do
  local cid = g.classId
  local c = getJson(kClass(cid))
  c.status = 'archived'
  c.archivedAt = NOW
  redis.call('SET', kClass(cid), jenc(c))
  revokeInvitesIn(kClassInvites(cid), actor)
  for _, vkId in ipairs(redis.call('SMEMBERS', kLeads(cid))) do
    local m = getMember(vkId)
    if m then
      m.classTeacherOf = removeFrom(m.classTeacherOf, cid)
      saveMember(m)
    end
  end
  redis.call('DEL', kLeads(cid))
  local people = redis.call('SMEMBERS', kStudents(cid))
  for _, vkId in ipairs(redis.call('HKEYS', kParents(cid))) do table.insert(people, vkId) end
  redis.call('DEL', kStudents(cid))
  redis.call('DEL', kParents(cid))
  for _, vkId in ipairs(people) do
    local m = getMember(vkId)
    if m and has(m.classIds, cid) then
      afterLeavingClass(m, cid)
      if m.status == 'active' and #m.roles == 0 then
        local _, r = leaveSchool(m, actor, ARGV[7])
        for _, x in ipairs(r) do table.insert(rejected, x) end
      else
        saveMember(m)
      end
      graduated = graduated + 1
      table.insert(graduatedPeople, { vkId = tonumber(vkId), classId = cid })
    end
  end
end
audit(actor, 'movement.promoted', {}, { moved = #plan.moves, graduatedClasses = #plan.graduates,
  graduatedMembers = graduated, rejectedRequests = #rejected })
for _, r in ipairs(rejected) do
  audit(actor, 'request.rejected', { requestId = r.id, classId = r.classId }, { role = r.role, cause = 'graduated' })
end
return jenc({ ok = true, plan = plan, graduatedMembers = graduated, graduatedPeople = graduatedPeople, rejectedRequests = rejected })
`,
);

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
}

const rejectedSchema = z.object({ id: z.string(), classId: z.string(), role: z.enum(INVITE_ROLES) });
const rejectedList = z.preprocess((v) => (Array.isArray(v) ? v : []), z.array(rejectedSchema));
// cjson writes an empty Lua table as {}: read anything but a list as an empty list.
const graduatedList = z.preprocess((v) => (Array.isArray(v) ? v : []), z.array(z.object({ vkId: z.number(), classId: z.string() })));
const movedParents = z.preprocess(
  (v) => (Array.isArray(v) ? v : []),
  z.array(z.object({ member: memberSchema, stayedInFromClass: z.boolean() })),
);
const detachedParents = z.preprocess(
  (v) => (Array.isArray(v) ? v : []),
  z.array(
    z.object({
      member: memberSchema,
      classId: z.string(),
      leftClass: z.boolean(),
      leftSchool: z.boolean(),
      rejected: rejectedList,
    }),
  ),
);

export class MovementService {
  constructor(private readonly ctx: ServiceContext) {}

  /**
   * Transfers a student to another regular class (from `fromClassId`, or their current class),
   * together with the parents linked to them, in one atomic step.
   */
  async transfer(
    actor: ActorId,
    input: { vkId: number; toClassId: string; fromClassId?: string },
  ): Promise<TransferResult> {
    await authorize(this.ctx, actor, 'movement.record');
    const reply = (await TRANSFER.apply(this.ctx, [
      input.vkId,
      input.toClassId,
      input.fromClassId ?? '',
      String(actor),
    ])) as { error?: string; member?: unknown; from?: string; changed?: boolean; parents?: unknown };
    switch (reply.error) {
      case undefined:
        break;
      case 'member_not_found':
        throw new NotFoundError('member', input.vkId);
      case 'not_a_student':
        throw new NotAStudentError(input.vkId, input.fromClassId);
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
    const parents = movedParents.parse(reply.parents).sort((a, b) => a.member.vkId - b.member.vkId);
    return { member, fromClassId, changed: reply.changed === true, parents };
  }

  /**
   * Marks a member as left: roles end at once, their invites are revoked and their pending
   * requests rejected; a student's linked parents lose the link (and leave a class with no
   * other child of theirs). Refuses for the last admin.
   */
  async markLeft(actor: ActorId, vkId: number): Promise<LeaveResult> {
    await authorize(this.ctx, actor, 'movement.record');
    const reply = (await LEAVE.apply(this.ctx, [vkId, String(actor), LEFT])) as {
      error?: string;
      member?: unknown;
      changed?: boolean;
      revokedInvites?: number;
      rejectedRequests?: unknown;
      parents?: unknown;
    };
    if (reply.error === 'member_not_found') throw new NotFoundError('member', vkId);
    if (reply.error === 'last_admin') throw new LastAdminError(vkId);
    const member = memberSchema.parse(reply.member);
    const revokedInvites = reply.revokedInvites ?? 0;
    const rejectedRequests = rejectedList.parse(reply.rejectedRequests);
    const parents: DetachedParent[] = detachedParents
      .parse(reply.parents)
      .map(({ rejected, ...rest }) => ({ ...rest, rejectedRequests: rejected }))
      .sort((a, b) => a.member.vkId - b.member.vkId);
    return { member, changed: reply.changed === true, revokedInvites, rejectedRequests, parents };
  }

  /** What promotion would do now: moves (5А→6А), graduates (11x → archived), kept classes and conflicts. */
  async previewPromotion(options: { keep?: readonly string[] } = {}): Promise<PromotionPlan> {
    const reply = (await PROMOTE.apply(this.ctx, ['preview', JSON.stringify(options.keep ?? [])])) as {
      plan: PromotionPlan;
    };
    return normalisePlan(reply.plan);
  }

  /**
   * Carries out a previewed plan as one atomic step. Refuses with `conflict`
   * if a target name is held by a class that stays, and with `stale` if the
   * classes changed since the preview (preview again and confirm).
   */
  async applyPromotion(actor: ActorId, expected: PromotionPlan): Promise<PromotionResult> {
    await authorize(this.ctx, actor, 'movement.record');
    const reply = (await PROMOTE.apply(this.ctx, [
      'apply',
      JSON.stringify(expected.kept),
      JSON.stringify({ moves: expected.moves, graduates: expected.graduates }),
      String(actor),
      LEFT,
    ])) as {
      ok: boolean;
      reason?: 'conflict' | 'stale';
      plan: PromotionPlan;
      graduatedMembers?: number;
      graduatedPeople?: unknown;
      rejectedRequests?: unknown;
    };
    const plan = normalisePlan(reply.plan);
    if (!reply.ok) return { ok: false, reason: reply.reason ?? 'stale', plan };
    const graduatedMembers = reply.graduatedMembers ?? 0;
    const rejectedRequests = rejectedList.parse(reply.rejectedRequests);
    const graduatedPeople = graduatedList.parse(reply.graduatedPeople);
    return { ok: true, plan, graduatedMembers, graduatedPeople, rejectedRequests };
  }
}

/** Lua may send an empty list as `{}`; make every list an array. */
function normalisePlan(plan: PromotionPlan): PromotionPlan {
  const arr = <T>(v: T[]): T[] => (Array.isArray(v) ? v : []);
  return { moves: arr(plan.moves), graduates: arr(plan.graduates), kept: arr(plan.kept), conflicts: arr(plan.conflicts) };
}
