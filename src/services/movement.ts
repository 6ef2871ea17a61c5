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
import type { ActorId, Member, PromotionPlan, PromotionResult } from './types.js';

/** Moves a student from their class to another. ARGV[3] = vkId, [4] target class id, [5] source class id or ''. */
const TRANSFER = new LuaScript(
  'movement.transfer',
  `
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
if from == to then return jenc({ member = m, from = from, changed = false }) end
redis.call('SREM', kStudents(from), m.vkId)
redis.call('SADD', kStudents(to), m.vkId)
local stillInFrom = redis.call('HEXISTS', kParents(from), m.vkId) == 1
if not stillInFrom then m.classIds = removeFrom(m.classIds, from) end
addTo(m.classIds, to)
saveMember(m)
return jenc({ member = m, from = from, changed = true })
`,
);

/**
 * Marks a member as left: all roles end, they leave every roster, and the
 * invites they created are revoked. ARGV[3] = vkId, [4] actor.
 */
const LEAVE = new LuaScript(
  'movement.leave',
  `
local m = getMember(ARGV[3])
if not m then return jenc({ error = 'member_not_found' }) end
if m.status ~= 'active' then return jenc({ member = m, changed = false, revokedInvites = 0 }) end
if has(m.roles, 'admin') and redis.call('SCARD', kRole('admin')) <= 1 then return jenc({ error = 'last_admin' }) end
local actor = ARGV[4]
if actor ~= 'system' then actor = tonumber(actor) end
for _, cid in ipairs(m.classIds) do
  redis.call('SREM', kStudents(cid), m.vkId)
  redis.call('HDEL', kParents(cid), m.vkId)
  redis.call('SREM', kTeachers(cid), m.vkId)
end
for _, cid in ipairs(m.classTeacherOf) do redis.call('SREM', kLeads(cid), m.vkId) end
local revoked = 0
for _, id in ipairs(redis.call('SMEMBERS', kInvitesByAuthor(m.vkId))) do
  local inv = getJson(kInvite(id))
  if inv and not inv.revoked then
    inv.revoked = true
    inv.revokedAt = NOW
    inv.revokedBy = actor
    redis.call('SET', kInvite(id), jenc(inv))
    revoked = revoked + 1
  end
end
m.roles = {}
m.classIds = {}
m.classTeacherOf = {}
m.teacherStatus = nil
m.status = 'left'
m.leftAt = NOW
saveMember(m)
return jenc({ member = m, changed = true, revokedInvites = revoked })
`,
);

/**
 * Plans (and with ARGV[3] = 'apply', carries out) the move to the next school
 * year: every active regular class not kept goes up one grade, 11th grades
 * graduate (archived; their students and parents leave those classes).
 * ARGV[4] = JSON list of class ids to keep, [5] = expected plan JSON (apply), [6] = actor.
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
for _, g in ipairs(plan.graduates) do
  local cid = g.classId
  local c = getJson(kClass(cid))
  c.status = 'archived'
  c.archivedAt = NOW
  redis.call('SET', kClass(cid), jenc(c))
  for _, id in ipairs(redis.call('SMEMBERS', kClassInvites(cid))) do
    local inv = getJson(kInvite(id))
    if inv and not inv.revoked then
      inv.revoked = true
      inv.revokedAt = NOW
      inv.revokedBy = actor
      redis.call('SET', kInvite(id), jenc(inv))
    end
  end
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
      m.classIds = removeFrom(m.classIds, cid)
      local student, parent = false, false
      for _, other in ipairs(m.classIds) do
        if redis.call('SISMEMBER', kStudents(other), m.vkId) == 1 then student = true end
        if redis.call('HEXISTS', kParents(other), m.vkId) == 1 then parent = true end
      end
      if not student then m.roles = removeFrom(m.roles, 'student') end
      if not parent then
        m.roles = removeFrom(m.roles, 'parent')
        m.childName = nil
      end
      if #m.roles == 0 then
        m.status = 'left'
        m.leftAt = NOW
      end
      saveMember(m)
      graduated = graduated + 1
    end
  end
end
return jenc({ ok = true, plan = plan, graduatedMembers = graduated })
`,
);

export interface TransferResult {
  member: Member;
  fromClassId: string;
  changed: boolean;
}

export interface LeaveResult {
  member: Member;
  changed: boolean;
  revokedInvites: number;
}

export class MovementService {
  constructor(private readonly ctx: ServiceContext) {}

  /** Transfers a student to another regular class (from `fromClassId`, or their current class). */
  async transfer(
    actor: ActorId,
    input: { vkId: number; toClassId: string; fromClassId?: string },
  ): Promise<TransferResult> {
    await authorize(this.ctx, actor, 'movement.record');
    const { redis, keys, now } = this.ctx;
    const reply = (await TRANSFER.run(redis, keys.base, now(), [
      input.vkId,
      input.toClassId,
      input.fromClassId ?? '',
    ])) as { error?: string; member?: unknown; from?: string; changed?: boolean };
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
    if (reply.changed) {
      await this.ctx.audit.record(actor, 'movement.transferred', { vkId: input.vkId, classId: input.toClassId }, {
        fromClassId,
      });
    }
    return { member, fromClassId, changed: reply.changed === true };
  }

  /** Marks a member as left: roles end at once and their invites are revoked. Refuses for the last admin. */
  async markLeft(actor: ActorId, vkId: number): Promise<LeaveResult> {
    await authorize(this.ctx, actor, 'movement.record');
    const { redis, keys, now } = this.ctx;
    const reply = (await LEAVE.run(redis, keys.base, now(), [vkId, String(actor)])) as {
      error?: string;
      member?: unknown;
      changed?: boolean;
      revokedInvites?: number;
    };
    if (reply.error === 'member_not_found') throw new NotFoundError('member', vkId);
    if (reply.error === 'last_admin') throw new LastAdminError(vkId);
    const member = memberSchema.parse(reply.member);
    const revokedInvites = reply.revokedInvites ?? 0;
    if (reply.changed) await this.ctx.audit.record(actor, 'movement.left', { vkId }, { revokedInvites });
    return { member, changed: reply.changed === true, revokedInvites };
  }

  /** What promotion would do now: moves (5А→6А), graduates (11x → archived), kept classes and conflicts. */
  async previewPromotion(options: { keep?: readonly string[] } = {}): Promise<PromotionPlan> {
    const { redis, keys, now } = this.ctx;
    const reply = (await PROMOTE.run(redis, keys.base, now(), ['preview', JSON.stringify(options.keep ?? [])])) as {
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
    const { redis, keys, now } = this.ctx;
    const reply = (await PROMOTE.run(redis, keys.base, now(), [
      'apply',
      JSON.stringify(expected.kept),
      JSON.stringify({ moves: expected.moves, graduates: expected.graduates }),
      String(actor),
    ])) as { ok: boolean; reason?: 'conflict' | 'stale'; plan: PromotionPlan; graduatedMembers?: number };
    const plan = normalisePlan(reply.plan);
    if (!reply.ok) return { ok: false, reason: reply.reason ?? 'stale', plan };
    const graduatedMembers = reply.graduatedMembers ?? 0;
    await this.ctx.audit.record(actor, 'movement.promoted', {}, {
      moved: plan.moves.length,
      graduatedClasses: plan.graduates.length,
      graduatedMembers,
    });
    return { ok: true, plan, graduatedMembers };
  }
}

/** Lua may send an empty list as `{}`; make every list an array. */
function normalisePlan(plan: PromotionPlan): PromotionPlan {
  const arr = <T>(v: T[]): T[] => (Array.isArray(v) ? v : []);
  return { moves: arr(plan.moves), graduates: arr(plan.graduates), kept: arr(plan.kept), conflicts: arr(plan.conflicts) };
}
